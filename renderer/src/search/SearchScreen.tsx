import {
  noSharedFilters,
  SearchFilterFields,
  sharedFilterInput,
  type SharedFilters,
} from './SearchFilterFields';
import { useCallback, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  RequestInput,
  RequestOutput,
  SearchGroup,
  SearchHit,
} from '../../../common/contract/api';
import type { ApiError, Result } from '../../../common/contract/result';
import { formatDanishDate } from '../../../common/domain/danishDates';
import { useApp } from '../appContext';
import { InlineError } from '../components/LoadState';
import { dateLanguage } from '../i18n';
import { routeHash } from '../router';
import { useLatestRequest } from './useLatestRequest';
import { revealItemWhenRendered } from './reveal';
import './search.css';
import { Badge } from '../components/Badge';

type SearchInput = RequestInput<'search:query'>;
type SearchOutput = RequestOutput<'search:query'>;

type Filters = SharedFilters & { order: 'newest' | 'relevance' };

type State =
  | { status: 'idle' }
  | { status: 'searching'; previous: SearchOutput | null }
  | { status: 'done'; output: SearchOutput; groups: SearchGroup[] }
  | { status: 'failed'; error: ApiError };

const noFilters: Filters = { ...noSharedFilters, order: 'newest' };

/** Full-text search over every meeting: results grouped by meeting, newest first or by relevance. */
export function SearchScreen() {
  const { t, i18n } = useTranslation();
  const { client, navigate } = useApp();
  const language = dateLanguage(i18n.language);
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [state, setState] = useState<State>({ status: 'idle' });
  const [isLoadingMore, setLoadingMore] = useState(false);

  const latest = useLatestRequest<SearchInput, Result<SearchOutput>>(
    (input, requestId) => client.call('search:query', { ...input, requestId }),
    (result) => {
      if (result.ok)
        setState({ status: 'done', output: result.value, groups: result.value.groups });
      else setState({ status: 'failed', error: result.error });
    },
  );

  const inputFor = useCallback(
    (query: string, chosen: Filters): SearchInput => ({
      text: query,
      isTyping: true,
      order: chosen.order,
      ...sharedFilterInput(chosen),
    }),
    [],
  );

  const search = (query: string, chosen: Filters, isImmediate: boolean) => {
    if (query.trim() === '') {
      latest.cancel();
      setState({ status: 'idle' });
      return;
    }
    setState((current) => ({
      status: 'searching',
      previous:
        current.status === 'done'
          ? current.output
          : current.status === 'searching'
            ? current.previous
            : null,
    }));
    latest.request(inputFor(query, chosen), { isImmediate });
  };

  const onText = (value: string) => {
    setText(value);
    search(value, filters, false);
  };
  const onFilter = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    search(text, next, true);
  };

  const loadMore = async () => {
    if (state.status !== 'done' || state.output.nextCursor === null) return;
    const cursor = state.output.nextCursor;
    setLoadingMore(true);
    const result = await client.call('search:query', { ...inputFor(text, filters), cursor });
    setLoadingMore(false);
    if (!result.ok) {
      setState({ status: 'failed', error: result.error });
      return;
    }
    setState((current) =>
      current.status === 'done' && current.output.nextCursor === cursor
        ? {
            status: 'done',
            output: result.value,
            groups: [...current.groups, ...result.value.groups],
          }
        : current,
    );
  };

  const open = (event: MouseEvent, meetingId: string, itemId: string | null) => {
    event.preventDefault();
    navigate({ screen: 'meeting', meetingId });
    if (itemId !== null) revealItemWhenRendered(itemId);
  };

  const shown =
    state.status === 'done' ? state.output : state.status === 'searching' ? state.previous : null;
  const groups = state.status === 'done' ? state.groups : (shown?.groups ?? []);

  return (
    <section className="screen search-screen" aria-labelledby="search-heading">
      <h1 id="search-heading">{t('search.heading')}</h1>
      <form
        role="search"
        className="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          search(text, filters, true);
        }}
      >
        <div className="field search-form__query">
          <label className="field__label" htmlFor="search-text">
            {t('search.query')}
          </label>
          <input
            id="search-text"
            type="search"
            value={text}
            autoComplete="off"
            spellCheck={false}
            maxLength={10_000}
            aria-describedby="search-hint"
            onChange={(event) => onText(event.target.value)}
          />
          <span className="field__hint" id="search-hint">
            {t('search.hint')}
          </span>
        </div>
        <div className="search-form__filters">
          <SearchFilterFields filters={filters} onChange={onFilter}>
            <div className="field">
              <label className="field__label" htmlFor="search-order">
                {t('search.order')}
              </label>
              <select
                id="search-order"
                value={filters.order}
                onChange={(event) =>
                  onFilter({ order: event.target.value === 'relevance' ? 'relevance' : 'newest' })
                }
              >
                <option value="newest">{t('search.newest')}</option>
                <option value="relevance">{t('search.relevance')}</option>
              </select>
            </div>
          </SearchFilterFields>
        </div>
      </form>

      <p className="search-status" role="status" aria-live="polite">
        {state.status === 'searching' && t('search.searching')}
        {state.status === 'done' &&
          state.output.query.isEmpty &&
          t(`search.empty.${state.output.query.reason ?? 'empty'}`)}
        {state.status === 'done' &&
          !state.output.query.isEmpty &&
          groups.length === 0 &&
          t('search.noResults')}
        {state.status === 'done' &&
          groups.length > 0 &&
          t('search.meetingCount', { count: groups.length })}
        {state.status === 'done' && state.output.query.isTruncated && ` ${t('search.truncated')}`}
      </p>
      {state.status === 'failed' && <InlineError error={state.error} />}

      {groups.length > 0 && (
        <ol className="search-results" aria-busy={state.status === 'searching'}>
          {groups.map((group) => (
            <li key={group.meeting.id} className="search-result">
              <h2 className="search-result__meeting">
                <a
                  href={routeHash({ screen: 'meeting', meetingId: group.meeting.id })}
                  onClick={(event) => open(event, group.meeting.id, null)}
                >
                  {t(
                    group.meeting.number === null
                      ? 'search.meetingTitleNoNumber'
                      : 'search.meetingTitle',
                    {
                      committee: group.meeting.committeeName,
                      number: group.meeting.number,
                      date: formatDanishDate(group.meeting.date, { language }),
                    },
                  )}
                </a>
                {group.meeting.isClosed && <Badge>{t('search.closed')}</Badge>}
              </h2>
              <ul className="search-result__hits">
                {group.hits.map((hit, index) => (
                  <li
                    key={`${hit.itemId ?? 'meeting'}-${hit.place}-${hit.bodyField ?? hit.appendixId ?? index}`}
                  >
                    <a
                      className="search-hit__place"
                      href={routeHash({ screen: 'meeting', meetingId: group.meeting.id })}
                      onClick={(event) => open(event, group.meeting.id, hit.itemId)}
                    >
                      {hitPlace(hit, t)}
                    </a>
                    {hit.isClosed && <Badge>{t('search.closed')}</Badge>}
                    <p className="search-hit__snippet">
                      {hit.snippet.map((segment, i) =>
                        segment.isHit ? (
                          <mark key={i}>{segment.text}</mark>
                        ) : (
                          <span key={i}>{segment.text}</span>
                        ),
                      )}
                    </p>
                  </li>
                ))}
              </ul>
              {group.hitCount > group.hits.length && (
                <p className="search-result__more">
                  {t('search.moreInMeeting', { count: group.hitCount - group.hits.length })}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {state.status === 'done' && state.output.nextCursor !== null && (
        <button type="button" onClick={() => void loadMore()} disabled={isLoadingMore}>
          {isLoadingMore ? t('search.searching') : t('search.loadMore')}
        </button>
      )}
    </section>
  );
}

/** "Pkt. 7 Title · Beslutning" or "Mødet · Deltagere". */
function hitPlace(
  hit: SearchHit,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  const where =
    hit.itemNumber === null
      ? t('search.meetingLevel')
      : t('search.item', {
          number: hit.itemNumber,
          title: hit.itemTitle || t('search.closedItem'),
        });
  const what =
    hit.place === 'body'
      ? t(
          hit.itemId === null
            ? `bodies.meeting.${hit.bodyField ?? 'summary'}`
            : `bodies.item.${hit.bodyField ?? 'summary'}`,
        )
      : t(`search.places.${hit.place}`);
  return `${where} · ${what}`;
}
