/** Replaces one record in a list by id. */
export function replaceById<T extends { id: string }>(
  list: readonly T[],
  id: string,
  change: (record: T) => T,
): T[] {
  return list.map((record) => (record.id === id ? change(record) : record));
}
