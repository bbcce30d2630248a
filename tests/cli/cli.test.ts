/**
 * The `referat` CLI over real SQLite libraries in temporary folders: `runCli` in-process for
 * every command and failure, and the real `bin/referat.mjs` in a child process when the
 * build (out/main/cli.mjs) exists.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../main/node/cli/cli';
import { openLibrary } from '../../main/node/storage/library';
import { listMeetings } from '../../main/node/storage/queries/meetings';

const root = path.resolve(__dirname, '../..');
const fixtureFile = path.join(root, 'tests/fixtures/gentofte-2017-12-12.referat.json');
const fixtureText = fs.readFileSync(fixtureFile, 'utf8');
/** The same meeting in the older referat/1, as Referat 0.2 wrote it. */
const fixture1File = path.join(root, 'tests/fixtures/referat1/gentofte-2017-12-12.referat.json');
const builtCli = path.join(root, 'out/main/cli.mjs');

/** Null when out/main/cli.mjs exists and is newer than every source file it is built from. */
function whyNotRunBuiltCli(): string | null {
  if (!fs.existsSync(builtCli))
    return `${builtCli} does not exist (npm test builds it; or run npm run build)`;
  const builtAt = fs.statSync(builtCli).mtimeMs;
  const newer = (fs.readdirSync(path.join(root, 'main'), { recursive: true }) as string[]).find(
    (file) => /\.tsx?$/.test(file) && fs.statSync(path.join(root, 'main', file)).mtimeMs > builtAt,
  );
  return newer ? `${builtCli} is older than main/${newer} (run npm run build)` : null;
}

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-cli-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

type Run = { code: number; stdout: string; stderr: string };

/** Runs the CLI in-process with its own output buffers. */
async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (chunk) => {
      stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    },
    stderr: (text) => {
      stderr += text;
    },
    // HOME points into the temp folder so a test can never touch the real library.
    env: { HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg'), ...env },
    cwd: dir,
  });
  return { code, stdout, stderr };
}

/** A failure: the exit code and exactly one stderr line starting with "referat: ". */
function expectFailure(run: Run, code: number, pattern: RegExp): void {
  expect(run.code).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.split('\n')).toHaveLength(2);
  expect(run.stderr).toMatch(/^referat: /);
  expect(run.stderr).toMatch(pattern);
}

let counter = 0;
function freshLibrary(): string {
  counter += 1;
  return path.join(dir, `lib-${counter}`, 'library.sqlite');
}

function meetingIds(libraryPath: string): string[] {
  const library = openLibrary(libraryPath);
  try {
    return listMeetings(library.db).map((meeting) => meeting.id);
  } finally {
    library.close();
  }
}

/** Writes a file into the temp folder (the CLI's working directory) and returns its relative name. */
function writeTemp(name: string, text: string | Buffer): string {
  fs.writeFileSync(path.join(dir, name), text);
  return name;
}

describe('referat help and version', () => {
  it('prints help listing every command, with exit 0', async () => {
    for (const argv of [['--help'], ['-h'], []]) {
      const run = await cli(argv);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('Usage: referat [--library PATH] COMMAND');
      for (const name of ['list', 'import', 'export', 'validate'])
        expect(run.stdout).toMatch(new RegExp(`\\n  ${name} +\\S`));
      expect(run.stdout).toContain('REFERAT_LIBRARY');
    }
  });

  it("prints a command's help with its options and formats", async () => {
    const run = await cli(['export', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Usage: referat [--library PATH] export MEETING_ID [--format FORMAT] --out FILE',
    );
    expect(run.stdout).toMatch(/Formats:\n {2}json +the meeting as a referat\/1 document/);
    expect((await cli(['help', 'import'])).stdout).toContain('--on-existing WHAT');
  });

  it('prints the version', async () => {
    const run = await cli(['--version']);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(run).toEqual({ code: 0, stdout: `referat ${pkg.version}\n`, stderr: '' });
  });
});

describe('referat command-line mistakes (exit 2, one line)', () => {
  it.each([
    [
      ['frobnicate'],
      /^referat: unknown command "frobnicate" \(commands: list, import, export, validate\b.*\)\n$/,
    ],
    [['list', '--frob'], /unknown option --frob for referat list/],
    [['--format', 'json', 'list'], /unknown option --format \(see referat --help\)/],
    [['list', 'extra'], /unexpected argument "extra"/],
    [['-x'], /unknown option -x/],
    [['import'], /referat import needs FILE/],
    [['export', 'm1'], /referat export needs --out FILE/],
    [['export', 'm1', '--out'], /--out needs a value \(FILE\)/],
    [['export', 'm1', '--out', '--format', 'json'], /--out needs a value/],
    [
      ['export', 'm1', '--format', 'odt', '--out', 'x'],
      /--format must be one of json, bag, docx, pdf, html, not "odt"/,
    ],
    [['export', 'm1', '--out', 'a', '--out', 'b'], /--out is given twice/],
    [
      ['import', 'x.json', '--on-existing', 'overwrite'],
      /--on-existing must be one of refuse, keep-both, replace/,
    ],
    [['--version=yes'], /--version takes no value/],
  ])('%j', async (argv, pattern) => {
    expectFailure(await cli(argv), 2, pattern);
  });
});

describe('referat import, list, export', () => {
  it('imports the model document, lists it and exports identical bytes', async () => {
    const library = freshLibrary();
    const imported = await cli(['--library', library, 'import', fixtureFile]);
    expect(imported).toEqual({ code: 0, stdout: 'gentofte-oi-m5\n', stderr: '' });

    const listed = await cli(['list', '--library', library]);
    expect(listed).toEqual({
      code: 0,
      stdout: 'gentofte-oi-m5\t2017-12-12\tOpgaveudvalget om Innovation\t5\tdraft\n',
      stderr: '',
    });

    const out = path.join(dir, 'exported.json');
    expect(
      await cli([
        '--library',
        library,
        'export',
        'gentofte-oi-m5',
        '--format',
        'json',
        '--out',
        out,
      ]),
    ).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
    expect(fs.readFileSync(out, 'utf8')).toBe(fixtureText);

    // export → import (into another library) → export: identical bytes.
    const second = freshLibrary();
    expect((await cli([`--library=${second}`, 'import', out])).code).toBe(0);
    const again = await cli(['--library', second, 'export', 'gentofte-oi-m5', '--out', '-']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(fixtureText);
  });

  it('refuses, keeps both or replaces when the meeting already exists', async () => {
    const library = freshLibrary();
    expect((await cli(['--library', library, 'import', fixtureFile])).code).toBe(0);

    expectFailure(
      await cli(['--library', library, 'import', fixtureFile]),
      1,
      /already has this meeting \(id gentofte-oi-m5\).*Use --on-existing keep-both or --on-existing replace\.$/m,
    );
    expect(meetingIds(library)).toEqual(['gentofte-oi-m5']);

    const copy = await cli([
      '--library',
      library,
      'import',
      fixtureFile,
      '--on-existing',
      'keep-both',
    ]);
    expect(copy.code).toBe(0);
    const copyId = copy.stdout.trim();
    expect(copyId).not.toBe('gentofte-oi-m5');
    expect(meetingIds(library).sort()).toEqual([copyId, 'gentofte-oi-m5'].sort());

    const changed = fixtureText.replace('"title": "Afrunding"', '"title": "Afrunding og tak"');
    const replaced = await cli([
      '--library',
      library,
      'import',
      writeTemp('changed.json', changed),
      '--on-existing=replace',
    ]);
    expect(replaced).toEqual({ code: 0, stdout: 'gentofte-oi-m5\n', stderr: '' });
    const exported = await cli(['--library', library, 'export', 'gentofte-oi-m5', '--out', '-']);
    expect(exported.stdout).toBe(changed);
    expect(meetingIds(library)).toHaveLength(2);
  });

  it('refuses an invalid document with the first error and the count, writing nothing', async () => {
    const doc = JSON.parse(fixtureText) as {
      agendaItems: Array<{ title: string }>;
      meeting: { date: string };
    };
    const item = doc.agendaItems[2];
    if (item) item.title = '';
    doc.meeting.date = '2017-13-01';
    const file = writeTemp('invalid.json', JSON.stringify(doc));

    const library = freshLibrary();
    const run = await cli(['--library', library, 'import', file]);
    expectFailure(
      run,
      1,
      /^referat: invalid\.json is not a valid referat\/2 document: 2 errors, the first: meeting\.date: .*\(referat validate invalid\.json lists them all\)\n$/,
    );
    // Nothing was written: not even the library was created.
    expect(fs.existsSync(library)).toBe(false);

    // An existing library is left unchanged.
    const existing = freshLibrary();
    expect((await cli(['--library', existing, 'import', fixtureFile])).code).toBe(0);
    expect(
      (await cli(['--library', existing, 'import', file, '--on-existing', 'replace'])).code,
    ).toBe(1);
    expect(
      (await cli(['--library', existing, 'export', 'gentofte-oi-m5', '--out', '-'])).stdout,
    ).toBe(fixtureText);
  });

  it('answers bad files with one line', async () => {
    const library = freshLibrary();
    expectFailure(
      await cli(['--library', library, 'import', 'missing.json']),
      1,
      /missing\.json does not exist\./,
    );
    expectFailure(
      await cli([
        '--library',
        library,
        'import',
        writeTemp('broken.json', '{\n  "format": "referat/1",\n  oops\n}'),
      ]),
      1,
      /broken\.json: The document is not valid JSON: unexpected "o" where a property name in double quotes was expected at line 3, column 3\.$/m,
    );
    const latin1 = writeTemp('latin1.json', Buffer.from([0x22, 0xe6, 0x22]));
    expectFailure(
      await cli(['--library', library, 'import', latin1]),
      1,
      /latin1\.json is not UTF-8 text\./,
    );
    expectFailure(
      await cli(['--library', library, 'import', writeTemp('deep.json', '['.repeat(100_000))]),
      1,
      /nested more than 64 levels deep/,
    );
    fs.mkdirSync(path.join(dir, 'a-folder'), { recursive: true });
    expectFailure(
      await cli(['--library', library, 'import', 'a-folder']),
      1,
      /a-folder is not something referat can import\./,
    );
  });

  it('answers library problems with one line and leaves foreign files untouched', async () => {
    expectFailure(
      await cli(['--library', path.join(dir, 'nowhere.sqlite'), 'list']),
      1,
      /There is no library at .*nowhere\.sqlite \(choose one with --library PATH or REFERAT_LIBRARY\)\./,
    );
    expect(fs.existsSync(path.join(dir, 'nowhere.sqlite'))).toBe(false);

    const notes = writeTemp('notes.txt', 'shopping list\n');
    expectFailure(
      await cli(['--library', notes, 'import', fixtureFile]),
      1,
      /not a Referat library/,
    );
    expect(fs.readFileSync(path.join(dir, notes), 'utf8')).toBe('shopping list\n');

    const library = freshLibrary();
    expect((await cli(['--library', library, 'import', fixtureFile])).code).toBe(0);
    expectFailure(
      await cli(['--library', library, 'export', 'no-such-meeting', '--out', '-']),
      1,
      /no-such-meeting|not found|no meeting/i,
    );
    expectFailure(
      await cli([
        '--library',
        library,
        'export',
        'gentofte-oi-m5',
        '--out',
        path.join(dir, 'no', 'such', 'folder', 'x.json'),
      ]),
      1,
      /The folder .*folder does not exist\./,
    );
    expectFailure(
      await cli(['--library', library, 'export', 'gentofte-oi-m5', '--out', dir]),
      1,
      /is a folder; give a file name with --out\./,
    );
  });

  it('uses REFERAT_LIBRARY, and --library over it, and the default library under XDG_DATA_HOME', async () => {
    const fromEnv = freshLibrary();
    expect((await cli(['import', fixtureFile], { REFERAT_LIBRARY: fromEnv })).code).toBe(0);
    expect(meetingIds(fromEnv)).toEqual(['gentofte-oi-m5']);

    const fromOption = freshLibrary();
    expect(
      (await cli(['--library', fromOption, 'import', fixtureFile], { REFERAT_LIBRARY: fromEnv }))
        .code,
    ).toBe(0);
    expect(fs.existsSync(fromOption)).toBe(true);

    const xdg = path.join(dir, 'xdg-home');
    expect((await cli(['import', fixtureFile], { XDG_DATA_HOME: xdg })).code).toBe(0);
    expect(meetingIds(path.join(xdg, 'Referat', 'library.sqlite'))).toEqual(['gentofte-oi-m5']);
  });
});

describe('referat validate', () => {
  it('says ok for the fixture and lists every error otherwise', async () => {
    expect(await cli(['validate', fixtureFile])).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
    const doc = JSON.parse(fixtureText) as {
      committee: { name: string };
      appendices: Array<{ itemId: string | null }>;
    };
    doc.committee.name = ' ';
    const appendix = doc.appendices[0];
    if (appendix) appendix.itemId = 'm5-item-99';
    const run = await cli(['validate', writeTemp('two-errors.json', JSON.stringify(doc))]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'committee.name: must not be empty\nappendices[0].itemId: no agenda item has the id "m5-item-99"\n',
    );
    expect(run.stderr).toBe(
      'referat: two-errors.json is not a valid referat/2 document: 2 errors\n',
    );
  });

  it('accepts a referat/1 file and says what reading it as referat/2 assumes', async () => {
    const run = await cli(['validate', fixture1File]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'ok',
        'referat/1 document, read as referat/2 assuming:',
        '  - Laid out with the built-in profile "opgaveudvalg" of the template "opgaveudvalg" (referat/1 carries no profile).',
        '  - Nobody is marked as called in, no item as on a supplementary agenda or in a group, no appendix as added after the meeting (referat/1 cannot say so).',
        '',
      ].join('\n'),
    );
  });
});

describe('referat import of older and colliding files', () => {
  it('imports a referat/1 file, prints the notes on stderr, and exports it as referat/2', async () => {
    const library = freshLibrary();
    const run = await cli(['--library', library, 'import', fixture1File]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('gentofte-oi-m5\n');
    expect(run.stderr).toContain(
      'is a referat/1 document, read as referat/2 assuming:\n  - Laid out',
    );
    const exported = await cli(['--library', library, 'export', 'gentofte-oi-m5', '--out', '-']);
    expect(exported.stdout).toBe(fixtureText);
  });

  it('suggests only keep-both for a file reusing ids of another meeting (replace cannot help)', async () => {
    const library = freshLibrary();
    expect((await cli(['--library', library, 'import', fixtureFile])).code).toBe(0);
    // Another meeting id, the same participant, item and appendix ids.
    const reused = writeTemp(
      'reused.json',
      fixtureText.replace('"id": "gentofte-oi-m5"', '"id": "gentofte-oi-m6"'),
    );
    const refused = await cli(['--library', library, 'import', reused]);
    expectFailure(
      refused,
      1,
      /reuses ids of another meeting.*Use --on-existing keep-both \(the copy gets new ids\)\.\n$/,
    );
    expect(refused.stderr).not.toContain('replace');
    const replaced = await cli([
      '--library',
      library,
      'import',
      reused,
      '--on-existing',
      'replace',
    ]);
    expectFailure(replaced, 1, /Use --on-existing keep-both/);
    const copy = await cli(['--library', library, 'import', reused, '--on-existing', 'keep-both']);
    expect(copy.code).toBe(0);
    expect(meetingIds(library)).toHaveLength(2);
  });
});

describe('bin/referat.mjs (the built CLI in a child process)', () => {
  const skipReason = whyNotRunBuiltCli();
  if (skipReason) console.log(`skipped the bin/referat.mjs test: ${skipReason}`);
  const isBuilt = skipReason === null;

  it.skipIf(!isBuilt)('imports, lists and exports through the real process', () => {
    const library = freshLibrary();
    const run = (args: string[]) =>
      spawnSync(process.execPath, [path.join(root, 'bin/referat.mjs'), ...args], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_DATA_HOME: path.join(dir, 'xdg') },
        cwd: dir,
      });
    const imported = run(['--library', library, 'import', fixtureFile]);
    expect({ status: imported.status, stdout: imported.stdout, stderr: imported.stderr }).toEqual({
      status: 0,
      stdout: 'gentofte-oi-m5\n',
      stderr: '',
    });
    expect(run(['--library', library, 'list']).stdout).toBe(
      'gentofte-oi-m5\t2017-12-12\tOpgaveudvalget om Innovation\t5\tdraft\n',
    );
    const exported = run([
      '--library',
      library,
      'export',
      'gentofte-oi-m5',
      '--format',
      'json',
      '--out',
      '-',
    ]);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe(fixtureText);
    const wrong = run(['--library', library, 'frobnicate']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^referat: unknown command "frobnicate".*\n$/);
    const missing = run(['--library', library, 'import', 'missing.json']);
    expect(missing.status).toBe(1);
    expect(missing.stderr.split('\n')).toHaveLength(2);
  });
});
