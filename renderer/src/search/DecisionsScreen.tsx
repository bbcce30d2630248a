import {
  noSharedFilters,
  SearchFilterFields,
  sharedFilterInput,
  type SharedFilters,
} from './SearchFilterFields';
import { useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecisionCase, RequestInput, RequestOutput } from '../../../common/contract/api';
import type { ApiError, Result } from '../../../common/contract/result';
import { formatDanishDate } from '../../../common/domain/danishDates';
import { useApp } from '../appContext';
import { TextField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { dateLanguage } from '../i18n';
import { routeHash } from '../router';
import { useLatestRequest } from './useLatestRequest';
import { revealItemWhenRendered } from './reveal';
import './search.css';
import { Badge } from '../components/Badge';

type ListInput = RequestInput<'decisions:list'>;
type ListOutput = RequestOutput<'decisions:list'>;
type Filters = SharedFilters & { text: string; caseId: string };

const noFilters: Filters = { ...noSharedFilters, text: '', caseId: '' };

function toInput(filters: Filters): ListInput {
  return {
    ...sharedFilterInput(filters),
    ...(filters.text.trim() ? { text: filters.text } : {}),
    ...(filters.caseId.trim() ? { caseId: filters.caseId.trim() } : {}),
  };
}

/** The register's own filters: free text in the decisions, and a case id. */
const textFilters = [
  { key: 'text', label: 'decisions.text', type: 'search', maxLength: 10_000 },
  { key: 'caseId', label: 'common.caseId', type: 'text', maxLength: 100 },
] as const;

/** The decision register: every decision, grouped by case id, each case's history oldest first. */
export function DecisionsScreen() {
  const { t, i18n } = useTranslation();
  const { client, navigate } = useApp();
  const language = dateLanguage(i18n.language);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [cases, setCases] = useState<DecisionCase[]>([]);
  const [output, setOutput] = useState<ListOutput | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isLoading, setLoading] = useState(true);

  const latest = useLatestRequest<ListInput, Result<ListOutput>>(
    (input) => client.call('decisions:list', input),
    (result) => {
      setLoading(false);
      if (result.ok) {
        setError(null);
        setOutput(result.value);
        setCases(result.value.cases);
      } else setError(result.error);
    },
  );
  useEffect(() => {
    latest.request(toInput(noFilters), { isImmediate: true });
  }, [latest]);

  const change = (patch: Partial<Filters>, isImmediate: boolean) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    setLoading(true);
    latest.request(toInput(next), { isImmediate });
  };

  const loadMore = async () => {
    if (!output?.nextCursor) return;
    const cursor = output.nextCursor;
    setLoading(true);
    const result = await client.call('decisions:list', { ...toInput(filters), cursor });
    setLoading(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setOutput(result.value);
    setCases((current) => [...current, ...result.value.cases]);
  };

  const open = (event: MouseEvent, meetingId: string, itemId: string) => {
    event.preventDefault();
    navigate({ screen: 'meeting', meetingId });
    revealItemWhenRendered(itemId);
  };

  return (
    <section className="screen search-screen" aria-labelledby="decisions-heading">
      <h1 id="decisions-heading">{t('decisions.heading')}</h1>
      <form role="search" className="search-form" onSubmit={(event) => event.preventDefault()}>
        <div className="search-form__filters">
          {textFilters.map((filter) => (
            <TextField
              key={filter.key}
              label={t(filter.label)}
              type={filter.type}
              value={filters[filter.key]}
              maxLength={filter.maxLength}
              onChange={(value) => change({ [filter.key]: value }, false)}
            />
          ))}
          <SearchFilterFields filters={filters} onChange={(patch) => change(patch, true)} />
        </div>
      </form>
      <p className="search-status" role="status" aria-live="polite">
        {isLoading && t('search.searching')}
        {!isLoading &&
          output?.query?.isEmpty &&
          t(`search.empty.${output.query.reason ?? 'empty'}`)}
        {!isLoading && cases.length === 0 && !output?.query?.isEmpty && t('decisions.none')}
      </p>
      <InlineError error={error} />
      {cases.length > 0 && (
        <ol className="search-results" aria-busy={isLoading}>
          {cases.map((decisionCase) => (
            <li
              key={decisionCase.caseId || decisionCase.entries[0]?.itemId}
              className="search-result"
            >
              <h2 className="search-result__meeting">
                {decisionCase.caseId
                  ? `${t('common.caseId')}: ${decisionCase.caseId}`
                  : t('decisions.noCaseId')}
              </h2>
              <ol className="search-result__hits">
                {decisionCase.entries.map((entry) => (
                  <li key={entry.itemId}>
                    <a
                      className="search-hit__place"
                      href={routeHash({ screen: 'meeting', meetingId: entry.meetingId })}
                      onClick={(event) => open(event, entry.meetingId, entry.itemId)}
                    >
                      {t('decisions.reference', {
                        committee: entry.committeeName,
                        date: formatDanishDate(entry.date, { language }),
                        number: entry.itemNumber,
                        title: entry.itemTitle || t('search.closedItem'),
                      })}
                    </a>
                    {entry.isClosed && <Badge>{t('search.closed')}</Badge>}
                    <p className="search-hit__snippet">{entry.decisionText}</p>
                  </li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      )}
      {output?.nextCursor && (
        <button type="button" onClick={() => void loadMore()} disabled={isLoading}>
          {t('decisions.loadMore')}
        </button>
      )}
    </section>
  );
}
