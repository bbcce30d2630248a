/**
 * The find bar of the meeting document (Ctrl+F / Cmd+F; Electron has no find bar of its own,
 * and the browser's cannot see sections that show a preview or select text in an editor).
 *
 * It searches every body of the meeting and the fixed text around them (title line, Sags ID,
 * headings, attendance, appendix list) in document order (documentFind.ts), counts "3 af 17"
 * in a live region, steps with Enter / Shift+Enter, F3 or the buttons, starts the editor of a
 * far section when a match is there, scrolls to it and selects it in its editor while the
 * focus stays in the bar (the match is highlighted meanwhile; a match in the fixed text is only
 * highlighted). A match in a vote or a dissent (the text its view shows) is highlighted there
 * and its block selected. Escape closes the bar and puts the focus in the editor with the match
 * selected (for a vote or a dissent, the caret right after the block, or at the end of the text
 * before it when it is the last), or back where it was when the match is not in a body or
 * nothing was found.
 *
 * When the document changes while the bar is open (a save, a rename, an attendance edit), the
 * matches are found again and the current one stays current, without scrolling.
 *
 * Replace (Ctrl+H opens the bar with it): "Erstat" replaces the current match and goes to the
 * next, "Erstat alle" replaces every match in the bodies of the meeting (starting the editors
 * of far sections first) as one undo step (applyAsOneStep: one Ctrl+Z restores every body).
 * Text the minutes write from records is never replaced: the document's fixed text (headings,
 * attendance), votes, dissents and references; the bar says how many were replaced and how
 * many were left.
 */
import { ArrowDown, ArrowUp, Replace, ReplaceAll, X, type LucideIcon } from 'lucide-react';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { useTranslation } from 'react-i18next';
import { $getSelection, $isNodeSelection, type LexicalEditor } from 'lexical';
import type { BlockTextContext } from '../../../common/wording/blocks';
import type { FindOptions } from '../../../common/editor/findInBodies';
import { revealEditor, type DocumentBodies } from './documentBodies';
import { applyAsOneStep } from './documentHistory';
import {
  $replaceMatches,
  keepSelection,
  matchRanges,
  maxMatches,
  placeCaretBesideBlock,
  selectMatch,
  type DocumentMatch,
  type DocumentSearch,
  type FoundMatch,
  type ReplaceCount,
} from './documentFind';
import { fixedTextRange, watchFixedText } from './documentFixedText';
import { useMeetingRecords } from './meetingRecords';

/** Names of the CSS highlights of the current match and of all others (editor.css). */
const highlightName = 'referat-find';
const allHighlightName = 'referat-find-all';

/** The most matches highlighted at once (bodies whose editor has not started show none). */
const maxHighlighted = 2000;

/** Waits for a pause in typing before searching a long document. */
const searchDelayMs = 150;

/** How many frames a just-started editor gets to render its votes and dissents. */
const maxRenderFrames = 30;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

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

/** The DOM range of a match as the page shows it now, or null (a body not started). */
function rangeOf(bodies: DocumentBodies, match: FoundMatch): Range | null {
  if (match.kind === 'fixed') return fixedTextRange(match);
  const editor = bodies.editorOf(match.owner);
  return editor ? (matchRanges(editor, [match])[0] ?? null) : null;
}

/** Highlights the matches in the fixed text and in the bodies whose editor has started. */
function showAllMatches(bodies: DocumentBodies, matches: readonly FoundMatch[]): void {
  if (!canHighlight()) return;
  const byBody = new Map<string, DocumentMatch[]>();
  const ranges: Range[] = [];
  let count = 0;
  for (const match of matches) {
    if (count === maxHighlighted) break;
    if (match.kind === 'fixed') {
      const range = fixedTextRange(match);
      if (range) ranges.push(range);
    } else {
      if (!bodies.editorOf(match.owner)) continue;
      const list = byBody.get(match.owner) ?? [];
      list.push(match);
      byBody.set(match.owner, list);
    }
    count++;
  }
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

/** Whether the editor's selection is a block (a vote or a dissent), not text. */
function isNodeSelected(editor: LexicalEditor): boolean {
  return editor.getEditorState().read(() => $isNodeSelection($getSelection()));
}

/**
 * Puts the focus in the editor with the vote or dissent of `match` selected as a block (a body
 * with no text beside the block to put the caret in), as the arrow keys leave it there.
 */
function focusOnBlock(editor: LexicalEditor, match: DocumentMatch): void {
  // Focusing gives the text a caret of the browser's; selecting the block again removes it.
  editor.getRootElement()?.focus({ preventScroll: true });
  selectMatch(editor, match, true);
}

/**
 * Where the user was when the bar opened: the body editor and its selection, or a point in the
 * page's text (a name selected in the attendance), so the first match shown is from there on
 * and Escape can return there.
 */
type Origin = {
  editor: LexicalEditor | null;
  selection: { restore(): boolean } | null;
  point: { node: Node; offset: number } | null;
};

function originOf(bodies: DocumentBodies, originKey: string | null): Origin {
  const editor = originKey ? bodies.editorOf(originKey) : null;
  if (editor) return { editor, selection: keepSelection(editor), point: null };
  const selection = window.getSelection();
  const node =
    selection && selection.rangeCount > 0 ? selection.getRangeAt(0).startContainer : null;
  const isInPage = node !== null && bodies.host?.contains(node) === true;
  return {
    editor: null,
    selection: null,
    point: isInPage ? { node, offset: selection?.getRangeAt(0).startOffset ?? 0 } : null,
  };
}

/**
 * A button of the bar: its icon and, after its name in the tooltip, the key that does the same.
 * The find buttons show only the icon (the name is their label); the replace buttons show the
 * name too.
 */
type BarAction = {
  label:
    | 'editor.find.previous'
    | 'editor.find.next'
    | 'editor.find.close'
    | 'editor.find.replaceOne'
    | 'editor.find.replaceAll';
  shortcut: string;
  icon: LucideIcon;
  isLabelShown?: boolean;
};

const stepActions: (BarAction & { step: 1 | -1 })[] = [
  { step: -1, label: 'editor.find.previous', shortcut: 'Shift+Enter', icon: ArrowUp },
  { step: 1, label: 'editor.find.next', shortcut: 'Enter', icon: ArrowDown },
];

const closeActions: BarAction[] = [{ label: 'editor.find.close', shortcut: 'Esc', icon: X }];

/** "Erstat" (the current match, then the next) and "Erstat alle", with the replace field's keys. */
const replaceActions: (BarAction & { isAll: boolean })[] = [
  {
    isAll: false,
    label: 'editor.find.replaceOne',
    shortcut: 'Enter',
    icon: Replace,
    isLabelShown: true,
  },
  {
    isAll: true,
    label: 'editor.find.replaceAll',
    shortcut: 'Ctrl+Enter',
    icon: ReplaceAll,
    isLabelShown: true,
  },
];

/** What opens the bar and steps it: DocumentTools keeps it while the bar is open. */
export type FindRequest = Pick<
  FindBarProps,
  'focusRequest' | 'stepRequest' | 'originKey' | 'opener' | 'initialQuery' | 'isReplaceShown'
>;

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
  /** Shows the replace field and buttons (Ctrl+H). */
  isReplaceShown: boolean;
  /** False when the minutes are approved: nothing can be replaced. */
  canReplace: boolean;
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
  isReplaceShown,
  canReplace,
  onClose,
}: FindBarProps) {
  const { t, i18n } = useTranslation();
  const { participants } = useMeetingRecords();
  const lang = i18n.language.startsWith('en') ? 'en' : 'da';
  // Votes and dissents of bodies not started are read as their editors will show them
  // (BodyField gives the editors the same records and language).
  const blockContext = useMemo<BlockTextContext>(
    () => ({ participants, lang }),
    [participants, lang],
  );
  const input = useRef<HTMLInputElement>(null);
  const replaceInput = useRef<HTMLInputElement>(null);
  const [replacement, setReplacement] = useState('');
  const [replaceResult, setReplaceResult] = useState('');
  const [isReplacing, setReplacing] = useState(false);
  const hasReplace = isReplaceShown && canReplace;
  const [query, setQuery] = useState(initialQuery);
  const [isCaseSensitive, setCaseSensitive] = useState(false);
  const [isAccentInsensitive, setAccentInsensitive] = useState(false);
  const [matches, setMatches] = useState<FoundMatch[]>([]);
  const [isTruncated, setTruncated] = useState(false);
  const [index, setIndex] = useState(-1);
  // Read before the field takes the focus (and with it the page's selection).
  const [origin] = useState(() => originOf(bodies, originKey));
  // The match shown now and its editor (none in the fixed text), for stepping on and Escape.
  const shown = useRef<{ match: FoundMatch; editor: LexicalEditor | null } | null>(null);
  const revealToken = useRef(0);
  // Bumped when the fixed text changes while the bar is open: the matches are found again.
  const [pageVersion, setPageVersion] = useState(0);
  const stopWatching = useRef<() => void>(() => {});
  // The query and options of the latest search: a new search of the same query is a refresh.
  const searchedFor = useRef<string | null>(null);
  const latestMatches = useRef<readonly FoundMatch[]>([]);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [focusRequest]);

  useEffect(
    () => () => {
      stopWatching.current();
      showHighlight(null);
      showAllMatches(bodies, []);
    },
    [bodies],
  );

  const runSearch = useCallback(() => {
    const options: FindOptions = { isCaseSensitive, isAccentInsensitive };
    const result = search.search(query, options, blockContext);
    latestMatches.current = result.matches;
    setMatches(result.matches);
    setTruncated(result.isTruncated);
    showAllMatches(bodies, result.matches);
    stopWatching.current();
    stopWatching.current = watchFixedText(search.fixedTextRoots, () =>
      setPageVersion((version) => version + 1),
    );
    return result.matches;
  }, [bodies, search, query, isCaseSensitive, isAccentInsensitive, blockContext]);

  /** The index in `found` of the match to show first: from the one shown, else from the origin. */
  const firstIndex = useCallback(
    (found: readonly FoundMatch[]): number => {
      const current = shown.current?.match;
      const point = origin.point;
      let at = 0;
      if (current) at = found.findIndex((m) => search.compare(m, current) >= 0);
      else if (originKey && bodies.indexOf(originKey) !== -1) {
        const start: FoundMatch = { kind: 'body', owner: originKey, block: 0, start: 0, end: 0 };
        at = found.findIndex((m) => search.compare(m, start) >= 0);
      } else if (point?.node.isConnected) {
        at = found.findIndex((m) => search.comparePoint(m, point.node, point.offset) >= 0);
      }
      return at === -1 ? 0 : at;
    },
    [bodies, search, originKey, origin],
  );

  /**
   * Shows a match: starts its body if needed and selects it there, highlights it, scrolls to
   * it. A match in the fixed text is highlighted only (there is no editor to select it in).
   */
  const reveal = useCallback(
    async (match: FoundMatch) => {
      const token = ++revealToken.current;
      let target = match;
      if (match.kind === 'body' && !bodies.editorOf(match.owner)) {
        const editor = await bodies.start(match.owner);
        if (token !== revealToken.current || !editor) return;
        // The editor's text now decides (it names references as displayed): find again.
        const fresh = runSearch();
        const same = fresh.findIndex((m) => search.compare(m, match) >= 0);
        const next = same === -1 ? 0 : same;
        const found = fresh[next];
        if (!found) return;
        target = found;
        setIndex(next);
        // Its votes and dissents are rendered a moment after the editor: mark their matches
        // then too, whichever match is shown.
        void nextFrame()
          .then(nextFrame)
          .then(() => {
            if (token === revealToken.current) showAllMatches(bodies, latestMatches.current);
          });
      }
      let range: Range | null;
      if (target.kind === 'fixed') {
        range = fixedTextRange(target);
        shown.current = { match: target, editor: null };
      } else {
        const editor = bodies.editorOf(target.owner);
        if (!editor) return;
        range = selectMatch(editor, target);
        shown.current = { match: target, editor };
        // A vote or a dissent of an editor just started is rendered a moment after it.
        for (let frame = 0; !range && frame < maxRenderFrames; frame++) {
          await nextFrame();
          if (token !== revealToken.current) return;
          range = matchRanges(editor, [target])[0] ?? null;
          if (range) showAllMatches(bodies, latestMatches.current);
        }
      }
      showHighlight(range);
      if (range) scrollToRange(range);
    },
    [bodies, search, runSearch],
  );

  // Search as the query or the options change, after a pause in typing; again when the
  // document changes (its records, or the fixed text on the page).
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const found = runSearch();
      const searched = JSON.stringify([query, isCaseSensitive, isAccentInsensitive]);
      const isRefresh = searchedFor.current === searched;
      searchedFor.current = searched;
      if (found.length === 0) {
        setIndex(-1);
        shown.current = null;
        showHighlight(null);
        return;
      }
      const next = firstIndex(found);
      setIndex(next);
      const match = found[next];
      if (!match) return;
      if (isRefresh) {
        // The same match (or the next one) stays current; the page does not move. A reveal
        // still starting a body's editor finishes after this and shows its match.
        shown.current = {
          match,
          editor: match.kind === 'body' ? bodies.editorOf(match.owner) : null,
        };
        showHighlight(rangeOf(bodies, match));
      } else void reveal(match);
    }, searchDelayMs);
    return () => window.clearTimeout(timer);
  }, [
    runSearch,
    reveal,
    firstIndex,
    bodies,
    query,
    isCaseSensitive,
    isAccentInsensitive,
    pageVersion,
  ]);

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
        const after = found.findIndex((m) => search.compare(m, current) > 0);
        next = after === -1 ? 0 : after;
      } else {
        let before = -1;
        found.forEach((m, i) => {
          if (search.compare(m, current) < 0) before = i;
        });
        next = before === -1 ? found.length - 1 : before;
      }
      setIndex(next);
      const match = found[next];
      if (match) void reveal(match);
    },
    [search, reveal, runSearch],
  );

  /** Says what a replace did: "3 erstattet", and how many matches were left as they were. */
  const announce = useCallback(
    ({ replaced, skipped }: ReplaceCount) => {
      const done = t('editor.find.replaced', { count: replaced });
      setReplaceResult(
        skipped === 0 ? done : `${done} ${t('editor.find.skipped', { count: skipped })}`,
      );
    },
    [t],
  );

  /** "Erstat": replaces the current match (if it is plain text) and shows the next one. */
  const replaceOne = useCallback(() => {
    const found = runSearch();
    const current = shown.current?.match;
    const match = current
      ? found.find(
          (m) =>
            m.kind === current.kind && m.end === current.end && search.compare(m, current) === 0,
        )
      : undefined;
    if (!match) {
      // Nothing current (or its text changed): show the next match first, as Word does.
      step(1);
      return;
    }
    const count: ReplaceCount = { replaced: 0, skipped: 0 };
    const editor = match.kind === 'body' ? bodies.editorOf(match.owner) : null;
    if (match.kind === 'body' && editor) {
      applyAsOneStep(bodies.history, [
        {
          editor,
          change: () => {
            const done = $replaceMatches([match], replacement);
            count.replaced += done.replaced;
            count.skipped += done.skipped;
          },
        },
      ]);
    } else count.skipped++;
    announce(count);
    const fresh = runSearch();
    // The next match after the replaced text (never one inside the replacement), or after the
    // match left as it was.
    const end = match.start + replacement.length;
    const next =
      match.kind === 'body' && count.replaced > 0
        ? fresh.findIndex((m) => search.compare(m, { ...match, start: end, end }) >= 0)
        : fresh.findIndex((m) => search.compare(m, match) > 0);
    const at = next === -1 ? 0 : next;
    const nextMatch = fresh[at];
    if (!nextMatch) {
      setIndex(-1);
      shown.current = null;
      showHighlight(null);
      return;
    }
    setIndex(at);
    void reveal(nextMatch);
  }, [runSearch, search, bodies, replacement, announce, step, reveal]);

  /**
   * "Erstat alle": every match in the bodies, as one undo step. The editors of far sections
   * with matches are started first (their text as the editor shows it decides).
   */
  const replaceAll = useCallback(async () => {
    setReplacing(true);
    try {
      const keys = new Set(runSearch().flatMap((m) => (m.kind === 'body' ? [m.owner] : [])));
      await Promise.all([...keys].map((key) => bodies.start(key)));
      const found = runSearch();
      const count: ReplaceCount = { replaced: 0, skipped: 0 };
      const byBody = new Map<string, DocumentMatch[]>();
      for (const match of found) {
        if (match.kind !== 'body' || !bodies.editorOf(match.owner)) {
          count.skipped++;
          continue;
        }
        const list = byBody.get(match.owner) ?? [];
        list.push(match);
        byBody.set(match.owner, list);
      }
      applyAsOneStep(
        bodies.history,
        [...byBody].flatMap(([key, matches]) => {
          const editor = bodies.editorOf(key);
          if (!editor) return [];
          return [
            {
              editor,
              change: () => {
                const done = $replaceMatches(matches, replacement);
                count.replaced += done.replaced;
                count.skipped += done.skipped;
              },
            },
          ];
        }),
      );
      announce(count);
      revealToken.current++;
      shown.current = null;
      showHighlight(null);
      const fresh = runSearch();
      setIndex(fresh.length === 0 ? -1 : 0);
    } finally {
      setReplacing(false);
      // "Erstat alle" is disabled while it works (and stays so with no match left), which
      // drops the focus to the page: it goes to the replace field, so Escape still closes the
      // bar and the keyboard user stays in it.
      const focused = document.activeElement;
      if (
        focused === null ||
        focused === document.body ||
        (focused instanceof HTMLButtonElement && focused.closest('.find-bar') !== null)
      )
        replaceInput.current?.focus();
    }
  }, [runSearch, bodies, replacement, announce]);

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
    stopWatching.current();
    showHighlight(null);
    showAllMatches(bodies, []);
    const current = shown.current;
    onClose();
    if (current?.match.kind === 'body' && current.editor) {
      const { editor, match } = current;
      // Lexical restores the selection it holds: the match, or the caret beside its vote or
      // dissent (its text is not text a caret can be in).
      if (placeCaretBesideBlock(editor, match)) editor.focus();
      else {
        selectMatch(editor, match);
        if (isNodeSelected(editor)) focusOnBlock(editor, match);
        else editor.focus();
      }
    } else if (origin.editor?.getRootElement()?.isConnected) {
      // Back to the caret in the body the user was in (stepping may have moved its selection).
      origin.selection?.restore();
      revealEditor(origin.editor, 'keep');
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
    } else if (event.key === 'Enter' && event.target === replaceInput.current) {
      event.preventDefault();
      if (event.ctrlKey || event.metaKey) void replaceAll();
      else replaceOne();
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
      <FindField
        ref={input}
        label={t('editor.find.label')}
        type="search"
        value={query}
        keyShortcuts="Enter Shift+Enter Escape"
        onChange={setQuery}
      />
      <span className="find-bar__count" role="status">
        {count}
      </span>
      <BarButtons
        actions={stepActions}
        isDisabled={matches.length === 0}
        onPress={(action) => step(action.step)}
      />
      <FindOption
        label={t('editor.find.matchCase')}
        isChecked={isCaseSensitive}
        onChange={setCaseSensitive}
      />
      <FindOption
        label={t('editor.find.ignoreAccents')}
        isChecked={isAccentInsensitive}
        onChange={setAccentInsensitive}
      />
      <BarButtons actions={closeActions} onPress={close} />
      {hasReplace && (
        <div className="find-bar__replace">
          <FindField
            ref={replaceInput}
            label={t('editor.find.replaceLabel')}
            type="text"
            value={replacement}
            keyShortcuts="Enter Control+Enter Escape"
            onChange={setReplacement}
          />
          <BarButtons
            actions={replaceActions}
            isDisabled={matches.length === 0 || isReplacing}
            onPress={(action) => (action.isAll ? void replaceAll() : replaceOne())}
          />
          <span className="find-bar__count" role="status">
            {replaceResult}
          </span>
        </div>
      )}
    </div>
  );
}

/** The bar's buttons of a table of actions (BarAction); a press says which. */
function BarButtons<A extends BarAction>(props: {
  actions: readonly A[];
  isDisabled?: boolean;
  onPress(action: A): void;
}) {
  const { t } = useTranslation();
  return props.actions.map((action) => {
    const Icon = action.icon;
    return (
      <button
        key={action.label}
        type="button"
        className={action.isLabelShown ? 'find-bar__text-button' : 'find-bar__button'}
        aria-label={action.isLabelShown ? undefined : t(action.label)}
        title={`${t(action.label)} (${action.shortcut})`}
        disabled={props.isDisabled}
        onClick={() => props.onPress(action)}
      >
        <Icon aria-hidden="true" size={16} />
        {action.isLabelShown && t(action.label)}
      </button>
    );
  });
}

/** A check box of the bar's search options, labelled by the text after it. */
function FindOption(props: {
  label: string;
  isChecked: boolean;
  onChange(isChecked: boolean): void;
}) {
  return (
    <label className="find-bar__option">
      <input
        type="checkbox"
        checked={props.isChecked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      {props.label}
    </label>
  );
}

/** A text field of the bar with its visible label (the find and the replace field). */
function FindField(props: {
  ref: Ref<HTMLInputElement>;
  label: string;
  type: 'search' | 'text';
  value: string;
  /** The keys the field answers to (aria-keyshortcuts). */
  keyShortcuts: string;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="find-bar__label">
        {props.label}
      </label>
      <input
        ref={props.ref}
        id={id}
        className="find-bar__input"
        type={props.type}
        value={props.value}
        autoComplete="off"
        spellCheck={false}
        aria-keyshortcuts={props.keyShortcuts}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </>
  );
}
