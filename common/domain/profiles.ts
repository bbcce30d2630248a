/**
 * Minutes profiles: how one municipality (or one committee) lays out its minutes. Danish
 * minutes differ between the 98 municipalities in the document title, the header, the order
 * and names of an item's sections, where attendance goes, how items are numbered and grouped
 * and how the signature page looks (design.md, "Minutes across municipalities"). A profile
 * captures those choices as data, so one export serves every layout.
 *
 * A profile never decides whether text is printed: a body with text is always printed (the
 * export refuses and lists it when the profile has no place for it). It only decides where and
 * under which label.
 *
 * Profiles are kept in the library (a municipality default and one per committee) and carried
 * in the interchange format, so a meeting exported by one library looks the same in another.
 *
 * Pure core.
 */
import { z } from 'zod';
import { idSchema, itemSectionBodyFields, requiredText, shortText } from './model';

/**
 * The sections an agenda item can show, in the profile's order. `casePresentation` is
 * "Sagsfremstilling" or, with another label, "Beskrivelse af sagen" / "Sagens kerne";
 * `appendices` is the item's list of Bilag (not a text body).
 */
export const itemSectionFields = [...itemSectionBodyFields, 'appendices'] as const;
export const itemSectionFieldSchema = z.enum(itemSectionFields);
/** One kind of section of an agenda item (Resumé, Indstilling, ..., Beslutning, Bilag). */
export type ItemSectionField = z.infer<typeof itemSectionFieldSchema>;

/** The Danish label each section has unless a profile names it otherwise. */
export const defaultItemSectionLabels: Record<ItemSectionField, string> = {
  summary: 'Resumé',
  recommendation: 'Indstilling',
  decisionAuthority: 'Beslutningskompetence',
  casePresentation: 'Sagsfremstilling',
  consultation: 'Høring',
  finances: 'Økonomi',
  previousDecisions: 'Tidligere beslutninger',
  decision: 'Beslutning',
  appendices: 'Bilag',
};

export const itemSectionSchema = z
  .object({
    field: itemSectionFieldSchema,
    /** The heading printed above the section ("Beskrivelse af sagen", "Sagens kerne"). */
    label: requiredText(100),
    /** Shown in the agenda (dagsorden) sent before the meeting; never true for `decision`. */
    isInAgenda: z.boolean(),
  })
  .strict();
/** One section of an item as a profile prints it. */
export type ItemSection = z.infer<typeof itemSectionSchema>;

export const meetingSectionFields = ['summary', 'previousDecisions'] as const;
export const meetingSectionSchema = z
  .object({
    field: z.enum(meetingSectionFields),
    label: requiredText(100),
  })
  .strict();
/** A meeting-level section (the model document's Resumé and "Tidligere beslutninger:"). */
export type MeetingSection = z.infer<typeof meetingSectionSchema>;

/**
 * How items are laid out:
 * - `sections_per_item`: per item a heading ("5. Title", "Pkt. 42 Title") and its sections;
 * - `ad_sections`: the model document's layout: the meeting sections first, then one
 *   decisions heading ("Beslutninger:") with an "Ad <title>" section per item.
 */
export const itemLayouts = ['sections_per_item', 'ad_sections'] as const;

export const itemGroupSchema = z
  .object({
    id: idSchema,
    /** "Til efterretning", "Til behandling", "Meddelelser". */
    label: requiredText(100),
  })
  .strict();
/** A group of agenda items printed under its own heading, in the profile's order. */
export type ItemGroup = z.infer<typeof itemGroupSchema>;

export const profileLogoSchema = z
  .object({
    mediaType: z.enum(['image/png', 'image/jpeg']),
    /** The image file, base64; at most 512 KiB of image. */
    dataBase64: z
      .string()
      .max(700_000, 'the logo must be at most 512 KiB')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
    /** Alternate text for screen readers and PDF/UA ("Gentofte Kommunes logo"). */
    altText: requiredText(200),
  })
  .strict();
/** The municipality's logo, printed in the header of the first page. */
export type ProfileLogo = z.infer<typeof profileLogoSchema>;

export const minutesProfileSchema = z
  .object({
    id: idSchema,
    /** The profile's name in the app ("Gentofte – opgaveudvalg"). */
    name: requiredText(200),
    /** "Gentofte Kommune"; printed in the header when not empty. */
    municipality: shortText(200),
    logo: profileLogoSchema.nullable(),
    /** "Referat", "Beslutningsprotokol", "Protokol"; printed above the title when not empty. */
    documentTitle: shortText(100),
    itemLayout: z.enum(itemLayouts),
    /** Meeting-level sections printed before the items (used by `ad_sections`). */
    meetingSections: z.array(meetingSectionSchema).max(2),
    /** The heading above the Ad-sections (`ad_sections`), "Beslutninger:". */
    decisionsHeading: shortText(100),
    /** The item's sections, in print order. `decision` must be among them. */
    itemSections: z.array(itemSectionSchema).min(1).max(itemSectionFields.length),
    /** The item heading; `{nummer}` and `{titel}` are replaced ("{nummer}. {titel}", "Pkt. {nummer} {titel}"). */
    itemHeading: requiredText(100).refine((value) => value.includes('{titel}'), {
      message: 'must contain {titel}',
    }),
    itemNumbering: z
      .object({
        /** Per meeting (1, 2, 3 ...) or running through the calendar year. */
        mode: z.enum(['per_meeting', 'yearly']),
        /** The first number of the year (yearly) or of the meeting (per meeting). */
        start: z.number().int().min(0).max(100000),
      })
      .strict(),
    /** Item groups in print order; empty for no groups. */
    itemGroups: z.array(itemGroupSchema).max(20),
    /** Splits items into "for åbne døre" and "for lukkede døre" (within each group). */
    isSplitByAccess: z.boolean(),
    attendance: z
      .object({
        /** A compact block on page 1 ("Til stede: ...", "Afbud: ...") or a list at the end. */
        placement: z.enum(['first_page', 'end']),
        style: z.enum(['compact', 'list']),
        heading: requiredText(100),
      })
      .strict(),
    /** Where appendices are listed: under their item, or all at the end (the model document). */
    appendixPlacement: z.enum(['per_item', 'end']),
    /** How appendices are numbered: through the meeting, per item, or not at all (file names). */
    appendixNumbering: z.enum(['per_meeting', 'per_item', 'none']),
    /** Printed under an item without a decision; empty prints nothing. */
    noDecisionText: shortText(200),
    signaturePage: z.object({ columns: z.union([z.literal(1), z.literal(2)]) }).strict(),
    /** Named on every page of the public edition ("Offentlig udgave"). */
    publicEditionLabel: requiredText(100),
  })
  .strict()
  .superRefine((profile, ctx) => {
    const seen = new Set<string>();
    profile.itemSections.forEach((section, index) => {
      if (seen.has(section.field))
        ctx.addIssue({
          code: 'custom',
          path: ['itemSections', index, 'field'],
          message: `the section "${section.field}" is listed twice`,
        });
      seen.add(section.field);
      if (section.field === 'decision' && section.isInAgenda)
        ctx.addIssue({
          code: 'custom',
          path: ['itemSections', index, 'isInAgenda'],
          message: 'the decision is never part of the agenda',
        });
    });
    if (!seen.has('decision'))
      ctx.addIssue({
        code: 'custom',
        path: ['itemSections'],
        message: 'the sections must include the decision (Beslutning)',
      });
  });
/** How a municipality or committee lays out its minutes. */
export type MinutesProfile = z.infer<typeof minutesProfileSchema>;

const section = (
  field: ItemSectionField,
  label = defaultItemSectionLabels[field],
): ItemSection => ({
  field,
  label,
  isInAgenda: field !== 'decision',
});

const baseProfile = {
  municipality: '',
  logo: null,
  meetingSections: [],
  decisionsHeading: '',
  itemHeading: '{nummer}. {titel}',
  itemNumbering: { mode: 'per_meeting', start: 1 },
  itemGroups: [],
  isSplitByAccess: false,
  attendance: { placement: 'first_page', style: 'compact', heading: 'Deltagere' },
  appendixPlacement: 'per_item',
  appendixNumbering: 'per_meeting',
  noDecisionText: '',
  signaturePage: { columns: 2 },
  publicEditionLabel: 'Offentlig udgave',
} as const satisfies Partial<MinutesProfile>;

/** The layouts that print each item's sections under headings of their own, titled "Referat". */
const sectionsProfile = {
  ...baseProfile,
  documentTitle: 'Referat',
  itemLayout: 'sections_per_item',
} as const satisfies Partial<MinutesProfile>;

/**
 * The profiles Referat ships. `opgaveudvalg` reproduces the model document (Gentofte's
 * Opgaveudvalg om Innovation, 12 December 2017) exactly; the others are common Danish layouts.
 */
export const builtInProfiles: readonly MinutesProfile[] = [
  {
    ...baseProfile,
    id: 'opgaveudvalg',
    name: 'Opgaveudvalg (Resumé og Ad-afsnit)',
    documentTitle: '',
    itemLayout: 'ad_sections',
    meetingSections: [
      { field: 'summary', label: 'Resumé' },
      { field: 'previousDecisions', label: 'Tidligere beslutninger:' },
    ],
    decisionsHeading: 'Beslutninger:',
    itemSections: [section('decision')],
    attendance: { placement: 'end', style: 'list', heading: 'Deltagere' },
    appendixPlacement: 'end',
  },
  {
    ...sectionsProfile,
    id: 'fagudvalg',
    name: 'Fagudvalg (Resumé, Indstilling, Sagsfremstilling, Økonomi, Beslutning)',
    itemSections: [
      section('summary'),
      section('recommendation'),
      section('casePresentation'),
      section('finances'),
      section('previousDecisions'),
      section('decision'),
      section('appendices'),
    ],
  },
  {
    ...sectionsProfile,
    id: 'beslutningsprotokol',
    name: 'Beslutningsprotokol (beslutningen først)',
    documentTitle: 'Beslutningsprotokol',
    itemSections: [
      section('decisionAuthority'),
      section('summary', 'Sagens kerne'),
      section('recommendation'),
      section('previousDecisions'),
      section('decision'),
      section('casePresentation'),
      section('consultation'),
      section('finances'),
      section('appendices'),
    ],
  },
  {
    ...sectionsProfile,
    id: 'aarsnummereret',
    name: 'Punkter nummereret gennem året (Pkt. 42)',
    itemHeading: 'Pkt. {nummer} {titel}',
    itemNumbering: { mode: 'yearly', start: 1 },
    itemSections: [
      section('summary'),
      section('recommendation'),
      section('decisionAuthority'),
      section('casePresentation'),
      section('consultation'),
      section('finances'),
      section('previousDecisions'),
      section('decision'),
      section('appendices'),
    ],
  },
  {
    ...sectionsProfile,
    id: 'grupperet',
    name: 'Til efterretning / Til behandling, åbne og lukkede døre',
    itemGroups: [
      { id: 'til-efterretning', label: 'Til efterretning' },
      { id: 'til-behandling', label: 'Til behandling' },
    ],
    isSplitByAccess: true,
    itemSections: [
      section('recommendation'),
      section('decision'),
      section('casePresentation', 'Beskrivelse af sagen'),
      section('finances'),
      section('appendices'),
    ],
  },
];

/** The built-in profile that reproduces the layout of a meeting made before profiles existed. */
export function profileForTemplate(template: 'opgaveudvalg' | 'fagudvalg'): MinutesProfile {
  const found = builtInProfiles.find((profile) => profile.id === template);
  if (!found) throw new Error(`no built-in profile for the template ${template}`);
  return found;
}

/** The built-in profile with this id, if any. */
export function builtInProfile(id: string): MinutesProfile | undefined {
  return builtInProfiles.find((profile) => profile.id === id);
}

/**
 * The profile a meeting is laid out with: the meeting's own, else its committee's, else the
 * library's municipality default, else the built-in profile of the meeting's template. An id
 * that names no profile (`find` returns undefined: deleted, or from another library) is
 * skipped, so a meeting always has a layout.
 */
export function resolveProfile(
  choice: {
    meetingProfileId: string | null;
    committeeProfileId: string | null;
    defaultProfileId: string | null;
    template: 'opgaveudvalg' | 'fagudvalg';
  },
  find: (id: string) => MinutesProfile | undefined,
): MinutesProfile {
  for (const id of [choice.meetingProfileId, choice.committeeProfileId, choice.defaultProfileId]) {
    const found = id === null ? undefined : find(id);
    if (found) return found;
  }
  return profileForTemplate(choice.template);
}
