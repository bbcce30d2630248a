/**
 * Minutes profiles kept in the library: its own profiles and edited copies of the built-in ones
 * (the built-ins are in code, common/domain/profiles.ts), the municipality default (a setting)
 * and the profile a meeting resolves to (meeting → committee → default → template).
 */
import { DomainError } from '../../../../common/contract/result';
import {
  builtInProfile,
  builtInProfiles,
  minutesProfileSchema,
  resolveProfile,
  type MinutesProfile,
} from '../../../../common/domain/profiles';
import type { ReadDb } from '../db';
import { writeTransaction } from '../library';
import { notFound, nowIso } from './common';
import { stmt } from '../statements';
import { deleteSetting, getSetting, setSetting } from './settings';

/** The setting holding the municipality default profile's id. */
export const defaultProfileSetting = 'defaultProfileId';

/** A profile as listed: where it comes from. */
export type ProfileSummary = { id: string; name: string; isBuiltIn: boolean };

/** The built-in profiles, then the library's own by name. */
export function listProfiles(db: ReadDb): ProfileSummary[] {
  const own = stmt(db, 'SELECT id, name FROM profiles ORDER BY name, id').all() as Array<{
    id: string;
    name: string;
  }>;
  return [
    ...builtInProfiles.map((profile) => ({ id: profile.id, name: profile.name, isBuiltIn: true })),
    ...own.map((row) => ({ ...row, isBuiltIn: false })),
  ];
}

/** A profile by id, built-in or the library's own; undefined when there is none. */
export function findProfile(db: ReadDb, id: string): MinutesProfile | undefined {
  const builtIn = builtInProfile(id);
  if (builtIn) return builtIn;
  const definition = stmt(db, 'SELECT definition FROM profiles WHERE id = ?', true).get(id) as
    string | undefined;
  if (definition === undefined) return undefined;
  // Written only through saveProfile (validated); a row that no longer validates is skipped.
  const parsed = minutesProfileSchema.safeParse(JSON.parse(definition));
  return parsed.success ? parsed.data : undefined;
}

/** One profile. @throws DomainError not_found */
export function getProfile(db: ReadDb, id: string): MinutesProfile {
  const found = findProfile(db, id);
  if (!found) throw notFound('profile', id);
  return found;
}

/**
 * Saves one of the library's own profiles (new or changed). The built-in profiles cannot be
 * changed: an edited copy gets an id of its own. The profile must be valid (the caller has
 * validated its shape; this checks it again). @throws DomainError invalid_input
 */
export function saveProfile(db: ReadDb, profile: MinutesProfile): MinutesProfile {
  if (builtInProfile(profile.id)) {
    throw new DomainError(
      'invalid_input',
      `id: "${profile.id}" is a built-in profile; save an edited copy under an id of its own.`,
    );
  }
  const parsed = minutesProfileSchema.parse(profile);
  return writeTransaction(db, (db) => {
    stmt(
      db,
      `INSERT INTO profiles (id, name, definition, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, definition = excluded.definition,
         updated_at = excluded.updated_at`,
    ).run(parsed.id, parsed.name, JSON.stringify(parsed), nowIso());
    return parsed;
  });
}

/** The municipality default profile's id, or null (then each template's built-in applies). */
export function getDefaultProfileId(db: ReadDb): string | null {
  return getSetting(db, defaultProfileSetting) ?? null;
}

/** Sets (or, with null, clears) the municipality default. @throws DomainError not_found */
export function setDefaultProfileId(db: ReadDb, id: string | null): void {
  if (id === null) return deleteSetting(db, defaultProfileSetting);
  getProfile(db, id);
  setSetting(db, defaultProfileSetting, id);
}

/** The profile a meeting is laid out with (meeting → committee → default → template). */
export function profileOfMeeting(db: ReadDb, meetingId: string): MinutesProfile {
  const row = stmt(
    db,
    `SELECT m.profile_id AS meetingProfileId, c.profile_id AS committeeProfileId, m.template AS template
       FROM meetings m JOIN committees c ON c.id = m.committee_id WHERE m.id = ?`,
  ).get(meetingId) as
    | {
        meetingProfileId: string | null;
        committeeProfileId: string | null;
        template: 'opgaveudvalg' | 'fagudvalg';
      }
    | undefined;
  if (!row) throw notFound('meeting', meetingId);
  return resolveProfile({ ...row, defaultProfileId: getDefaultProfileId(db) }, (id) =>
    findProfile(db, id),
  );
}

/** The profile a new meeting of a committee would get (committee → default → template). */
export function profileOfCommittee(
  db: ReadDb,
  committeeId: string,
  template: 'opgaveudvalg' | 'fagudvalg',
): MinutesProfile {
  const committeeProfileId = stmt(db, 'SELECT profile_id FROM committees WHERE id = ?', true).get(
    committeeId,
  ) as string | null | undefined;
  if (committeeProfileId === undefined) throw notFound('committee', committeeId);
  return resolveProfile(
    {
      meetingProfileId: null,
      committeeProfileId,
      defaultProfileId: getDefaultProfileId(db),
      template,
    },
    (id) => findProfile(db, id),
  );
}
