import { useCallback, useEffect, useState } from 'react';
import type { ApiError, Result } from '../../../common/contract/result';
import { useApp } from '../appContext';

/** A loaded value: loading, loaded (and locally editable), or failed. */
export type Resource<T> =
  { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; error: ApiError };

/**
 * Loads a value after every pending save has been sent (so a screen never shows data older
 * than the user's own edits), and lets the screen update its copy as the user edits.
 */
export function useResource<T>(load: () => Promise<Result<T>>) {
  const { queue } = useApp();
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let isCurrent = true;
    void (async () => {
      await queue.flushAll();
      const result = await load();
      if (!isCurrent) return;
      setResource(
        result.ok
          ? { status: 'loaded', value: result.value }
          : { status: 'failed', error: result.error },
      );
    })();
    return () => {
      isCurrent = false;
    };
  }, [load, queue, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const update = useCallback((change: (value: T) => T) => {
    setResource((current) =>
      current.status === 'loaded' ? { status: 'loaded', value: change(current.value) } : current,
    );
  }, []);
  return { resource, reload, update };
}
