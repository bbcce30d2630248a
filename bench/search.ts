/**
 * Search benchmark on a generated library of 2,200 meetings and 26,400 agenda items
 * with about 3 KB of Danish-like text each.
 *
 * - rare words, case ids and phrases: p95 ≤ 10 ms;
 * - common words (in nearly every item) and short prefixes typed as you go: p95 ≤ 50 ms;
 * - saving an item body with its index update: p95 ≤ 10 ms;
 * - building the index from scratch: reported, measured in this run on the copy of the library.
 *
 * Every query goes through `searchLibrary`, the function behind `search:query` (parse, FTS5,
 * grouping by meeting, snippets). Its floor, measured in the same run, is raw FTS5 over the
 * same index: the query's own MATCH expression (from the same parser), newest first or by
 * bm25 rank, the first page of rowids and nothing else (no filters, grouping or snippets).
 * The library is generated once, deterministically, into `bench/.cache/` (gitignored) and
 * copied to a temporary folder for each run, so saves and the rebuild never change the cache.
 *
 * Run alone with `npx tsx bench/search.ts`, or through `npm run bench` (runSearchBench).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { richTextFromPlain, type RichText } from '../common/domain/richText';
import { openLibrary, writeTransaction, type ReadDb } from '../main/node/storage/library';
import { saveBody } from '../main/node/storage/queries/bodies';
import {
  defaultSearchLimit,
  searchLibrary,
  type SearchArgs,
} from '../main/node/storage/queries/search';
import { parseSearchQuery } from '../common/search/query';
import { rebuildSearchIndex } from '../main/node/storage/searchIndex';
import { seededRandom as prng } from '../tests/support/seededRandom';

const fullMeetingCount = 2200;
const itemsPerMeeting = 12;
const committeeNames = [
  'Kommunalbestyrelsen',
  'Økonomiudvalget',
  'Teknik- og Miljøudvalget',
  'Børne- og Skoleudvalget',
  'Social- og Sundhedsudvalget',
  'Kultur-, Unge- og Fritidsudvalget',
  'Byplanudvalget',
  'Erhvervs- og Beskæftigelsesudvalget',
  'Ældre- og Omsorgsudvalget',
  'Opgaveudvalget om Innovation',
];
const cacheVersion = 3;

/**
 * One measured case. Wall time is what a user waits; CPU time (user + system of this process)
 * is reported beside it because on a shared, loaded machine wall time mostly measures the
 * other processes. The target is judged on wall time.
 */
export type SearchBenchCase = {
  name: string;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  cpuP50Ms: number;
  cpuP95Ms: number;
  targetMs: number | null;
  isWithinTarget: boolean | null;
  /** Raw FTS5 running the same queries' MATCH expressions (the floor); absent for saves. */
  floor?: { p50Ms: number; p95Ms: number; minMs: number; maxMs: number; queries: number };
};

export type SearchBenchResult = {
  name: string;
  meetings: number;
  items: number;
  libraryMiB: number;
  indexDocuments: number;
  /** Rebuilding the whole index from scratch in one transaction, measured in this run. */
  indexBuildMs: number;
  indexBuildCpuMs: number;
  cases: SearchBenchCase[];
  isWithinTarget: boolean;
};

// --- deterministic text -------------------------------------------------------------------

const commonWords = (
  'og i at det en til af for på er med som den de ikke der har vil kan om skal blev ved fra efter ' +
  'kommunen forvaltningen udvalget borgere sagen beslutning økonomi budget plan projekt område ' +
  'indstilling godkendt orientering møde år mål indsats forslag tilbud skole børn ældre miljø ' +
  'trafik byggeri vej klima kultur sundhed rådgivning anlæg drift bevilling høring lokalplan ' +
  'kommunalbestyrelsen administrationen samarbejde udvikling kvalitet ressourcer erfaringer'
).split(' ');
const syllables = (
  'ka ko ku ki ke ta to tu ti te sa so su si se ma mo mu mi me la lo lu li le ra ro ru ri re ' +
  'na no nu ni ne ba bo bu bi be da do du di de fa fo fu fi fe ga go gu gi ge ha ho hu hi he ' +
  'væ vø vå sæ sø så læ lø lå bæ bø bå kæ kø kå str skr spl gr kr tr br dr fr bl kl pl fl sk sp st'
).split(' ');
const endings = [
  'en',
  'et',
  'er',
  'erne',
  'ing',
  'ingen',
  'else',
  'hed',
  'lig',
  'ske',
  'sk',
  'ning',
  'ende',
  'ør',
  'gård',
  'vej',
  'plan',
  '',
];

function makeVocabulary(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const parts = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < parts; i += 1) word += syllables[Math.floor(random() * syllables.length)];
    word += endings[Math.floor(random() * endings.length)];
    if (!commonWords.includes(word)) words.add(word);
  }
  return [...words];
}

/** Zipf-like pick: index ~ floor(n^u) favours the start of the list. */
function zipf(random: () => number, list: readonly string[]): string {
  const index = Math.floor(Math.pow(list.length, random())) - 1;
  return list[Math.min(list.length - 1, Math.max(0, index))] as string;
}

function sentence(random: () => number, vocabulary: readonly string[]): string {
  const length = 8 + Math.floor(random() * 13);
  const words: string[] = [];
  for (let i = 0; i < length; i += 1)
    words.push(random() < 0.55 ? zipf(random, commonWords) : zipf(random, vocabulary));
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraphText(random: () => number, vocabulary: readonly string[], bytes: number): string {
  let text = '';
  while (text.length < bytes) text += `${text === '' ? '' : ' '}${sentence(random, vocabulary)}`;
  return text;
}

function isoDate(day: number): string {
  return new Date(Date.UTC(2004, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

/** Rare marker words: each put into a handful of items, to measure rare-word queries. */
function rareWords(random: () => number): string[] {
  return makeVocabulary(random, 40).map(
    (word, i) => `${word}${['mose', 'bassin', 'sti', 'hal', 'park'][i % 5]}`,
  );
}

type Generated = { rare: string[]; caseIds: string[]; phrases: string[]; draftItemIds: string[] };

/** Writes the whole library with plain inserts in one transaction, then builds the index. */
function generate(db: ReadDb, meetingCount: number): Generated {
  const random = prng(20_171_212);
  const vocabulary = makeVocabulary(random, 30_000);
  const rare = rareWords(random);
  const now = '2026-01-01T00:00:00.000Z';
  const insertCommittee = db.prepare(
    `INSERT INTO committees (id, name, kind, organisation, template, created_at)
     VALUES (?, ?, ?, 'Gentofte Kommune', 'fagudvalg', ?)`,
  );
  const insertMeeting = db.prepare(
    `INSERT INTO meetings (id, committee_id, number, kind, date, start_time, end_time, location, case_id, is_closed, status, template, created_at)
     VALUES (?, ?, ?, 'ordinary', ?, '16:30', '18:00', 'Rådhuset, mødesal 1', ?, 0, ?, 'fagudvalg', ?)`,
  );
  const insertParticipant = db.prepare(
    `INSERT INTO participants (id, meeting_id, member_id, name, role, party, is_citizen, attendance, substitute_for_id, partial_presence, note, position)
     VALUES (?, ?, NULL, ?, ?, ?, 0, 'present', NULL, '', '', ?)`,
  );
  const insertItem = db.prepare(
    `INSERT INTO agenda_items (id, meeting_id, number, position, title, is_closed, public_title, case_id, document_number, presenter, kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', 'decision')`,
  );
  const insertBody = db.prepare(
    'INSERT INTO bodies (item_id, field, content, revision, updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?)',
  );
  const insertRevision = db.prepare(
    'INSERT INTO revisions (body_id, revision, content, saved_at, author) VALUES (?, 1, ?, ?, ?)',
  );
  const firstNames = [
    'Anne',
    'Bo',
    'Camilla',
    'Dorthe',
    'Erik',
    'Frederik',
    'Grethe',
    'Hans',
    'Ida',
    'Jens',
    'Karen',
    'Lars',
    'Mette',
    'Niels',
    'Ole',
    'Pia',
    'Søren',
    'Tove',
    'Ulla',
    'Åse',
  ];
  const lastNames = [
    'Andersen',
    'Bach',
    'Christensen',
    'Dahl',
    'Eriksen',
    'Frandsen',
    'Holm',
    'Jørgensen',
    'Kragh',
    'Lund',
    'Møller',
    'Nørgaard',
    'Østergård',
    'Ærø',
    'Sørensen',
  ];
  const parties = ['A', 'B', 'C', 'F', 'O', 'V', 'Ø', 'Å'];
  const caseIds: string[] = [];
  const phrases: string[] = [];
  const draftItemIds: string[] = [];

  writeTransaction(db, (db) => {
    committeeNames.forEach((name, c) =>
      insertCommittee.run(`c${c}`, name, c === 0 ? 'kommunalbestyrelse' : 'staaende_udvalg', now),
    );
    for (let m = 0; m < meetingCount; m += 1) {
      const committee = m % committeeNames.length;
      const round = Math.floor(m / committeeNames.length);
      const day = round * 37 + committee * 3;
      const meetingId = `m${m}`;
      const isDraft = m >= meetingCount - committeeNames.length;
      insertMeeting.run(
        meetingId,
        `c${committee}`,
        round + 1,
        isoDate(day),
        `EMN-${isoDate(day).slice(0, 4)}-${String(m).padStart(5, '0')}`,
        isDraft ? 'draft' : 'approved',
        now,
      );
      for (let p = 0; p < 9; p += 1) {
        const name = `${firstNames[(m + p * 7) % firstNames.length]} ${lastNames[(m * 3 + p) % lastNames.length]}`;
        insertParticipant.run(
          `${meetingId}-p${p}`,
          meetingId,
          name,
          p === 0 ? 'chair' : 'member',
          parties[(p + committee) % parties.length],
          p,
        );
      }
      for (let i = 0; i < itemsPerMeeting; i += 1) {
        const itemId = `${meetingId}-i${i}`;
        // Cases travel: a third of the items continue a case of the previous round (another committee).
        const caseNumber =
          random() < 0.33 && m >= committeeNames.length
            ? (m - committeeNames.length + 1) * 100 + i
            : m * 100 + i;
        const caseId = `EMN-${2004 + Math.floor(caseNumber / 12_000)}-${String(caseNumber % 100_000).padStart(5, '0')}`;
        if (random() < 0.01) caseIds.push(caseId);
        const title = sentence(random, vocabulary).slice(0, 80).replace(/\.$/, '');
        const isClosed = random() < 0.03 ? 1 : 0;
        insertItem.run(
          itemId,
          meetingId,
          round * itemsPerMeeting + i + 1,
          i,
          title,
          isClosed,
          isClosed ? 'Lukket punkt' : '',
          caseId,
          String(2_000_000 + m * 100 + i),
        );
        if (isDraft) draftItemIds.push(itemId);
        const casePresentation = [
          paragraphText(random, vocabulary, 900),
          paragraphText(random, vocabulary, 900),
        ];
        if (random() < 0.004) {
          const word = rare[Math.floor(random() * rare.length)] as string;
          casePresentation[0] = `${casePresentation[0]} Der er særligt fokus på ${word}.`;
        }
        if (random() < 0.003) {
          // A phrase someone would look for: three words, at least two of them not common.
          const words = (casePresentation[1] ?? '').replace(/[.,]/g, '').split(' ');
          for (let at = Math.floor(random() * words.length); at + 3 <= words.length; at += 1) {
            const phrase = words.slice(at, at + 3);
            if (phrase.filter((word) => !commonWords.includes(word.toLowerCase())).length >= 2) {
              phrases.push(phrase.join(' '));
              break;
            }
          }
        }
        const bodies: [string, string[]][] = [
          ['summary', [paragraphText(random, vocabulary, 250)]],
          ['recommendation', [`At ${paragraphText(random, vocabulary, 200)}`]],
          ['casePresentation', casePresentation],
          ['finances', [paragraphText(random, vocabulary, 200)]],
          [
            'decision',
            [random() < 0.5 ? 'Godkendt.' : `Anbefales. ${sentence(random, vocabulary)}`],
          ],
        ];
        for (const [field, paragraphs] of bodies) {
          const content = JSON.stringify(richTextFromPlain(paragraphs.join('\n')));
          const bodyId = Number(
            insertBody.run(itemId, field, content, now, 'bench').lastInsertRowid,
          );
          insertRevision.run(bodyId, content, now, 'bench');
        }
      }
    }
    // Plain inserts were noted by the triggers; the timed full build below replaces that work.
    db.prepare('DELETE FROM search_dirty').run();
  });
  writeTransaction(db, (db) => rebuildSearchIndex(db));
  db.pragma('wal_checkpoint(TRUNCATE)');
  return {
    rare,
    caseIds: caseIds.slice(0, 40),
    phrases: phrases.slice(0, 40),
    draftItemIds,
  };
}

// --- measuring ------------------------------------------------------------------------------

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

function measure(name: string, targetMs: number | null, runs: (() => void)[]): SearchBenchCase {
  // One warm-up pass so the first query does not pay for cold pages alone.
  for (const run of runs.slice(0, 3)) run();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (const run of runs) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    run();
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  const p95 = percentile(times, 95);
  return {
    name,
    queries: times.length,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(p95),
    minMs: round(times[0] ?? 0),
    maxMs: round(times[times.length - 1] ?? 0),
    cpuP50Ms: round(percentile(cpuTimes, 50)),
    cpuP95Ms: round(percentile(cpuTimes, 95)),
    targetMs,
    isWithinTarget: targetMs === null ? null : p95 <= targetMs,
  };
}

function searchRuns(db: ReadDb, queries: readonly SearchArgs[], repeat: number): (() => void)[] {
  const runs: (() => void)[] = [];
  for (let r = 0; r < repeat; r += 1) {
    for (const query of queries) {
      runs.push(() => {
        const result = searchLibrary(db, query);
        if (result.query.isEmpty) throw new Error(`bench query "${query.text}" parsed as empty`);
      });
    }
  }
  return runs;
}

/** The floor of a query: raw FTS5 with the same MATCH expression, the first page of rowids. */
function rawFtsRuns(db: ReadDb, queries: readonly SearchArgs[], repeat: number): (() => void)[] {
  const newest = db.prepare(
    'SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?',
  );
  const ranked = db.prepare(
    'SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?',
  );
  const runs: (() => void)[] = [];
  for (let r = 0; r < repeat; r += 1) {
    for (const query of queries) {
      const parsed = parseSearchQuery(query.text, {
        isTyping: query.isTyping === true,
        column: 'text',
      });
      if (parsed.isEmpty) throw new Error(`bench query "${query.text}" parsed as empty`);
      const statement = query.order === 'relevance' ? ranked : newest;
      runs.push(() => statement.all(parsed.match, defaultSearchLimit));
    }
  }
  return runs;
}

/** A query case through `searchLibrary`, then its raw FTS5 floor. */
function searchCase(
  db: ReadDb,
  name: string,
  targetMs: number,
  queries: readonly SearchArgs[],
  repeat: number,
): SearchBenchCase {
  const measured = measure(name, targetMs, searchRuns(db, queries, repeat));
  const floor = measure(`${name} (raw FTS5)`, null, rawFtsRuns(db, queries, repeat));
  return {
    ...measured,
    floor: {
      p50Ms: floor.p50Ms,
      p95Ms: floor.p95Ms,
      minMs: floor.minMs,
      maxMs: floor.maxMs,
      queries: floor.queries,
    },
  };
}

const benchDir = path.dirname(fileURLToPath(import.meta.url));

/** Generates (once) and measures. */
export async function runSearchBench(
  options: { meetings?: number } = {},
): Promise<SearchBenchResult[]> {
  const meetingCount = options.meetings ?? fullMeetingCount;
  const cacheDir = path.join(benchDir, '.cache');
  const cacheFile = path.join(cacheDir, `search-v${cacheVersion}-${meetingCount}.sqlite`);
  const metaFile = `${cacheFile}.json`;
  if (!fs.existsSync(cacheFile) || !fs.existsSync(metaFile)) {
    fs.mkdirSync(cacheDir, { recursive: true });
    for (const stale of [cacheFile, `${cacheFile}-wal`, `${cacheFile}-shm`, metaFile])
      fs.rmSync(stale, { force: true });
    const library = openLibrary(cacheFile, { author: 'bench', isCheckingIntegrity: false });
    try {
      const generated = generate(library.db, meetingCount);
      fs.writeFileSync(metaFile, JSON.stringify(generated));
    } finally {
      library.close();
    }
  }
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Generated;

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-search-bench-'));
  const workFile = path.join(workDir, 'library.sqlite');
  fs.copyFileSync(cacheFile, workFile);
  const library = openLibrary(workFile, { author: 'bench', isCheckingIntegrity: false });
  try {
    const db = library.db;
    const cases: SearchBenchCase[] = [];
    cases.push(
      searchCase(
        db,
        'rare words',
        10,
        meta.rare.map((text) => ({ text })),
        3,
      ),
    );
    cases.push(
      searchCase(
        db,
        'case ids',
        10,
        meta.caseIds.map((text) => ({ text })),
        3,
      ),
    );
    cases.push(
      searchCase(
        db,
        'phrases',
        10,
        meta.phrases.map((text) => ({ text: `"${text}"` })),
        3,
      ),
    );
    const common = [
      'kommunen',
      'og',
      'forvaltningen',
      'budget',
      'borgere',
      'udvalget og kommunen',
      'plan OR projekt',
      'økonomi -klima',
    ];
    cases.push(
      searchCase(
        db,
        'common words, newest first',
        50,
        common.map((text) => ({ text })),
        5,
      ),
    );
    cases.push(
      searchCase(
        db,
        'common words, relevance (bm25 over the newest candidates)',
        50,
        common.map((text) => ({ text, order: 'relevance' as const })),
        3,
      ),
    );
    const prefixes = ['ko', 'kom', 'komm', 'fo', 'for', 'be', 'bu', 'ud', 'sk', 'ø'];
    cases.push(
      searchCase(
        db,
        'short prefixes while typing',
        50,
        prefixes.map((text) => ({ text, isTyping: true })),
        5,
      ),
    );
    const typed = 'forvaltningen budget';
    cases.push(
      searchCase(
        db,
        'typing "forvaltningen budget" one keystroke at a time',
        50,
        Array.from(typed, (_, i) => ({ text: typed.slice(0, i + 1), isTyping: true })),
        5,
      ),
    );
    const committeeFiltered = common.map((text) => ({
      text,
      committeeIds: ['c9'],
      from: '2010-01-01',
      to: '2015-12-31',
    }));
    cases.push(
      searchCase(db, 'common words with committee and date filters', 50, committeeFiltered, 3),
    );

    const random = prng(7);
    const saves: (() => void)[] = [];
    for (let s = 0; s < 200; s += 1) {
      const itemId = meta.draftItemIds[Math.floor(random() * meta.draftItemIds.length)] as string;
      saves.push(() => {
        const current = db
          .prepare("SELECT revision FROM bodies WHERE item_id = ? AND field = 'casePresentation'")
          .pluck()
          .get(itemId) as number | undefined;
        const text = `Revideret ${s}. ${'Forvaltningen har gennemgået sagen og budgettet på ny. '.repeat(55)}`;
        const content: RichText = richTextFromPlain(text);
        saveBody(db, {
          owner: { kind: 'item', itemId, field: 'casePresentation' },
          content,
          baseRevision: current ?? 0,
          author: 'bench',
        });
      });
    }
    cases.push(measure('save an item body (3 KB) with its index update', 10, saves));

    // The index built from scratch, in this run: the same work as migration 0020 on a library.
    const started = performance.now();
    const cpu = process.cpuUsage();
    writeTransaction(db, (db) => rebuildSearchIndex(db));
    const indexBuildMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const indexBuildCpuMs = (used.user + used.system) / 1000;

    const isWithinTarget = cases.every((c) => c.isWithinTarget !== false);
    return [
      {
        name: `search, ${meetingCount} meetings / ${meetingCount * itemsPerMeeting} items`,
        meetings: Number(db.prepare('SELECT count(*) FROM meetings').pluck().get()),
        items: Number(db.prepare('SELECT count(*) FROM agenda_items').pluck().get()),
        libraryMiB: Math.round((fs.statSync(cacheFile).size / 1024 / 1024) * 10) / 10,
        indexDocuments: Number(db.prepare('SELECT count(*) FROM search_docs').pluck().get()),
        indexBuildMs: Math.round(indexBuildMs),
        indexBuildCpuMs: Math.round(indexBuildCpuMs),
        cases,
        isWithinTarget,
      },
    ];
  } finally {
    library.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runSearchBench();
  console.log(JSON.stringify(results, null, 2));
}
