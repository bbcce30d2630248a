/**
 * Editor benchmark, Playwright in Chromium against browser mode: a generated meeting
 * of 60 agenda items with about 5 pages of decision text each (about 300 pages), and the same
 * meeting cut to one item of one page, measured in the same run, in the minutes document view
 * (one editor per body, off-screen sections not laid out).
 *
 * Keystroke-to-paint: a capture-phase keydown listener stamps the time; the next animation
 * frame plus a task after it marks the paint. Typing happens in the middle of item 30, in two
 * rhythms: a fast typist (the targets) and a burst of rolled-over keys (reported). Three passes
 * over the three cases; each figure is the median of its case's passes.
 */
import { readFileSync } from 'node:fs';
import { apiCall, createAgendaItem } from '../tests/e2e/helpers/api';
import { openBrowserSession, type BrowserSession } from '../tests/e2e/helpers/browserMode';
import { seededRandom } from '../tests/support/seededRandom';
import { measureAttendanceSwitch, type AttendanceSwitchResult } from './attendanceSwitch';

/** Keystroke-to-paint percentiles of one typing rhythm. */
export type TypingFigures = {
  keystrokes: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** The p95 and p99 of each pass (their medians are p95Ms and p99Ms). */
  p95Passes?: number[];
  p99Passes?: number[];
};
export type EditorBenchCase = {
  name: string;
  pages: number;
  openToEditableMs: number;
  /** Open to editable of each pass. */
  openPasses?: number[];
  /**
   * From the hash change to the document's first text body (whichever it is) accepting input:
   * what a secretary waits for before writing. Median over the passes; absent for the bare case.
   */
  openToFirstBodyMs?: number;
  openToFirstBodyPasses?: number[];
  fastTypist: TypingFigures;
  burst: TypingFigures;
  /** JS heap after both rounds of typing. */
  heapMiB: number;
  /**
   * Resident memory of the renderer process after typing (the largest renderer of the browser:
   * an upper bound for the page's), with its proportional share; null where /proc is missing.
   */
  renderer: { rssMiB: number; pssMiB: number } | null;
};
export type EditorBenchResult =
  | {
      cases: EditorBenchCase[];
      /** A bare contenteditable typed into the same way: the floor of the measurement. */
      reference: EditorBenchCase;
      /** p95 of the 300-page meeting over the one-page meeting, per rhythm. */
      ratioP95: { fastTypist: number; burst: number };
      /** Opening the attendance table of a 31-member committee (attendanceSwitch.ts). */
      attendanceSwitch: AttendanceSwitchResult;
    }
  | { skipped: string };

const pageChars = 3000;
const sentence =
  'Udvalget drøftede sagen og lagde vægt på borgernes inddragelse, økonomien og den videre proces for projektet. ';

function body(pages: number) {
  const paragraphs: { type: 'paragraph'; children: { type: 'text'; text: string }[] }[] = [];
  let chars = 0;
  while (chars < pages * pageChars) {
    const text = sentence.repeat(6).trim();
    paragraphs.push({ type: 'paragraph', children: [{ type: 'text', text }] });
    chars += text.length;
  }
  return paragraphs;
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** One rhythm's figures over several passes: each percentile the median of the passes'. */
function medianTyping(runs: readonly TypingFigures[]): TypingFigures {
  return {
    keystrokes: runs.reduce((sum, run) => sum + run.keystrokes, 0),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p95Ms: median(runs.map((run) => run.p95Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    p95Passes: runs.map((run) => run.p95Ms),
    p99Passes: runs.map((run) => run.p99Ms),
  };
}

/** A case over several passes: median times, the largest memory. */
function medianCase(runs: readonly EditorBenchCase[]): EditorBenchCase {
  const [first] = runs;
  if (!first) throw new Error('no passes');
  const renderers = runs.flatMap((run) => (run.renderer ? [run.renderer] : []));
  return {
    name: first.name,
    pages: first.pages,
    openToEditableMs: median(runs.map((run) => run.openToEditableMs)),
    openPasses: runs.map((run) => run.openToEditableMs),
    ...(first.openToFirstBodyMs === undefined
      ? {}
      : {
          openToFirstBodyMs: median(runs.map((run) => run.openToFirstBodyMs ?? 0)),
          openToFirstBodyPasses: runs.map((run) => run.openToFirstBodyMs ?? 0),
        }),
    fastTypist: medianTyping(runs.map((run) => run.fastTypist)),
    burst: medianTyping(runs.map((run) => run.burst)),
    heapMiB: Math.max(...runs.map((run) => run.heapMiB)),
    renderer:
      renderers.length === 0
        ? null
        : renderers.reduce((largest, next) => (next.rssMiB > largest.rssMiB ? next : largest)),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function measure(
  session: BrowserSession,
  meetingId: string,
  itemIndex: number,
  name: string,
  pages: number,
) {
  const page = session.page;
  await page.goto(session.host.url);
  const started = Date.now();
  await page.evaluate((id) => {
    window.location.hash = `#/meetings/${id}`;
  }, meetingId);
  // The meeting screen is the document: its first body (the Resumé here) is writable first.
  await page.locator('.meeting-document [contenteditable="true"]').first().waitFor();
  const openToFirstBodyMs = Date.now() - started;
  const editors = page.locator('.meeting-document__item [contenteditable="true"]');
  await editors.first().waitFor();
  const openToEditableMs = Date.now() - started;
  // Sections far from the viewport mount their editors when scrolled to.
  const section = page.locator('.meeting-document__item').nth(itemIndex);
  // As the outline does: mount the section's editors, then scroll to it.
  await section.evaluate((element) =>
    element
      .querySelectorAll('.meeting-document__lazy')
      .forEach((lazy) => lazy.dispatchEvent(new Event('referat-mount'))),
  );
  await section.scrollIntoViewIfNeeded();
  const target = section.locator('[contenteditable="true"]').first();
  await target.waitFor();
  await target.click();
  // Caret in the middle of the body.
  await target.evaluate((element) => {
    const paragraphs = element.querySelectorAll('p');
    const middle = paragraphs[Math.floor(paragraphs.length / 2)];
    const text = middle?.firstChild?.firstChild ?? middle?.firstChild;
    if (!text) return;
    const range = document.createRange();
    range.setStart(text, Math.min(40, text.textContent?.length ?? 0));
    range.collapse(true);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  });
  return {
    name,
    pages,
    openToEditableMs,
    openToFirstBodyMs,
    ...(await typeInBothRhythms(page)),
  } satisfies EditorBenchCase;
}

/**
 * How the benchmark presses keys. A key is held for `holdMs` and the next one goes down
 * `gapMs` after it is released, each drawn from its range by a seeded generator so every run
 * types the same rhythm.
 */
export type TypingCadence = {
  name: string;
  holdMs: readonly [number, number];
  gapMs: readonly [number, number];
};

/**
 * A fast touch typist (about 8 keys a second, 95 words a minute): the rhythm the < 16 ms target
 * is measured at. The jitter keeps key presses from locking onto the display's frame rhythm.
 */
export const fastTypistCadence: TypingCadence = {
  name: 'fast typist, about 8 keys/s',
  holdMs: [50, 100],
  gapMs: [20, 80],
};

/**
 * Keys held down rolling over each other at 33 keys a second, faster than anyone types. Frames
 * never stop between keys, so a key waits for the next display frame: this shows the frame
 * rhythm more than the editor's work and is reported, not held to the target.
 */
export const burstCadence: TypingCadence = {
  name: 'burst, 33 keys/s',
  holdMs: [30, 30],
  gapMs: [0, 0],
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Types where the caret is, first as a fast typist and then in a burst, and returns both
 * rhythms' keystroke-to-paint percentiles and the JS heap afterwards.
 */
async function typeInBothRhythms(page: BrowserSession['page']) {
  await page.evaluate(() => {
    const w = window as unknown as { __latencies: number[] };
    w.__latencies = [];
    document.addEventListener(
      'keydown',
      () => {
        const t0 = performance.now();
        requestAnimationFrame(() =>
          setTimeout(() => w.__latencies.push(performance.now() - t0), 0),
        );
      },
      true,
    );
  });
  // Not timed: the first keys of a page load the spellchecker's dictionary and compile the
  // editor's code.
  await typeAndMeasure(page, fastTypistCadence, 1);
  const fastTypist = await typeAndMeasure(page, fastTypistCadence);
  const burst = await typeAndMeasure(page, burstCadence);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const heap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  return { fastTypist, burst, heapMiB: heap / 2 ** 20, renderer: await rendererMemory(page) };
}

/**
 * The memory of the largest renderer process (Linux /proc smaps_rollup): Chromium may keep a
 * spare renderer beside the page's, and the largest is the page's or more.
 */
async function rendererMemory(page: BrowserSession['page']) {
  const browser = page.context().browser();
  if (!browser) return null;
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    let largest: { rssMiB: number; pssMiB: number } | null = null;
    for (const process of processInfo.filter((candidate) => candidate.type === 'renderer')) {
      let rollup: string;
      try {
        rollup = readFileSync(`/proc/${process.id}/smaps_rollup`, 'utf8');
      } catch {
        continue;
      }
      const kib = (field: string) =>
        Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
      const memory = { rssMiB: kib('Rss') / 1024, pssMiB: kib('Pss') / 1024 };
      if (!largest || memory.rssMiB > largest.rssMiB) largest = memory;
    }
    return largest;
  } finally {
    await cdp.detach();
  }
}

/**
 * Types `rounds` rounds of a sentence where the caret is (four: 144 timed keys), in the given
 * rhythm, and returns the keystroke-to-paint percentiles. Letters a key produces are pressed
 * (keydown, input, keyup); "æ" is inserted as text, as an input method would, and not timed.
 */
async function typeAndMeasure(
  page: BrowserSession['page'],
  cadence: TypingCadence,
  rounds = 4,
): Promise<TypingFigures> {
  await page.evaluate(() => {
    (window as unknown as { __latencies: number[] }).__latencies = [];
  });
  const random = seededRandom(20171212);
  const between = ([low, high]: readonly [number, number]) => low + random() * (high - low);
  const text = 'supplerende bemærkning til referatet ';
  for (let round = 0; round < rounds; round++) {
    for (const character of text) {
      if (/^[a-z ]$/.test(character)) {
        await page.keyboard.down(character);
        await pause(between(cadence.holdMs));
        await page.keyboard.up(character);
      } else {
        await page.keyboard.insertText(character);
      }
      const gap = between(cadence.gapMs);
      if (gap > 0) await pause(gap);
    }
  }
  await page.waitForTimeout(300);
  const latencies = (
    await page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies)
  ).sort((a, b) => a - b);
  return {
    keystrokes: latencies.length,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
  };
}

/**
 * The floor of this measurement on this machine: one page of the same text in a bare
 * contenteditable (no React, no Lexical), typed into the same way. Most of a keystroke's
 * latency is the browser's own editing and the wait for the next frame.
 */
async function measureBareContentEditable(session: BrowserSession): Promise<EditorBenchCase> {
  const page = session.page;
  await page.goto('about:blank');
  const paragraphs = body(1)
    .map((paragraph) => `<p>${paragraph.children[0]?.text ?? ''}</p>`)
    .join('');
  await page.setContent(
    `<!doctype html><html lang="da"><body><div contenteditable="true" spellcheck="true" style="width:700px;margin:2em auto;font:16px sans-serif">${paragraphs}</div></body></html>`,
  );
  const started = Date.now();
  const target = page.locator('[contenteditable="true"]');
  await target.click();
  const openToEditableMs = Date.now() - started;
  await target.evaluate((element) => {
    const paragraphs = element.querySelectorAll('p');
    const text = paragraphs[Math.floor(paragraphs.length / 2)]?.firstChild;
    if (!text) return;
    const range = document.createRange();
    range.setStart(text, 40);
    range.collapse(true);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
  });
  return {
    name: bareCaseName,
    pages: 1,
    openToEditableMs,
    ...(await typeInBothRhythms(page)),
  };
}

/** The cases of the benchmark (their names are the figures' names). */
export const editorCaseNames = ['one item of one page', '60 items of 5 pages (about 300 pages)'];
export const bareCaseName = 'bare contenteditable, one page';

export async function runEditorBench(
  options: { passes?: number } = {},
): Promise<EditorBenchResult> {
  let session: BrowserSession;
  try {
    session = await openBrowserSession({ viewport: { width: 1400, height: 900 } });
  } catch (error) {
    return {
      skipped: `Chromium or the browser-mode host is not available: ${(error as Error).message}`,
    };
  }
  try {
    const call = <T>(name: string, input: unknown): Promise<T> =>
      apiCall<T>(session.host, name, input);
    const committee = await call<{ id: string }>('committees:create', {
      name: 'Benchmarkudvalget',
      kind: 'staaende_udvalg',
      organisation: 'Gentofte Kommune',
      template: 'opgaveudvalg',
    });
    const makeMeeting = async (number: number, items: number, pages: number) => {
      const meeting = await call<{ meeting: { id: string } }>('meetings:create', {
        committeeId: committee.id,
        number,
        date: `2018-01-${String(number).padStart(2, '0')}`,
        kind: 'ordinary',
        isCopyingPrevious: false,
      });
      const content = body(pages);
      for (let i = 0; i < items; i++) {
        const itemId = await createAgendaItem(session.host, meeting.meeting.id, {
          title: `Punkt ${i + 1}`,
        });
        await call('bodies:save', {
          owner: { kind: 'item', itemId, field: 'decision' },
          content,
          baseRevision: 0,
        });
      }
      return meeting.meeting.id;
    };
    const small = await makeMeeting(1, 1, 1);
    const large = await makeMeeting(2, 60, 5);
    // Three passes over the cases (one page, 300 pages, bare), each case's figures the median of
    // its passes: a slow spell of the shared machine falls on one pass, not on one case alone.
    const passes: [EditorBenchCase, EditorBenchCase, EditorBenchCase][] = [];
    for (let pass = 0; pass < (options.passes ?? 3); pass++) {
      passes.push([
        await measure(session, small, 0, editorCaseNames[0] ?? '', 1),
        await measure(session, large, 29, editorCaseNames[1] ?? '', 300),
        await measureBareContentEditable(session),
      ]);
    }
    const attendanceSwitch = await measureAttendanceSwitch(session);
    const [smallCase, largeCase, bareCase] = ([0, 1, 2] as const).map((index) =>
      medianCase(passes.map((runs) => runs[index])),
    ) as [EditorBenchCase, EditorBenchCase, EditorBenchCase];
    return {
      cases: [smallCase, largeCase],
      reference: bareCase,
      ratioP95: {
        fastTypist: largeCase.fastTypist.p95Ms / Math.max(0.001, smallCase.fastTypist.p95Ms),
        burst: largeCase.burst.p95Ms / Math.max(0.001, smallCase.burst.p95Ms),
      },
      attendanceSwitch,
    };
  } finally {
    await session.close();
  }
}
