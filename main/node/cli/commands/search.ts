/**
 * `referat search QUERY [--committee NAME] [--from DATE] [--to DATE] [--case ID] [--closed]
 * [--order newest|relevance] [--limit N] [--json]`: full-text search over the library, the
 * same `searchLibrary` the app's `search:query` uses, input checked by the same contract schema.
 */
import { api } from '../../../../common/contract/api';
import { DomainError, formatIssues } from '../../../../common/contract/result';
import { snippetToText } from '../../../../common/search/snippet';
import type { SearchResult } from '../../storage/queries/search';
import { UsageError, type CliCommand } from '../types';

const placeLabels: Readonly<Record<string, string>> = {
  heading: 'title',
  publicTitle: 'public title',
  appendix: 'appendix',
  meeting: 'meeting header',
  participants: 'attendance',
};

const fieldLabels: Readonly<Record<string, string>> = {
  summary: 'summary',
  recommendation: 'recommendation',
  casePresentation: 'case presentation',
  finances: 'finances',
  previousDecisions: 'previous decisions',
  decision: 'decision',
  publicDecision: 'public decision',
};

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'full-text search: meetings with matching text, newest first',
  positionals: [{ name: 'QUERY', description: 'words, "a phrase", prefix*, -excluded, a OR b' }],
  options: [
    {
      name: 'committee',
      kind: 'value',
      valueName: 'NAME',
      description: 'only this committee (its name, or a unique part of it)',
    },
    {
      name: 'from',
      kind: 'value',
      valueName: 'DATE',
      description: 'only meetings on or after DATE (YYYY-MM-DD)',
    },
    {
      name: 'to',
      kind: 'value',
      valueName: 'DATE',
      description: 'only meetings on or before DATE (YYYY-MM-DD)',
    },
    {
      name: 'case',
      kind: 'value',
      valueName: 'ID',
      description: 'only text filed under this case id',
    },
    { name: 'closed', kind: 'flag', description: 'include closed (confidential) items' },
    {
      name: 'order',
      kind: 'value',
      valueName: 'ORDER',
      values: ['newest', 'relevance'],
      defaultValue: 'newest',
      description: 'newest meetings first, or best matches first',
    },
    {
      name: 'limit',
      kind: 'value',
      valueName: 'N',
      defaultValue: '20',
      description: 'at most N meetings (1-100)',
    },
    {
      name: 'json',
      kind: 'flag',
      description: 'print the result as JSON (the search:query answer)',
    },
  ],
  library: 'existing',
  details: () =>
    [
      'Query syntax: words must all occur; "quoted phrase"; prefix*; -word excludes; a OR b.',
      'Anything else is searched as plain text, so no query is ever a syntax error.',
      'Danish letters are distinct (å is not a); case does not matter.',
      'Text output: one line per meeting (DATE  COMMITTEE  no. N  ID), then up to three',
      'matches, each with its place and a snippet where [brackets] mark the matching words.',
    ].join('\n'),
  async run(ctx) {
    const limitText = String(ctx.options.limit ?? '20');
    if (!/^\d{1,3}$/.test(limitText))
      throw new UsageError(
        `--limit must be a number from 1 to 100, not ${JSON.stringify(limitText)}`,
      );
    const committeeName = ctx.options.committee;
    const committeeIds =
      typeof committeeName === 'string'
        ? [findCommitteeId(await ctx.request('committees:list', {}), committeeName)]
        : undefined;
    const parsed = api['search:query'].input.safeParse({
      text: ctx.args[0] ?? '',
      committeeIds,
      from: ctx.options.from,
      to: ctx.options.to,
      caseId: ctx.options.case,
      isClosedIncluded: ctx.options.closed === true,
      order: ctx.options.order,
      limit: Number(limitText),
    });
    if (!parsed.success) {
      const optionNames: Record<string, string> = {
        from: '--from',
        to: '--to',
        caseId: '--case',
        limit: '--limit',
        text: 'QUERY',
      };
      const issue = parsed.error.issues[0];
      const where = issue ? (optionNames[String(issue.path[0])] ?? String(issue.path[0])) : 'input';
      throw new UsageError(
        `${where}: ${issue?.message ?? formatIssues(parsed.error.issues).join('; ')}`,
      );
    }
    const result = await ctx.request('search:query', parsed.data);
    if (ctx.options.json === true) {
      ctx.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return;
    }
    if (result.query.isEmpty)
      throw new DomainError('invalid_input', result.query.message ?? 'Nothing to search for.');
    ctx.io.stdout(formatText(result));
  },
};

/** The committee whose name is `name` (case-insensitive), or the only one containing it. */
function findCommitteeId(
  committees: readonly { id: string; name: string }[],
  name: string,
): string {
  const wanted = name.trim().toLocaleLowerCase('da');
  const exact = committees.filter((c) => c.name.toLocaleLowerCase('da') === wanted);
  if (exact.length === 1 && exact[0]) return exact[0].id;
  const partial = committees.filter((c) => c.name.toLocaleLowerCase('da').includes(wanted));
  if (partial.length === 1 && partial[0]) return partial[0].id;
  if (partial.length > 1) {
    throw new DomainError(
      'invalid_input',
      `--committee ${JSON.stringify(name)} matches ${partial.length} committees: ${partial.map((c) => c.name).join(', ')}. Give more of the name.`,
    );
  }
  const known = committees.map((c) => c.name).join(', ');
  throw new DomainError(
    'not_found',
    `No committee is called ${JSON.stringify(name)}${known ? ` (committees: ${known})` : ' (the library has no committees)'}.`,
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function formatText(result: SearchResult): string {
  if (result.groups.length === 0) return 'No meetings match.\n';
  const lines: string[] = [];
  for (const group of result.groups) {
    const m = group.meeting;
    lines.push(`${m.date}  ${oneLine(m.committeeName)}  no. ${m.number}  ${m.id}`);
    for (const hit of group.hits) {
      const place =
        hit.place === 'body'
          ? (fieldLabels[hit.bodyField ?? ''] ?? 'text')
          : (placeLabels[hit.place] ?? hit.place);
      const item =
        hit.itemNumber === null
          ? 'meeting'
          : `item ${hit.itemNumber}${hit.itemTitle ? ` ${oneLine(hit.itemTitle)}` : ''}`;
      lines.push(`  ${item} (${place}${hit.isClosed ? ', closed' : ''})`);
      lines.push(`    ${oneLine(snippetToText(hit.snippet, '[', ']'))}`);
    }
    if (group.hitCount > group.hits.length)
      lines.push(`  … ${group.hitCount - group.hits.length} more matches in this meeting`);
  }
  if (result.nextCursor !== null)
    lines.push('More meetings match: narrow the search or raise --limit.');
  return `${lines.join('\n')}\n`;
}
