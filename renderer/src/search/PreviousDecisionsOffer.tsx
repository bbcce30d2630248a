import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviousDecision, RequestOutput } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import { useApp } from '../appContext';
import { InlineError } from '../components/LoadState';

export type PreviousDecisionsOfferProps = {
  itemId: string;
  /** The item's case id; the offer reloads when it changes. */
  caseId: string;
  /** The stored revision of the item's previousDecisions body. */
  revision: number;
  /** After an insert: the body as now stored (the caller reloads its editor with it). */
  onInserted(result: RequestOutput<'decisions:insertPrevious'>): void;
};

/**
 * "Tidligere beslutninger", automatically: earlier decisions (any committee) on the item's case
 * id, offered with a checkbox each; "Indsæt valgte" writes them into the item's
 * previousDecisions body as linked lines in date order (`decisions:insertPrevious`). Pending
 * edits are sent first, so the insert builds on the newest text.
 */
export function PreviousDecisionsOffer({
  itemId,
  caseId,
  revision,
  onInserted,
}: PreviousDecisionsOfferProps) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [entries, setEntries] = useState<PreviousDecision[]>([]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const result = await client.call('decisions:previous', { itemId });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setEntries(result.value.entries);
    setChosen(
      new Set(
        result.value.entries.filter((entry) => !entry.isInserted).map((entry) => entry.itemId),
      ),
    );
  }, [client, itemId]);

  useEffect(() => {
    if (caseId.trim() === '') {
      setEntries([]);
      return;
    }
    void load();
  }, [caseId, load]);

  if (caseId.trim() === '' || (entries.length === 0 && error === null)) return null;

  const insert = async () => {
    setBusy(true);
    await queue.flushAll();
    const result = await client.call('decisions:insertPrevious', {
      itemId,
      sourceItemIds: [...chosen],
      baseRevision: revision,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onInserted(result.value);
    await load();
  };

  const pending = entries.filter((entry) => !entry.isInserted);
  return (
    <details className="previous-decisions-offer">
      <summary>{t('previousDecisions.offer', { count: pending.length, caseId })}</summary>
      <ul className="previous-decisions-offer__list">
        {entries.map((entry) => (
          <li key={entry.itemId}>
            <label>
              <input
                type="checkbox"
                disabled={entry.isInserted}
                checked={entry.isInserted || chosen.has(entry.itemId)}
                onChange={(event) =>
                  setChosen((current) => {
                    const next = new Set(current);
                    if (event.target.checked) next.add(entry.itemId);
                    else next.delete(entry.itemId);
                    return next;
                  })
                }
              />{' '}
              {entry.line}
              {entry.isInserted && ` (${t('previousDecisions.inserted')})`}
            </label>
          </li>
        ))}
      </ul>
      <InlineError error={error} />
      <button type="button" disabled={isBusy || chosen.size === 0} onClick={() => void insert()}>
        {t('previousDecisions.insert')}
      </button>
    </details>
  );
}
