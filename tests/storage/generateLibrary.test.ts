/** The library generator used by benchmarks: deterministic, valid data, exportable meetings. */
import { describe, expect, it } from 'vitest';
import { serializeReferatDocument } from '../../common/format/referatJson';
import { exportMeetingDocument } from '../../main/node/storage/interchange';
import { listMeetings } from '../../main/node/storage/queries/meetings';
import { generateLibrary } from '../fixtures/generateLibrary';
import { newLibrary } from './storageHelpers';

describe('generateLibrary', () => {
  it('gives identical libraries for the same seed and valid, exportable meetings', () => {
    const a = newLibrary();
    const b = newLibrary();
    const options = { meetings: 12, committees: 3, itemsPerMeeting: 4, seed: 5 };
    const generated = generateLibrary(a.db, options);
    generateLibrary(b.db, options);
    expect(generated.meetingIds).toHaveLength(12);
    expect(generated.itemIds).toHaveLength(48);
    expect(generated.bodies).toBe(48 * 3);
    const listed = listMeetings(a.db, {});
    expect(listed).toHaveLength(12);
    expect(listed.map((m) => m.date)).toEqual([...listed.map((m) => m.date)].sort().reverse());
    for (const id of generated.meetingIds) {
      const document = exportMeetingDocument(a.db, id);
      expect(exportMeetingDocument(b.db, id)).toEqual(document);
      expect(() => serializeReferatDocument(document)).not.toThrow();
    }
    expect(a.db.pragma('foreign_key_check')).toEqual([]);
    const other = newLibrary();
    generateLibrary(other.db, { ...options, seed: 6 });
    expect(listMeetings(other.db, {}).map((m) => m.id)).not.toEqual(listed.map((m) => m.id));
  });
});
