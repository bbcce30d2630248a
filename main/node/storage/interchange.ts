/**
 * One meeting in and out of the library as a `referat/1` document (common/format/referat1.ts).
 * The text form (canonical JSON, validation with JSON paths) is the format module's
 * (`referatJson.ts`); this module maps between documents and the database.
 *
 * Import is all or nothing: one transaction, checked before anything is written.
 */
import { DomainError } from '../../../common/contract/result';
import { itemBodyFields, meetingBodyFields, type Meeting } from '../../../common/domain/model';
import type { RichText } from '../../../common/domain/richText';
import type { ReferatDocument } from '../../../common/format/referat1';
import { formatId } from '../../../common/format/referat2';
import { builtInProfile, type MinutesProfile } from '../../../common/domain/profiles';
import { findProfile, profileOfMeeting, saveProfile } from './queries/profiles';
import type { ReadDb, WriteDb } from './library';
import { writeTransaction } from './library';
import { insertAppendix } from './queries/appendices';
import { insertImportedBody } from './queries/bodies';
import { createCommittee, hasCommittee } from './queries/committees';
import { newId, nowIso, toFlag } from './queries/common';
import { stmt } from './statements';
import { insertItem } from './queries/items';
import { getMeetingDetail, insertMeeting } from './queries/meetings';
import { listMembers } from './queries/members';
import { insertParticipant } from './queries/participants';

/** A copy of `value` without the fields `keys`. */
function without<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy: Partial<T> = { ...value };
  for (const key of keys) delete copy[key];
  return copy as Omit<T, K>;
}

/** What an import does when the document's meeting id is already in the library. */
export type OnExisting = 'refuse' | 'keepBoth' | 'replace';

export type ImportOptions = {
  /** Default `refuse`. */
  onExisting?: OnExisting;
  /** Author of the first revision of each imported body. Default "import". */
  author?: string;
};

/**
 * The meeting as a `referat/1` document: committee, all its members, the meeting header and
 * bodies, attendance, agenda items with every body, and appendices (file metadata only).
 * @throws DomainError not_found
 */
export function exportMeetingDocument(db: ReadDb, meetingId: string): ReferatDocument {
  return db
    .transaction((): ReferatDocument => {
      const detail = getMeetingDetail(db, meetingId);
      const { meeting, committee } = detail;
      const members = listMembers(db, { committeeId: committee.id });
      // The document's records are the library's, less the parent ids the document's nesting
      // says (committeeId, meetingId); validation on writing refuses any other field.
      return {
        format: formatId,
        profile: profileOfMeeting(db, meetingId),
        committee: { ...committee },
        members: members.map((m) => without(m, 'committeeId')),
        meeting: {
          ...without(meeting, 'committeeId'),
          bodies: Object.fromEntries(
            meetingBodyFields.map((field) => [field, detail.bodies[field].content]),
          ),
        },
        participants: detail.participants.map((p) => ({
          ...without(p, 'meetingId'),
          presenceChanges: p.presenceChanges.map((change) => ({ ...change })),
          itemAbsences: p.itemAbsences.map((absence) => ({ ...absence })),
        })),
        agendaItems: detail.items.map((item) => ({
          ...without(item, 'meetingId', 'position'),
          bodies: Object.fromEntries(
            itemBodyFields.map((field) => [field, item.bodies[field].content]),
          ),
        })),
        appendices: detail.appendices.map((a) => ({
          ...without(a, 'meetingId'),
          file: a.file && { ...a.file },
        })),
      };
    })
    .deferred();
}

/**
 * Imports a validated `referat/1` document (see `parseReferatDocument`), all or nothing.
 *
 * - The committee is matched by id, else created; members likewise (new members of an existing
 *   committee are added after its own). An existing committee or member is not changed.
 * - The meeting's id already in the library: `refuse` → `conflict`; `replace` → the existing
 *   meeting (a draft, else `locked`) is deleted and the document takes its place; `keepBoth` →
 *   the meeting, participants, items and appendices get new ids, and every reference to them
 *   (substitutes, absences, appendix items, references inside the text) is rewritten. keepBoth
 *   also renews the ids when only records inside the meeting collide with another meeting's.
 * - Each non-empty body becomes revision 1, authored by `options.author`.
 * - Appendix files are recorded by SHA-256; their bytes are not part of the document.
 *
 * @throws DomainError conflict, locked, invalid_input
 */
export function importMeetingDocument(
  db: ReadDb,
  document: ReferatDocument,
  options: ImportOptions = {},
): { meetingId: string } {
  const onExisting = options.onExisting ?? 'refuse';
  const author = options.author ?? 'import';
  return writeTransaction(db, (db) => {
    let doc = document;
    const existing = stmt(db, 'SELECT status FROM meetings WHERE id = ?', true).get(
      doc.meeting.id,
    ) as Meeting['status'] | undefined;
    if (existing !== undefined) {
      if (onExisting === 'refuse') {
        throw new DomainError(
          'conflict',
          `The library already has this meeting (id ${doc.meeting.id}). Import it as a copy (keep both) or replace the existing meeting.`,
        );
      }
      if (onExisting === 'replace') {
        if (existing !== 'draft') {
          throw new DomainError(
            'locked',
            `The existing meeting is ${existing}; it cannot be replaced by an import.`,
          );
        }
        stmt(db, 'DELETE FROM meetings WHERE id = ?').run(doc.meeting.id);
      } else {
        doc = withNewMeetingIds(doc);
      }
    } else if (onExisting === 'keepBoth' && findIdCollisions(db, doc).length > 0) {
      doc = withNewMeetingIds(doc);
    }
    const collisions = findIdCollisions(db, doc);
    if (collisions.length > 0) throw new IdCollisionError(collisions);

    const committee = doc.committee;
    const isNewCommittee = !hasCommittee(db, committee.id);
    if (isNewCommittee) createCommittee(db, committee);
    importMembers(db, doc, isNewCommittee);

    const memberOf = stmt(db, 'SELECT committee_id FROM members WHERE id = ?', true);
    const strangers = doc.participants
      .map((p, index) => ({ memberId: p.memberId, index }))
      .filter(({ memberId }) => memberId !== null && memberOf.get(memberId) !== committee.id);
    if (strangers.length > 0) {
      throw new DomainError(
        'invalid_input',
        `${strangers.length === 1 ? 'A participant refers' : `${strangers.length} participants refer`} to a member of another committee.`,
        undefined,
        {
          details: strangers.map(({ memberId, index }) => ({
            path: `participants[${index}].memberId`,
            message: `${memberId} is not a member of the committee`,
          })),
        },
      );
    }

    const meetingId = doc.meeting.id;
    const { bodies: meetingBodies, ...header } = doc.meeting;
    insertMeeting(db, { ...header, committeeId: committee.id });
    doc.agendaItems.forEach(({ bodies: _bodies, ...item }, position) =>
      insertItem(db, { ...item, meetingId, position }),
    );
    // Participants first without substitutes: a substitute may come before the one they replace.
    doc.participants.forEach((p, position) =>
      insertParticipant(db, { ...p, meetingId, substituteForId: null, position }),
    );
    const setSubstitute = stmt(db, 'UPDATE participants SET substitute_for_id = ? WHERE id = ?');
    for (const p of doc.participants)
      if (p.substituteForId !== null) setSubstitute.run(p.substituteForId, p.id);
    for (const appendix of doc.appendices) insertAppendix(db, { ...appendix, meetingId });

    const savedAt = nowIso();
    for (const field of meetingBodyFields) {
      insertImportedBody(db, {
        owner: { kind: 'meeting', meetingId, field },
        content: meetingBodies[field] ?? [],
        author,
        savedAt,
      });
    }
    for (const item of doc.agendaItems) {
      for (const field of itemBodyFields) {
        insertImportedBody(db, {
          owner: { kind: 'item', itemId: item.id, field },
          content: item.bodies[field] ?? [],
          author,
          savedAt,
        });
      }
    }
    keepProfile(db, meetingId, doc.profile);
    return { meetingId };
  });
}

/**
 * Makes the imported meeting resolve to the document's profile, so it prints as it did in the
 * library that exported it: a profile this library lacks is stored (an edited built-in under
 * an id of its own), and when the meeting would resolve to another profile here (another
 * committee profile or default) the meeting is given the document's profile itself.
 */
function keepProfile(db: WriteDb, meetingId: string, profile: MinutesProfile): void {
  const same = (other: MinutesProfile | undefined) =>
    other !== undefined && canonical(other) === canonical(profile);
  if (same(profileOfMeeting(db, meetingId))) return;
  let id = profile.id;
  if (!same(findProfile(db, id))) {
    let suffix = 1;
    while (findProfile(db, id) !== undefined || builtInProfile(id) !== undefined) {
      suffix += 1;
      id = `${profile.id.slice(0, 60)}-${suffix}`;
    }
    saveProfile(db, { ...profile, id });
    // The committee (or meeting) may name it already: then it resolves now.
    if (same(profileOfMeeting(db, meetingId))) return;
  }
  stmt(db, 'UPDATE meetings SET profile_id = ? WHERE id = ?').run(id, meetingId);
}

/** JSON with sorted keys: equal profiles give equal text whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : inner,
  );
}

function importMembers(db: WriteDb, doc: ReferatDocument, isNewCommittee: boolean): void {
  const memberCommittee = stmt(db, 'SELECT committee_id FROM members WHERE id = ?', true);
  let nextPosition = isNewCommittee ? 0 : listMembers(db, { committeeId: doc.committee.id }).length;
  const insert = stmt(
    db,
    `INSERT INTO members (id, committee_id, name, role, party, is_citizen, position, is_active)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  doc.members.forEach((m, index) => {
    const owner = memberCommittee.get(m.id) as string | undefined;
    if (owner === doc.committee.id) return;
    if (owner !== undefined) {
      throw new DomainError(
        'conflict',
        `members[${index}].id: member ${m.id} (${m.name}) belongs to another committee in this library.`,
      );
    }
    insert.run(
      m.id,
      doc.committee.id,
      m.name,
      m.role,
      m.party,
      toFlag(m.isCitizen),
      nextPosition,
      toFlag(m.isActive),
    );
    nextPosition += 1;
  });
}

/** Records of the document whose ids another meeting of the library already holds (as JSON paths). */
/**
 * The document's participants, items or appendices have ids another meeting of the library
 * uses. Replacing cannot help (it would replace this meeting, not the other one): only an
 * import as a copy (new ids) can.
 */
export class IdCollisionError extends DomainError {
  readonly collisions: readonly string[];
  constructor(collisions: readonly string[]) {
    super(
      'conflict',
      `The document reuses ids of another meeting in this library; import it as a copy (keep both) instead.\n${collisions.slice(0, 20).join('\n')}`,
    );
    this.collisions = collisions;
  }
}

function findIdCollisions(db: ReadDb, doc: ReferatDocument): string[] {
  const checks: Array<[string, string, Array<{ id: string }>]> = [
    ['participants', 'participants', doc.participants],
    ['agenda_items', 'agendaItems', doc.agendaItems],
    ['appendices', 'appendices', doc.appendices],
  ];
  const problems: string[] = [];
  for (const [table, path, records] of checks) {
    const exists = stmt(db, `SELECT 1 FROM ${table} WHERE id = ?`);
    records.forEach((record, index) => {
      if (exists.get(record.id) !== undefined)
        problems.push(`${path}[${index}].id: ${record.id} is already used by another meeting`);
    });
  }
  return problems;
}

/** The document with new ids for the meeting and everything in it, references rewritten. */
export function withNewMeetingIds(doc: ReferatDocument): ReferatDocument {
  const participantIds = new Map(doc.participants.map((p) => [p.id, newId()]));
  const itemIds = new Map(doc.agendaItems.map((item) => [item.id, newId()]));
  const appendixIds = new Map(doc.appendices.map((a) => [a.id, newId()]));
  const mapped = (map: Map<string, string>, id: string) => map.get(id) ?? id;
  const text = (content: RichText | undefined): RichText =>
    content === undefined ? [] : rewriteReferences(content, participantIds, appendixIds);
  return {
    ...doc,
    meeting: {
      ...doc.meeting,
      id: newId(),
      bodies: Object.fromEntries(
        meetingBodyFields.map((field) => [field, text(doc.meeting.bodies[field])]),
      ),
    },
    participants: doc.participants.map((p) => ({
      ...p,
      id: mapped(participantIds, p.id),
      substituteForId:
        p.substituteForId === null ? null : mapped(participantIds, p.substituteForId),
      presenceChanges: p.presenceChanges.map((change) => ({
        ...change,
        itemId: change.itemId === null ? null : mapped(itemIds, change.itemId),
      })),
      itemAbsences: p.itemAbsences.map((absence) => ({
        ...absence,
        itemId: mapped(itemIds, absence.itemId),
      })),
    })),
    agendaItems: doc.agendaItems.map((item) => ({
      ...item,
      id: mapped(itemIds, item.id),
      bodies: Object.fromEntries(itemBodyFields.map((field) => [field, text(item.bodies[field])])),
    })),
    appendices: doc.appendices.map((a) => ({
      ...a,
      id: mapped(appendixIds, a.id),
      itemId: a.itemId === null ? null : mapped(itemIds, a.itemId),
    })),
  };
}

/** A copy of a body with participant and appendix ids replaced through the maps. */
export function rewriteReferences(
  content: RichText,
  participantIds: ReadonlyMap<string, string>,
  appendixIds: ReadonlyMap<string, string>,
): RichText {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === 'appendixId' && typeof child === 'string')
        out[key] = appendixIds.get(child) ?? child;
      else if (key === 'participantId' && typeof child === 'string')
        out[key] = participantIds.get(child) ?? child;
      else if (key === 'participantIds' && Array.isArray(child)) {
        out[key] = child.map((id: unknown) =>
          typeof id === 'string' ? (participantIds.get(id) ?? id) : id,
        );
      } else out[key] = walk(child);
    }
    return out;
  };
  return walk(content) as RichText;
}
