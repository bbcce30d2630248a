/**
 * The personal-data check run before a public export (design.md: CPR numbers and
 * citizens' personal data must never be published).
 *
 * Errors (block the export): every CPR number, written DDMMYY-XXXX or DDMMYYXXXX where DDMMYY is
 * a real calendar date (any century), anywhere in the document: headers, titles, identifiers,
 * bodies (a number split over bold/plain runs is still found, because each block is checked as
 * one text), link addresses, vote subjects, dissents, participant names and notes, appendix
 * titles and file names. Each finding names its place ("Punkt 2 · Beslutning") and shows the
 * number with its last four digits masked, so the report itself does not spread it.
 *
 * Warnings (the user decides): a citizen member (participant with `isCitizen`) referred to by
 * name inside a body text. Citizen members are public as members (their names belong in the
 * attendance list), so the list itself is not flagged; a private person's name in the running
 * text of a decision, however, is often personal data about them and deserves a second look.
 *
 * Pure core.
 */
import { DomainError } from '../contract/result';
import { isValidIsoDate } from '../domain/model';
import { defaultItemSectionLabels } from '../domain/profiles';
import type { Block, Inline, List } from '../domain/richText';
import type { ReferatDocument } from '../format/referat1';

/** One finding of the check. */
export type PersonalDataFinding = {
  /** Machine path into the document, e.g. `agendaItems.1.bodies.decision.3`. */
  path: string;
  /** Human place in the minutes, e.g. "Punkt 2 · Beslutning". */
  location: string;
  /** What was found, with CPR digits masked. */
  text: string;
};

export type PersonalDataReport = {
  errors: PersonalDataFinding[];
  warnings: PersonalDataFinding[];
};

const cprPattern = /(?<![\d])(\d{2})(\d{2})(\d{2})-?(\d{4})(?![\d])/g;

/** The CPR numbers in `text` (date part checked), each masked as DDMMYY-XXXX. */
export function findCprNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(cprPattern)) {
    const [, dd, mm, yy] = match;
    if (dd === undefined || mm === undefined || yy === undefined) continue;
    // A valid date in some century: test both 19YY and 20YY so 29 February is judged fairly.
    const isDate = isValidIsoDate(`19${yy}-${mm}-${dd}`) || isValidIsoDate(`20${yy}-${mm}-${dd}`);
    if (isDate) found.push(`${dd}${mm}${yy}-XXXX`);
  }
  return found;
}

/** How a finding names the body it is in: the section's default label. */
const fieldNames: Record<string, string> = {
  ...defaultItemSectionLabels,
  publicDecision: 'Offentlig beslutning',
};

/** Checks a document (normally the public edition) for CPR numbers and citizens' names. */
export function checkPersonalData(doc: ReferatDocument): PersonalDataReport {
  const errors: PersonalDataFinding[] = [];
  const warnings: PersonalDataFinding[] = [];
  const scan = (path: string, location: string, text: string) => {
    for (const masked of findCprNumbers(text))
      errors.push({ path, location, text: `CPR-nummer ${masked}` });
  };
  const citizens = new Map(doc.participants.filter((p) => p.isCitizen).map((p) => [p.id, p.name]));
  const participantName = new Map(doc.participants.map((p) => [p.id, p.name]));

  const scanBody = (path: string, location: string, blocks: readonly Block[]) => {
    blocks.forEach((block, index) => {
      const blockPath = `${path}.${index}`;
      const inlineTexts = (children: readonly Inline[]) => {
        let text = '';
        for (const child of children) {
          if (child.type === 'text') text += child.text;
          else if (child.type === 'link') {
            text += child.children.map((run) => run.text).join('');
            scan(blockPath, `${location} · link`, child.url);
          } else if (child.type === 'participantRef') {
            text += participantName.get(child.participantId) ?? '';
            const citizen = citizens.get(child.participantId);
            if (citizen !== undefined) {
              warnings.push({
                path: blockPath,
                location,
                text: `Borgermedlem nævnt ved navn: ${citizen}`,
              });
            }
          }
        }
        scan(blockPath, location, text);
      };
      const walkList = (list: List) => {
        for (const item of list.items) {
          inlineTexts(item.children);
          if (item.sublist) walkList(item.sublist);
        }
      };
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          inlineTexts(block.children);
          break;
        case 'list':
          walkList(block);
          break;
        case 'table':
          for (const row of block.rows) {
            for (const cell of row.cells) {
              for (const paragraph of cell.children) inlineTexts(paragraph.children);
            }
          }
          break;
        case 'vote':
          scan(blockPath, `${location} · afstemning`, block.subject);
          break;
        case 'quotedDecision':
          scan(blockPath, `${location} · tidligere beslutning`, block.text);
          break;
        case 'dissent':
          scan(blockPath, `${location} · protokoltilførsel`, block.text);
          if (block.participantId !== null && citizens.has(block.participantId)) {
            warnings.push({
              path: blockPath,
              location: `${location} · protokoltilførsel`,
              text: `Protokoltilførsel fra borgermedlem: ${citizens.get(block.participantId) ?? ''}`,
            });
          }
          break;
      }
    });
  };

  const { meeting, committee } = doc;
  scan('committee', 'Udvalget', `${committee.name}\n${committee.organisation}`);
  scan('meeting', 'Mødet', `${meeting.location}\n${meeting.caseId}`);
  for (const [field, body] of Object.entries(meeting.bodies)) {
    scanBody(`meeting.bodies.${field}`, `Mødet · ${fieldNames[field] ?? field}`, body);
  }
  doc.participants.forEach((p, index) => {
    scan(
      `participants.${index}`,
      `Deltagere · ${p.name}`,
      `${p.name}\n${p.partialPresence}\n${p.note}`,
    );
  });
  doc.members.forEach((m, index) => scan(`members.${index}`, `Medlemmer · ${m.name}`, m.name));
  doc.agendaItems.forEach((item, index) => {
    const place = `Punkt ${item.number}`;
    scan(
      `agendaItems.${index}`,
      place,
      [item.title, item.publicTitle, item.caseId, item.documentNumber, item.presenter].join('\n'),
    );
    for (const [field, body] of Object.entries(item.bodies)) {
      scanBody(
        `agendaItems.${index}.bodies.${field}`,
        `${place} · ${fieldNames[field] ?? field}`,
        body,
      );
    }
  });
  doc.appendices.forEach((appendix, index) => {
    scan(
      `appendices.${index}`,
      `Bilag ${appendix.number}`,
      [appendix.title, appendix.documentNumber, appendix.caseId, appendix.file?.name ?? ''].join(
        '\n',
      ),
    );
  });
  return { errors, warnings };
}

/**
 * Throws a `personal_data` DomainError listing every CPR finding ("Punkt 2 · Beslutning:
 * CPR-nummer 121212-XXXX"); returns quietly when there is none.
 */
export function assertNoCprNumbers(report: PersonalDataReport): void {
  if (report.errors.length === 0) return;
  throw new DomainError(
    'personal_data',
    `Den offentlige udgave indeholder ${report.errors.length === 1 ? 'et CPR-nummer' : `${report.errors.length} CPR-numre`} og kan ikke eksporteres:`,
    undefined,
    {
      details: report.errors.map((finding) => ({ path: finding.location, message: finding.text })),
    },
  );
}
