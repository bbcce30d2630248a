/**
 * Which text bodies the meeting and each agenda item show in the editor, in which order and
 * under which label:
 * the resolved minutes profile's sections in its print order and with its labels, so the
 * secretary writes in the order the minutes are printed. A body with text that the profile has
 * no place for is still shown (after the listed ones, under its default label): no text may be
 * hidden from the secretary. The model document's layout (`ad_sections`) shows the decision
 * only, as its Ad-sections always have.
 */
import type { AgendaItemDetail } from '../../../common/contract/api';
import {
  itemBodyFields,
  meetingBodyFields,
  type Body,
  type ItemBodyField,
  type MeetingBodyField,
} from '../../../common/domain/model';
import type { MinutesProfile } from '../../../common/domain/profiles';
import { richTextToPlain } from '../../../common/domain/richText';
import { profileLabel } from '../../../common/wording/minutes';
import type { Lang } from '../../../common/wording/words';

/** One body of an item as the editor shows it; `label` null means the default label. */
export type ItemBodySlot = { field: ItemBodyField; label: string | null };

const hasText = (item: Pick<AgendaItemDetail, 'bodies'>, field: ItemBodyField) =>
  richTextToPlain(item.bodies[field]?.content ?? []).trim() !== '';

/** The item's bodies in the profile's order (see the module comment). */
export function itemBodySlots(
  profile: MinutesProfile,
  item: Pick<AgendaItemDetail, 'bodies' | 'isClosed'>,
): ItemBodySlot[] {
  const slots: ItemBodySlot[] = [];
  const listed = new Set<ItemBodyField>();
  const isAd = profile.itemLayout === 'ad_sections';
  for (const section of profile.itemSections) {
    // Bilag is the item's list of appendices, not a text body.
    if (section.field === 'appendices') continue;
    // The Ad-section carries no label of its own: the heading "Ad <title>" is the label.
    slots.push({ field: section.field, label: isAd ? null : section.label });
    listed.add(section.field);
  }
  if (item.isClosed) {
    slots.push({ field: 'publicDecision', label: null });
    listed.add('publicDecision');
  }
  for (const field of itemBodyFields)
    if (!listed.has(field) && hasText(item, field)) slots.push({ field, label: null });
  return slots;
}

/** One meeting-level body as the editor shows it; `label` null means the default label. */
export type MeetingBodySlot = { field: MeetingBodyField; label: string | null };

/**
 * The meeting-level bodies (Resumé, Tidligere beslutninger) in the profile's order and under
 * its labels ("Tidligere beslutninger:"), as the PDF prints them; a meeting body with text that
 * the profile has no section for follows under its default label, so no text is hidden.
 */
export function meetingBodySlots(
  profile: MinutesProfile,
  bodies: Partial<Record<MeetingBodyField, Body>>,
): MeetingBodySlot[] {
  const slots: MeetingBodySlot[] = profile.meetingSections.map((section) => ({
    field: section.field,
    label: section.label,
  }));
  for (const field of meetingBodyFields) {
    const isListed = slots.some((slot) => slot.field === field);
    if (!isListed && richTextToPlain(bodies[field]?.content ?? []).trim() !== '')
      slots.push({ field, label: null });
  }
  return slots;
}

/**
 * The label a body field shows for a profile's section label: the printed heading without a
 * trailing colon ("Tidligere beslutninger:" names the field "Tidligere beslutninger"), in the
 * UI's language; null (the field's default label) stays null.
 */
export function fieldLabel(label: string | null, lang: Lang): string | undefined {
  if (label === null) return undefined;
  return profileLabel(label, lang).replace(/\s*:\s*$/, '');
}
