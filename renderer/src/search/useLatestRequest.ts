import { useEffect, useState } from 'react';
import { useLatest } from '../components/useLatest';
import { LatestRequest } from './latestRequest';

/**
 * A screen's LatestRequest (search as you type): made once, always sending and delivering with
 * the screen's current functions, and cancelled when the screen closes.
 */
export function useLatestRequest<I, O>(
  run: (input: I, requestId: number) => Promise<O>,
  deliver: (output: O) => void,
): LatestRequest<I, O> {
  const current = useLatest({ run, deliver });
  const [latest] = useState(
    () =>
      new LatestRequest<I, O>(
        (input, requestId) => current.current.run(input, requestId),
        (output) => current.current.deliver(output),
      ),
  );
  useEffect(() => () => latest.cancel(), [latest]);
  return latest;
}
