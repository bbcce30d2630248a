/** A tiny write through the library's own error mapping, used by the busy tests. */
import { toDomainError, writeTransaction, type Library } from '../../main/node/storage/library';

export function saveSetting(library: Library, key: string, value: string): void {
  try {
    writeTransaction(library.db, () =>
      library.db
        .prepare(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(key, value),
    );
  } catch (error) {
    throw toDomainError(error, library.path);
  }
}
