/**
 * `referat search` over a real library holding the model document (imported through the CLI).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/node/cli/cli';

const root = path.resolve(__dirname, '../..');
const fixtureFile = path.join(root, 'tests/fixtures/gentofte-2017-12-12.referat.json');

let dir = '';
let library = '';
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-search-cli-'));
  library = path.join(dir, 'library.sqlite');
  const run = await cli(['--library', library, 'import', fixtureFile]);
  expect(run.code, run.stderr).toBe(0);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

type Run = { code: number; stdout: string; stderr: string };

async function cli(argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (chunk) => {
      stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg') },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

const search = (...args: string[]) => cli(['--library', library, 'search', ...args]);

describe('referat search', () => {
  it('prints the matching meeting with a marked snippet', async () => {
    const run = await search('Odsherred');
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^2017-12-12 {2}Opgaveudvalget om Innovation {2}no\. 5 {2}\S+$/);
    expect(run.stdout).toContain('[Odsherred]');
  });

  it('answers JSON with --json', async () => {
    const run = await search('"samarbejdsaftale med en privat"', '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      groups: {
        meeting: { date: string };
        hits: { snippet: { text: string; isHit: boolean }[] }[];
      }[];
    };
    expect(result.groups.map((g) => g.meeting.date)).toEqual(['2017-12-12']);
    expect(
      result.groups[0]?.hits[0]?.snippet.filter((s) => s.isHit).map((s) => s.text.toLowerCase()),
    ).toEqual(['samarbejdsaftale med en privat']);
  });

  it('filters by committee name and dates', async () => {
    expect((await search('Odsherred', '--committee', 'innovation')).stdout).toContain('2017-12-12');
    expect((await search('Odsherred', '--from', '2018-01-01')).stdout).toBe('No meetings match.\n');
    expect((await search('Odsherred', '--to', '2017-12-12')).stdout).toContain('2017-12-12');
    expect((await search('EMN-2017-05812')).stdout).toContain('2017-12-12');
  });

  it('fails with one clear line for an unknown committee, a bad date and an empty query', async () => {
    const committee = await search('Odsherred', '--committee', 'Finansudvalget');
    expect(committee.code).toBe(1);
    expect(committee.stderr).toMatch(
      /^referat: No committee is called "Finansudvalget" \(committees: Opgaveudvalget om Innovation\)\.\n$/,
    );
    const date = await search('Odsherred', '--from', '2017-02-30');
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/^referat: --from: is not a real calendar date\n$/);
    const empty = await search('" * ( ^ -');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^referat: The search has no words to look for/);
    const limit = await search('x', '--limit', 'lots');
    expect(limit.code).toBe(2);
  });

  it('never fails on FTS5 syntax', async () => {
    for (const query of [
      'Odsherred"',
      'NEAR(Odsherred',
      'Odsherred AND',
      '{text}: x',
      '^Odsherred',
    ]) {
      const run = await search(query);
      expect(run.code, `${query}: ${run.stderr}`).toBe(0);
    }
  });
});
