/**
 * The find bar of the meeting document (Ctrl+F / Cmd+F; Electron has no find bar of its own,
 * and the browser's cannot see sections that show a preview or select text in an editor).
 *
 * It searches every body of the meeting (documentFind.ts), counts "3 af 17" in a live region,
 * steps with Enter / Shift+Enter, F3 or the buttons, starts the editor of a far section when a
 * match is there, scrolls to it and selects it in its editor while the focus stays in the bar
 * (the match is highlighted meanwhile). Escape closes the bar and puts the focus in the
 * editor with the match selected, or back where it was when nothing was found.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LexicalEditor } from 'lexical';
import type { FindOptions } from '../../../main/common/editor/findInBodies';
import type { DocumentBodies } from './documentBodies';
import {
  compareMatches,
  matchRanges,
  maxMatches,
  selectMatch,
  type DocumentMatch,
  type DocumentSearch,
} from './documentFind';

/** Names of the CSS highlights of the current match and of all others (editor.css). */
const highlightName = 'referat-find';
const allHighlightName = 'referat-find-all';

/** The most matches highlighted at once (only in bodies whose editor has started). */
const maxHighlighted = 2000;

/** Waits for a pause in typing before searching a long document. */
const searchDelayMs = 150;

const canHighlight = () => typeof CSS !== 'undefined' && 'highlights' in CSS;

function showHighlight(range: Range | null): void {
  if (!canHighlight()) return;
  if (range) {
    const highlight = new Highlight(range);
    // Drawn over the highlight of all matches.
    highlight.priority = 1;
    CSS.highlights.set(highlightName, highlight);
  } else CSS.highlights.delete(highlightName);
}

/** Highlights the matches in the bodies whose editor has started (the others show previews). */
function showAllMatches(bodies: DocumentBodies, matches: readonly DocumentMatch[]): void {
  if (!canHighlight()) return;
  const byBody = new Map<string, DocumentMatch[]>();
  let count = 0;
  for (const match of matches) {
    if (count === maxHighlighted) break;
    if (!bodies.editorOf(match.owner)) continue;
    const list = byBody.get(match.owner) ?? [];
    list.push(match);
    byBody.set(match.owner, list);
    count++;
  }
  const ranges: Range[] = [];
  for (const [key, list] of byBody) {
    const editor = bodies.editorOf(key);
    if (editor) ranges.push(...matchRanges(editor, list));
  }
  if (ranges.length > 0) CSS.highlights.set(allHighlightName, new Highlight(...ranges));
  else CSS.highlights.delete(allHighlightName);
}

/** Scrolls the match to the middle of the window; again once its section has been laid out. */
function scrollToRange(range: Range): void {
  const node = range.startContainer;
  const element = node instanceof Element ? node : node.parentElement;
  if (!element) return;
  element.scrollIntoView({ block: 'center' });
  requestAnimationFrame(() => {
    const rect = range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) {
      element.scrollIntoView({ block: 'center' });
    }
  });
}

export type FindBarProps = {
  bodies: DocumentBodies;
  search: DocumentSearch;
  /** Changes when Ctrl+F is pressed again: the field takes the focus and selects its text. */
  focusRequest: number;
  /** Changes on F3 (1: next) or Shift+F3 (-1: previous). */
  stepRequest: { step: 1 | -1; count: number };
  /** The body the focus was in when the bar opened: the first match shown is from there on. */
  originKey: string | null;
  /** The element focused when the bar opened. */
  opener: HTMLElement | null;
  /** The text selected when the bar opened (found at once). */
  initialQuery: string;
  onClose(): void;
};

export function FindBar({
  bodies,
  search,
  focusRequest,
  stepRequest,
  originKey,
  opener,
  initialQuery,
  onClose,
}: FindBarProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(initialQuery);
  const [isCaseSensitive, setCaseSensitive] = useState(false);
  const [isAccentInsensitive, setAccentInsensitive] = useState(false);
  const [matches, setMatches] = useState<DocumentMatch[]>([]);
  const [isTruncated, setTruncated] = useState(false);
  const [index, setIndex] = useState(-1);
  // The match shown now and its editor, for stepping on from it and for Escape.
  const shown = useRef<{ match: DocumentMatch; editor: LexicalEditor } | null>(null);
  const revealToken = useRef(0);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusRequest]);

  useEffect(
    () => () => {
      showHighlight(null);
      showAllMatches(bodies, []);
    },
    [bodies],
  );

  const runSearch = useCallback(() => {
    const options: FindOptions = { isCaseSensitive, isAccentInsensitive };
    const result = search.search(query, options);
    setMatches(result.matches);
    setTruncated(result.isTruncated);
    showAllMatches(bodies, result.matches);
    return result.matches;
  }, [bodies, search, query, isCaseSensitive, isAccentInsensitive]);

  /** Starts the body of a match if needed, selects and highlights it, scrolls to it. */
  const reveal = useCallback(
    async (match: DocumentMatch) => {
      const token = ++revealToken.current;
      const wasStarted = bodies.editorOf(match.owner) !== null;
      const editor = await bodies.start(match.owner);
      if (token !== revealToken.current || !editor) return;
      let target = match;
      if (!wasStarted) {
        // The editor's text now decides (it names references as displayed): find again.
        const fresh = runSearch();
        const same = fresh.findIndex((m) => compareMatches(bodies, m, match) >= 0);
        const next = same === -1 ? 0 : same;
        if (!fresh[next]) return;
        target = fresh[next];
        setIndex(next);
      }
      const range = selectMatch(editor, target);
      shown.current = { match: target, editor };
      showHighlight(range);
      if (range) scrollToRange(range);
    },
    [bodies, runSearch],
  );

  // Search as the query or the options change, after a pause in typing.
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const found = runSearch();
      if (found.length === 0) {
        setIndex(-1);
        shown.current = null;
        showHighlight(null);
        return;
      }
      // From the match shown, else from the body the user was in.
      const from = shown.current?.match ?? {
        owner: originKey ?? bodies.entries[0]?.key ?? '',
        block: 0,
        start: 0,
      };
      const at = found.findIndex((m) => compareMatches(bodies, m, from) >= 0);
      const next = at === -1 ? 0 : at;
      setIndex(next);
      const match = found[next];
      if (match) void reveal(match);
    }, searchDelayMs);
    return () => window.clearTimeout(timer);
  }, [runSearch, reveal, bodies, originKey]);

  const step = useCallback(
    (direction: 1 | -1) => {
      // The text may have changed since the last search (typing with the bar open).
      const found = runSearch();
      if (found.length === 0) {
        setIndex(-1);
        return;
      }
      const current = shown.current?.match;
      let next: number;
      if (!current) next = direction === 1 ? 0 : found.length - 1;
      else if (direction === 1) {
        const after = found.findIndex((m) => compareMatches(bodies, m, current) > 0);
        next = after === -1 ? 0 : after;
      } else {
        let before = -1;
        found.forEach((m, i) => {
          if (compareMatches(bodies, m, current) < 0) before = i;
        });
        next = before === -1 ? found.length - 1 : before;
      }
      setIndex(next);
      const match = found[next];
      if (match) void reveal(match);
    },
    [bodies, reveal, runSearch],
  );

  const isFirstStep = useRef(true);
  useEffect(() => {
    // Not on mount: the request that exists when the bar opens is an old one.
    if (isFirstStep.current) {
      isFirstStep.current = false;
      return;
    }
    step(stepRequest.step);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request steps
  }, [stepRequest]);

  const close = () => {
    revealToken.current++;
    showHighlight(null);
    showAllMatches(bodies, []);
    const current = shown.current;
    onClose();
    if (current) {
      // Lexical restores the selection it holds: the match.
      selectMatch(current.editor, current.match);
      current.editor.focus();
    } else if (opener?.isConnected) {
      opener.focus();
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && event.target === input.current) {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    }
  };

  const count =
    query === ''
      ? ''
      : matches.length === 0
        ? t('editor.find.none')
        : t(isTruncated ? 'editor.find.countMore' : 'editor.find.count', {
            current: index + 1,
            total: isTruncated ? maxMatches.toLocaleString('da-DK') : matches.length,
          });

  return (
    <div
      className="find-bar"
      role="search"
      aria-label={t('editor.find.region')}
      onKeyDown={onKeyDown}
    >
      <label htmlFor={inputId} className="find-bar__label">
        {t('editor.find.label')}
      </label>
      <input
        ref={input}
        id={inputId}
        className="find-bar__input"
        type="search"
        value={query}
        autoComplete="off"
        spellCheck={false}
        aria-keyshortcuts="Enter Shift+Enter Escape"
        onChange={(event) => setQuery(event.target.value)}
      />
      <span className="find-bar__count" role="status">
        {count}
      </span>
      <button
        type="button"
        className="find-bar__button"
        aria-label={t('editor.find.previous')}
        title={`${t('editor.find.previous')} (Shift+Enter)`}
        disabled={matches.length === 0}
        onClick={() => step(-1)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="find-bar__button"
        aria-label={t('editor.find.next')}
        title={`${t('editor.find.next')} (Enter)`}
        disabled={matches.length === 0}
        onClick={() => step(1)}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <label className="find-bar__option">
        <input
          type="checkbox"
          checked={isCaseSensitive}
          onChange={(event) => setCaseSensitive(event.target.checked)}
        />
        {t('editor.find.matchCase')}
      </label>
      <label className="find-bar__option">
        <input
          type="checkbox"
          checked={isAccentInsensitive}
          onChange={(event) => setAccentInsensitive(event.target.checked)}
        />
        {t('editor.find.ignoreAccents')}
      </label>
      <button
        type="button"
        className="find-bar__button"
        aria-label={t('editor.find.close')}
        title={`${t('editor.find.close')} (Esc)`}
        onClick={close}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
