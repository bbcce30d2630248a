import { useEffect, useState } from 'react';
import { defaultStandardTexts } from '../../../common/editor/standardTexts';
import { useApp } from '../appContext';

/**
 * The committee's standard decision texts for the editors of its meetings; the built-in list
 * until they are loaded (or when loading fails: inserting a default text beats none).
 */
export function useStandardTexts(committeeId: string | null): readonly string[] {
  const { client } = useApp();
  const [texts, setTexts] = useState<readonly string[]>(defaultStandardTexts);
  useEffect(() => {
    if (!committeeId) return;
    let isCurrent = true;
    void client.call('standardTexts:get', { committeeId }).then((result) => {
      if (isCurrent && result.ok) setTexts(result.value.texts);
    });
    return () => {
      isCurrent = false;
    };
  }, [client, committeeId]);
  return texts;
}
