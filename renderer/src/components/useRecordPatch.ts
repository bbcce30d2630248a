import type { Result } from '../../../common/contract/result';
import { useApp } from '../appContext';
import { replaceById } from '../meeting/records';
import { mergePatches } from '../save/saveQueue';

/**
 * Edits one record of a list in place and autosaves the change under the record's own key
 * (`<kind>:<id>`), so quick edits to one record merge into one request. `isSendable` false
 * shows a value without saving it (e.g. a blank required name).
 */
export function useRecordPatch<R extends { id: string }, P extends object>(
  kind: string,
  setList: (change: (list: R[]) => R[]) => void,
  send: (id: string, patch: P) => Promise<Result<unknown>>,
) {
  const { queue } = useApp();
  return (record: R, change: P, isSendable = true) => {
    setList((list) => replaceById(list, record.id, (current) => ({ ...current, ...change })));
    if (!isSendable) return;
    queue.schedule(`${kind}:${record.id}`, change, {
      merge: mergePatches,
      send: (merged) => send(record.id, merged),
    });
  };
}
