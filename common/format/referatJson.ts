/**
 * Reading and writing interchange documents as text: the canonical serialization of
 * `referat/2`, a parser that is safe on hostile input and also reads `referat/1` (converted on
 * import, with notes of what was assumed), and a validator that reports every problem with its
 * JSON path (schema errors and cross-references). Documented in docs/format.md.
 *
 * Pure core: no Node, Electron, SQLite or DOM.
 */
import type { z } from 'zod';
import { DomainError, formatPath, type ApiErrorDetail } from '../contract/result';
import { itemBodyFields, meetingBodyFields } from '../domain/model';
import { substituteProblemText, substituteProblems } from '../domain/substitutes';
import { checkVoteConsistency, describeVoteInconsistency, voteSchema } from '../domain/richText';
import { formatId1, referat1DocumentSchema } from './referat1';
import { convertReferat1, type ConversionNote } from './referat1Conversion';
import { formatId, referatDocumentSchema, type ReferatDocument } from './referat2';

/**
 * Largest document text accepted, in UTF-16 code units (JavaScript string length). A real
 * meeting is a few MB at most (appendix files are referenced by SHA-256, never embedded);
 * the limit stops a hostile file from exhausting memory in `JSON.parse`.
 */
export const maxDocumentLength = 64 * 1024 * 1024;

/**
 * Deepest nesting of arrays and objects accepted. The deepest legal structure is a list
 * nested `maxListDepth` (12) levels inside an agenda item body, about 45 levels in all.
 */
export const maxNestingDepth = 64;

/** At most this many problems are spelled out in an error message (all are in `issues`). */
export const maxIssuesInMessage = 1000;

/** The format versions read: the current one and the older one converted on import. */
export const readableFormats = [formatId1, formatId] as const;
export type ReadableFormat = (typeof readableFormats)[number];

/** One problem in a document: where (a JSON path such as `agendaItems[2].title`) and what. */
export type FormatIssue = { path: string; message: string };

/**
 * The answer of `validateReferatDocument`: the document as `referat/2`, the format it was
 * written in, and (for `referat/1`) the notes of what the conversion assumed.
 */
export type ReferatValidation =
  | {
      ok: true;
      document: ReferatDocument;
      sourceFormat: ReadableFormat;
      notes: ConversionNote[];
      errors: [];
    }
  | { ok: false; errors: FormatIssue[] };

/** A document read from text: as `referat/2`, with what a conversion from `referat/1` assumed. */
export type ReferatReading = {
  document: ReferatDocument;
  sourceFormat: ReadableFormat;
  /** Empty for a `referat/2` document. */
  notes: ConversionNote[];
};

/**
 * An invalid interchange document. `issues` holds every problem; the message lists them one
 * per line (the first `maxIssuesInMessage`).
 */
export class ReferatFormatError extends DomainError {
  readonly issues: readonly FormatIssue[];
  constructor(
    issues: readonly FormatIssue[],
    summary = 'The document is not a valid referat document',
  ) {
    super('invalid_input', issueSummary(summary, issues), undefined, {
      details: issueDetailsOf(issues),
    });
    this.issues = issues;
  }
}

/** The message of a ReferatFormatError: the summary with the count of errors. */
function issueSummary(summary: string, issues: readonly FormatIssue[]): string {
  return `${summary} (${issues.length === 1 ? '1 error' : `${issues.length} errors`}):`;
}

/** The details of a ReferatFormatError: the first issues, each with its path. */
function issueDetailsOf(issues: readonly FormatIssue[]): ApiErrorDetail[] {
  const details = issues
    .slice(0, maxIssuesInMessage)
    .map((issue) => ({ path: issue.path, message: issue.message }));
  if (issues.length > maxIssuesInMessage)
    details.push({
      path: '(more)',
      message: `... and ${issues.length - maxIssuesInMessage} more errors`,
    });
  return details;
}

/** `agendaItems[2].title: must not be empty` */
export function issueLine(issue: FormatIssue): string {
  return `${issue.path}: ${issue.message}`;
}

/**
 * Writes `document` in the canonical form of `referat/2`: UTF-8 JSON, object keys sorted
 * (by UTF-16 code unit order), two-space indentation, `\n` line ends, a final newline, no
 * byte order mark; arrays keep their order; empty bodies are left out (a missing body means
 * an empty one). Equal documents give
 * identical text, so export → import → export gives identical bytes.
 *
 * @throws ReferatFormatError when the document is not valid (nothing invalid is ever written)
 */
export function serializeReferatDocument(document: ReferatDocument): string {
  const result = validateCurrent(document, true);
  if (!result.ok)
    throw new ReferatFormatError(result.errors, `Cannot write an invalid ${formatId} document`);
  return `${JSON.stringify(sortKeys(withoutEmptyBodies(result.document)), null, 2)}\n`;
}

/**
 * Reads an interchange document from JSON text: `referat/2`, or `referat/1` converted to
 * `referat/2` (see `readReferatDocument` for the conversion notes).
 *
 * @throws DomainError `too_large` when the text exceeds `maxDocumentLength`
 * @throws DomainError `invalid_input` when it is not JSON or nested too deeply
 * @throws ReferatFormatError (`invalid_input`) listing every problem with its JSON path
 */
export function parseReferatDocument(text: string): ReferatDocument {
  return readReferatDocument(text).document;
}

/**
 * Reads an interchange document from JSON text. The text is checked for size and nesting
 * depth before `JSON.parse` (so hostile input gets a message, never a stack overflow), then
 * validated against the schema of its format and every cross-reference; a `referat/1`
 * document is converted to `referat/2` and the notes say what the conversion assumed.
 *
 * @throws DomainError `too_large` when the text exceeds `maxDocumentLength`
 * @throws DomainError `invalid_input` when it is not JSON or nested too deeply
 * @throws ReferatFormatError (`invalid_input`) listing every problem with its JSON path
 */
export function readReferatDocument(text: string): ReferatReading {
  const value = parseJsonGuarded(text);
  // The text scan has already bounded the nesting; no need to walk the value again.
  const result = validateValue(value, false);
  if (!result.ok) throw new ReferatFormatError(result.errors, summaryFor(value));
  return { document: result.document, sourceFormat: result.sourceFormat, notes: result.notes };
}

function summaryFor(value: unknown): string {
  return isObject(value) && value.format === formatId1
    ? `The document is not a valid ${formatId1} document`
    : `The document is not a valid ${formatId} document`;
}

/**
 * `JSON.parse` behind the size and depth guards, with syntax errors given a line and column.
 * A leading byte order mark is ignored.
 */
export function parseJsonGuarded(text: string): unknown {
  if (typeof text !== 'string')
    throw new DomainError('invalid_input', 'The document must be JSON text.');
  if (text.length > maxDocumentLength) {
    throw new DomainError(
      'too_large',
      `The document is ${formatSize(text.length)} long; at most ${formatSize(maxDocumentLength)} is accepted.`,
    );
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const tooDeep = findExcessNesting(body, maxNestingDepth);
  if (tooDeep !== null) {
    throw new DomainError(
      'invalid_input',
      `The document is nested more than ${maxNestingDepth} levels deep (at ${lineAndColumn(body, tooDeep)}); it is not a referat document.`,
    );
  }
  if (body.trim() === '') throw new DomainError('invalid_input', 'The document is empty.');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new DomainError(
      'invalid_input',
      `The document is not valid JSON: ${describeSyntaxError(error, body)}.`,
    );
  }
}

/**
 * Checks any value as an interchange document: `referat/2`, or `referat/1` (then converted).
 * The JSON Schema rules (types, required fields, lengths, enums, no unknown properties) and
 * the rules the schema cannot express (unique ids and appendix numbers, every id that points
 * at another record, substitutes, vote outcomes against their counts). Every problem is
 * reported with its JSON path.
 */
export function validateReferatDocument(value: unknown): ReferatValidation {
  return validateValue(value, true);
}

/** The answer for a document nested deeper than any real one; null when it is not. */
function depthProblem(value: unknown): ReferatValidation | null {
  if (!exceedsDepth(value, maxNestingDepth)) return null;
  return {
    ok: false,
    errors: [{ path: '(document)', message: `is nested more than ${maxNestingDepth} levels deep` }],
  };
}

function validateValue(value: unknown, isDepthUnchecked: boolean): ReferatValidation {
  const tooDeep = isDepthUnchecked ? depthProblem(value) : null;
  if (tooDeep) return tooDeep;
  if (isObject(value) && value.format === formatId1) {
    const errors: FormatIssue[] = [];
    const parsed = referat1DocumentSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push(...flattenIssue(issue, []));
    }
    errors.push(...checkReferences(value));
    if (errors.length > 0 || !parsed.success) return { ok: false, errors: dedupe(errors) };
    const converted = convertReferat1(parsed.data);
    const current = validateCurrent(converted.document, false);
    if (!current.ok) return current;
    return { ...current, sourceFormat: formatId1, notes: converted.notes };
  }
  return validateCurrent(value, false);
}

function validateCurrent(value: unknown, isDepthUnchecked: boolean): ReferatValidation {
  const tooDeep = isDepthUnchecked ? depthProblem(value) : null;
  if (tooDeep) return tooDeep;
  const errors: FormatIssue[] = [];
  const parsed = referatDocumentSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors.push(...flattenIssue(issue, []));
  }
  errors.push(...checkReferences(value));
  if (errors.length > 0 || !parsed.success) {
    // Name both readable versions, not only the one this schema checks.
    const formatMessage = `must be "${formatId}" (or the older "${formatId1}")`;
    return {
      ok: false,
      errors: dedupe(errors).map((error) =>
        error.path === 'format' ? { ...error, message: formatMessage } : error,
      ),
    };
  }
  return { ok: true, document: parsed.data, sourceFormat: formatId, notes: [], errors: [] };
}

/**
 * A file name for the document, safe on every platform:
 * `opgaveudvalget-om-innovation-2017-12-12-moede-5.referat.json`.
 */
export function referatFileName(document: Pick<ReferatDocument, 'committee' | 'meeting'>): string {
  return `${meetingFileStem({
    committeeName: document.committee.name,
    date: document.meeting.date,
    number: document.meeting.number,
  })}.referat.json`;
}

/**
 * The stem every file of a meeting is named from (`<committee>-<date>-moede-<number>`): the
 * interchange file, the PDF and Word exports, the archive package and the signed PDFs.
 */
export function meetingFileStem(meeting: {
  committeeName: string;
  date: string;
  number: number | null;
}): string {
  const number = meeting.number === null ? '' : `-moede-${meeting.number}`;
  return `${slug(meeting.committeeName) || 'referat'}-${meeting.date}${number}`;
}

// --- canonical form ------------------------------------------------------------------------

function withoutEmptyBodies(document: ReferatDocument): ReferatDocument {
  const prune = <K extends string>(bodies: Partial<Record<K, unknown[]>>) =>
    Object.fromEntries(
      Object.entries(bodies).filter(([, body]) => Array.isArray(body) && body.length > 0),
    );
  return {
    ...document,
    meeting: { ...document.meeting, bodies: prune(document.meeting.bodies) },
    agendaItems: document.agendaItems.map((item) => ({ ...item, bodies: prune(item.bodies) })),
  };
}

/** A copy of a validated (so shallow: at most `maxNestingDepth`) JSON value with sorted keys. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) out[key] = sortKeys(child);
    }
    return out;
  }
  return value;
}

// --- hostile input guards ------------------------------------------------------------------

/**
 * Scans JSON text without recursion and returns the offset of the first `[` or `{` that
 * opens a level deeper than `limit`, or null. Brackets inside strings are skipped.
 */
export function findExcessNesting(text: string, limit: number): number | null {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) isInString = false;
      continue;
    }
    if (c === 0x22) isInString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > limit) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return null;
}

/** True when an in-memory value nests arrays/objects deeper than `limit` (iterative; also stops cycles). */
function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top || top.value === null || typeof top.value !== 'object') continue;
    if (top.depth > limit) return true;
    const children = Array.isArray(top.value) ? top.value : Object.values(top.value);
    for (const child of children) {
      if (child !== null && typeof child === 'object')
        stack.push({ value: child, depth: top.depth + 1 });
    }
  }
  return false;
}

function describeSyntaxError(error: unknown, text: string): string {
  const located = locateSyntaxError(text);
  if (located) return `${located.reason} at ${lineAndColumn(text, located.offset)}`;
  // Not expected (JSON.parse and the locator disagree): fall back to the engine's reason,
  // without the piece of input V8 quotes.
  const message = error instanceof Error ? error.message : String(error);
  return (message.split(/, "|\sin JSON|, \.\.\./)[0] ?? message).slice(0, 200);
}

/**
 * Finds the first syntax error in JSON text with a small iterative scanner (JSON.parse in
 * Node 20 does not tell where it failed). Only called after JSON.parse has failed; null when
 * the text is well formed after all.
 */
export function locateSyntaxError(text: string): { offset: number; reason: string } | null {
  type State = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'afterValue' | 'end';
  const stack: Array<'[' | '{'> = [];
  let state: State = 'value';
  let i = 0;
  const fail = (offset: number, reason: string) => ({ offset, reason });
  const show = (offset: number) => JSON.stringify(text.slice(offset, offset + 1));
  const afterValue = (): State => (stack.length === 0 ? 'end' : 'afterValue');
  // A "]" or "}" that ends the innermost array or object.
  const closeContainer = (): State => {
    stack.pop();
    i++;
    return afterValue();
  };
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
    if (i >= text.length)
      return state === 'end' ? null : fail(text.length, 'the text ends too early');
    const ch = text.charAt(i);
    switch (state) {
      case 'end':
        return fail(i, `unexpected ${show(i)} after the end of the document`);
      case 'value':
      case 'valueOrClose':
        if (state === 'valueOrClose' && ch === ']') {
          state = closeContainer();
        } else if (ch === '{' || ch === '[') {
          stack.push(ch);
          i++;
          state = ch === '{' ? 'keyOrClose' : 'valueOrClose';
        } else if (ch === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          state = afterValue();
        } else {
          literal.lastIndex = i;
          const match = literal.exec(text);
          if (!match) return fail(i, `unexpected ${show(i)} where a value was expected`);
          i += match[0].length;
          state = afterValue();
        }
        break;
      case 'key':
      case 'keyOrClose':
        if (state === 'keyOrClose' && ch === '}') {
          state = closeContainer();
        } else if (ch === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          state = 'colon';
        } else {
          return fail(
            i,
            `unexpected ${show(i)} where a property name in double quotes was expected`,
          );
        }
        break;
      case 'colon':
        if (ch !== ':') return fail(i, `unexpected ${show(i)} where ":" was expected`);
        i++;
        state = 'value';
        break;
      case 'afterValue': {
        const close = stack[stack.length - 1] === '{' ? '}' : ']';
        if (ch === ',') {
          state = close === '}' ? 'key' : 'value';
          i++;
        } else if (ch === close) {
          state = closeContainer();
        } else {
          return fail(i, `unexpected ${show(i)} where "," or "${close}" was expected`);
        }
        break;
      }
    }
  }
}

/** The offset after the string starting at `start` (a double quote), or the error in it. */
function scanString(text: string, start: number): number | { offset: number; reason: string } {
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20)
      return { offset: j, reason: 'a control character (such as a line break) inside a string' };
    if (c === 0x5c) {
      const next = text.charAt(j + 1);
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6)))
          return { offset: j, reason: 'a broken \\u escape in a string' };
        j += 5;
      } else if ('"\\/bfnrt'.includes(next) && next !== '') {
        j++;
      } else {
        return { offset: j, reason: 'an unknown escape in a string' };
      }
    }
  }
  return { offset: start, reason: 'a string that is never closed' };
}

/** `line 3, column 14` for an offset into `text` (both 1-based). */
function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${end - lineStart + 1}`;
}

function formatSize(length: number): string {
  const mib = length / (1024 * 1024);
  return mib >= 1 ? `${Number(mib.toFixed(1))} MiB` : `${length} characters`;
}

// --- schema issues -------------------------------------------------------------------------

type Issue = z.core.$ZodIssue;

/**
 * Turns one zod issue into path/message pairs. Unions (blocks, heading levels) report zod's
 * "invalid_union" with one error list per alternative; we report the alternative whose
 * `type` matched, or the allowed values when none did, instead of a bare "Invalid input".
 */
function flattenIssue(issue: Issue, prefix: readonly PropertyKey[]): FormatIssue[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branches = issue.errors;
    const isRootValue = (i: Issue) => i.code === 'invalid_value' && i.path.length === 0;
    if (branches.every((b) => b.length === 1 && b[0] !== undefined && isRootValue(b[0]))) {
      const values = branches.flatMap((b) => (b[0]?.code === 'invalid_value' ? b[0].values : []));
      return [
        { path: pathText(path), message: `must be one of ${values.map(showValue).join(', ')}` },
      ];
    }
    const isTypeMismatch = (i: Issue) =>
      i.code === 'invalid_value' && i.path.length === 1 && i.path[0] === 'type';
    const matching = branches.find((b) => !b.some(isTypeMismatch));
    if (matching) return matching.flatMap((inner) => flattenIssue(inner, path));
    const types = branches.flatMap((b) =>
      b.flatMap((i) => (isTypeMismatch(i) && i.code === 'invalid_value' ? i.values : [])),
    );
    return [
      {
        path: pathText([...path, 'type']),
        message: `must be one of ${types.map(showValue).join(', ')}`,
      },
    ];
  }
  return [{ path: pathText(path), message: issueMessage(issue) }];
}

function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `unknown property ${showValue(issue.keys[0])}`
        : `unknown properties ${issue.keys.map(showValue).join(', ')}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${showValue(issue.values[0])}`
        : `must be one of ${issue.values.map(showValue).join(', ')}`;
    case 'invalid_type':
      return `must be ${article(issue.expected)}, not ${describeReceived(issue)}`;
    case 'too_big':
      return `${sizeSubject(issue.origin)} at most ${sizeLimit(issue.origin, issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return `${sizeSubject(issue.origin)} at least ${sizeLimit(issue.origin, issue.minimum)}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'has the wrong form' : `must be a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

function describeReceived(issue: Issue): string {
  // zod's message ends with "received <type>"; "undefined" means the property is missing.
  const received = /received (\w+)/.exec(issue.message)?.[1] ?? 'something else';
  return received === 'undefined' ? 'missing' : received;
}

/** "must have" / "must be" before a size limit, by what is measured. */
function sizeSubject(origin: string): string {
  return origin === 'array' || origin === 'set' || origin === 'string' ? 'must have' : 'must be';
}

/** "1000000 characters", "50 entries", "100000" (a number). */
function sizeLimit(origin: string, limit: number | bigint): string {
  if (origin === 'string') return `${limit} characters`;
  if (origin === 'array' || origin === 'set') return `${limit} entries`;
  return String(limit);
}

function article(expected: string): string {
  if (expected === 'array' || expected === 'object') return `an ${expected}`;
  if (expected === 'nonoptional') return 'present';
  if (expected === 'int') return 'a whole number';
  if (expected === 'boolean') return 'true or false';
  return `a ${expected}`;
}

function showValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function pathText(path: readonly PropertyKey[]): string {
  return formatPath(path) || '(document)';
}

function dedupe(errors: FormatIssue[]): FormatIssue[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = issueLine(error);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// --- cross-references ----------------------------------------------------------------------

type Path = Array<string | number>;
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const arrayAt = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const stringAt = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * Cross-reference rules, checked on the raw value so that they are reported together with
 * schema errors (anything of the wrong shape is skipped here: the schema reports it).
 */
function checkReferences(value: unknown): FormatIssue[] {
  if (!isObject(value)) return [];
  const errors: FormatIssue[] = [];
  const report = (path: Path, message: string) => errors.push({ path: pathText(path), message });

  const members = collectIds(value.members, 'members', 'member', report);
  const participants = collectIds(value.participants, 'participants', 'participant', report);
  const items = collectIds(value.agendaItems, 'agendaItems', 'agenda item', report);
  const appendices = collectIds(value.appendices, 'appendices', 'appendix', report);

  // Numbered per item when the profile says so: "Bilag 1" then exists once per item.
  const profile = isObject(value.profile) ? value.profile : null;
  const isNumberedPerItem = profile?.appendixNumbering === 'per_item';
  const appendixNumbers = new Map<string, number>();
  arrayAt(value.appendices).forEach((appendix, index) => {
    if (!isObject(appendix)) return;
    const itemId = stringAt(appendix.itemId);
    if (itemId !== null && !items.has(itemId)) {
      report(['appendices', index, 'itemId'], `no agenda item has the id ${showValue(itemId)}`);
    }
    if (typeof appendix.number === 'number') {
      const key = isNumberedPerItem ? `${itemId ?? ''} ${appendix.number}` : `${appendix.number}`;
      const first = appendixNumbers.get(key);
      if (first === undefined) appendixNumbers.set(key, index);
      else
        report(
          ['appendices', index, 'number'],
          `number ${appendix.number} is already used by appendices[${first}]${isNumberedPerItem ? ' of the same item' : ''}`,
        );
    }
  });

  const groupIds = new Set(
    arrayAt(profile?.itemGroups).flatMap((group) =>
      isObject(group) && typeof group.id === 'string' ? [group.id] : [],
    ),
  );
  arrayAt(value.agendaItems).forEach((item, index) => {
    if (!isObject(item)) return;
    const groupId = stringAt(item.groupId);
    if (groupId !== null && profile !== null && !groupIds.has(groupId)) {
      report(
        ['agendaItems', index, 'groupId'],
        `the profile has no item group with the id ${showValue(groupId)}`,
      );
    }
  });

  const people = arrayAt(value.participants);
  const nameAt = (participantIndex: number | undefined): string => {
    const record = participantIndex === undefined ? undefined : people[participantIndex];
    return isObject(record) && typeof record.name === 'string' ? record.name : '?';
  };
  // The substitute rules are the same as the participants requests' (common/domain/substitutes).
  for (const problem of substituteProblems(
    people.map((participant) =>
      isObject(participant) && typeof participant.id === 'string'
        ? {
            id: participant.id,
            name: typeof participant.name === 'string' ? participant.name : '?',
            attendance: stringAt(participant.attendance) ?? '',
            substituteForId: stringAt(participant.substituteForId),
          }
        : null,
    ),
  )) {
    report(
      ['participants', problem.index, 'substituteForId'],
      problem.kind === 'unknown'
        ? `no participant has the id ${showValue(problem.substituteForId)}`
        : substituteProblemText(problem, nameAt),
    );
  }
  people.forEach((participant, index) => {
    if (!isObject(participant)) return;
    const memberId = stringAt(participant.memberId);
    if (memberId !== null && !members.has(memberId)) {
      report(['participants', index, 'memberId'], `no member has the id ${showValue(memberId)}`);
    }
    arrayAt(participant.absentFromItemIds).forEach((itemId, itemIndex) => {
      const id = stringAt(itemId);
      if (id !== null && !items.has(id)) {
        report(
          ['participants', index, 'absentFromItemIds', itemIndex],
          `no agenda item has the id ${showValue(id)}`,
        );
      }
    });
    const absentItems = new Set<string>();
    arrayAt(participant.itemAbsences).forEach((absence, absenceIndex) => {
      const id = isObject(absence) ? stringAt(absence.itemId) : null;
      if (id === null) return;
      const path = ['participants', index, 'itemAbsences', absenceIndex, 'itemId'];
      if (!items.has(id)) report(path, `no agenda item has the id ${showValue(id)}`);
      else if (absentItems.has(id))
        report(path, `${nameAt(index)} is already recorded as absent from this item`);
      absentItems.add(id);
    });
    arrayAt(participant.presenceChanges).forEach((change, changeIndex) => {
      const id = isObject(change) ? stringAt(change.itemId) : null;
      if (id !== null && !items.has(id)) {
        report(
          ['participants', index, 'presenceChanges', changeIndex, 'itemId'],
          `no agenda item has the id ${showValue(id)}`,
        );
      }
    });
  });

  const targets = { appendices, participants };
  if (isObject(value.meeting) && isObject(value.meeting.bodies)) {
    for (const field of meetingBodyFields) {
      checkBody(value.meeting.bodies[field], ['meeting', 'bodies', field], targets, report);
    }
  }
  arrayAt(value.agendaItems).forEach((item, index) => {
    if (!isObject(item) || !isObject(item.bodies)) return;
    for (const field of itemBodyFields) {
      checkBody(item.bodies[field], ['agendaItems', index, 'bodies', field], targets, report);
    }
  });
  return errors;
}

/** The ids of a collection; reports duplicates. */
function collectIds(
  collection: unknown,
  name: string,
  noun: string,
  report: (path: Path, message: string) => void,
): Map<string, number> {
  const ids = new Map<string, number>();
  arrayAt(collection).forEach((record, index) => {
    const id = isObject(record) ? stringAt(record.id) : null;
    if (id === null) return;
    const first = ids.get(id);
    if (first === undefined) ids.set(id, index);
    else
      report(
        [name, index, 'id'],
        `another ${noun} (${name}[${first}]) already has the id ${showValue(id)}`,
      );
  });
  return ids;
}

/** Walks one rich-text body without recursion and checks every reference in it. */
function checkBody(
  body: unknown,
  bodyPath: Path,
  targets: { appendices: Map<string, number>; participants: Map<string, number> },
  report: (path: Path, message: string) => void,
): void {
  const checkParticipant = (id: unknown, path: Path) => {
    const participantId = stringAt(id);
    if (participantId !== null && !targets.participants.has(participantId)) {
      report(path, `no participant of the meeting has the id ${showValue(participantId)}`);
    }
  };
  const checkInlines = (children: unknown, path: Path) => {
    arrayAt(children).forEach((inline, index) => {
      if (!isObject(inline)) return;
      if (inline.type === 'appendixRef') {
        const appendixId = stringAt(inline.appendixId);
        if (appendixId !== null && !targets.appendices.has(appendixId)) {
          report([...path, index, 'appendixId'], `no appendix has the id ${showValue(appendixId)}`);
        }
      } else if (inline.type === 'participantRef') {
        checkParticipant(inline.participantId, [...path, index, 'participantId']);
      }
    });
  };

  const checkOutcome = (vote: Json, path: Path) => {
    const parsed = voteSchema.safeParse(vote);
    // A vote of the wrong shape is reported by the schema.
    if (!parsed.success) return;
    const problem = checkVoteConsistency(parsed.data);
    if (problem) report([...path, 'outcome'], describeVoteInconsistency(problem));
  };

  // Pre-order walk with an explicit stack, so errors come out in document order.
  const walkList = (list: Json, listPath: Path) => {
    const pending: Array<{ item: unknown; path: Path }> = [];
    const pushItems = (items: unknown, path: Path) => {
      const all = arrayAt(items);
      for (let i = all.length - 1; i >= 0; i--)
        pending.push({ item: all[i], path: [...path, 'items', i] });
    };
    pushItems(list.items, listPath);
    while (pending.length > 0) {
      const next = pending.pop();
      if (!next || !isObject(next.item)) continue;
      checkInlines(next.item.children, [...next.path, 'children']);
      if (isObject(next.item.sublist))
        pushItems(next.item.sublist.items, [...next.path, 'sublist']);
    }
  };

  arrayAt(body).forEach((block, index) => {
    if (!isObject(block)) return;
    const path = [...bodyPath, index];
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        checkInlines(block.children, [...path, 'children']);
        break;
      case 'list':
        walkList(block, path);
        break;
      case 'table':
        arrayAt(block.rows).forEach((row, rowIndex) => {
          if (!isObject(row)) return;
          arrayAt(row.cells).forEach((cell, cellIndex) => {
            if (!isObject(cell)) return;
            arrayAt(cell.children).forEach((paragraph, paragraphIndex) => {
              if (!isObject(paragraph)) return;
              checkInlines(paragraph.children, [
                ...path,
                'rows',
                rowIndex,
                'cells',
                cellIndex,
                'children',
                paragraphIndex,
                'children',
              ]);
            });
          });
        });
        break;
      case 'vote': {
        checkOutcome(block, path);
        const seen = new Map<string, string>();
        for (const choice of ['for', 'against', 'abstained'] as const) {
          const group = block[choice];
          if (!isObject(group)) continue;
          arrayAt(group.participantIds).forEach((id, idIndex) => {
            const idPath = [...path, choice, 'participantIds', idIndex];
            checkParticipant(id, idPath);
            const participantId = stringAt(id);
            if (participantId === null) return;
            const earlier = seen.get(participantId);
            if (earlier !== undefined) {
              report(
                idPath,
                `participant ${showValue(participantId)} is already counted under "${earlier}"`,
              );
            } else {
              seen.set(participantId, choice);
            }
          });
        }
        break;
      }
      case 'dissent':
        checkParticipant(block.participantId, [...path, 'participantId']);
        break;
      case 'quotedDecision':
        if (isObject(block.vote)) {
          const vote = block.vote;
          checkOutcome(vote, [...path, 'vote']);
          for (const choice of ['for', 'against', 'abstained'] as const) {
            const group = vote[choice];
            if (isObject(group) && arrayAt(group.participantIds).length > 0) {
              report(
                [...path, 'vote', choice, 'participantIds'],
                'a quoted vote of another meeting names no participants of this one; give its count or parties',
              );
            }
          }
        }
        break;
    }
  });
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The format identifiers, re-exported for callers that only read text. */
export { formatId, formatId1 };
export type { ConversionNote };
