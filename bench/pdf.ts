/**
 * PDF export benchmark: the generated 300-page meeting (60 items of about 5 pages)
 * exported as the full edition, measured in the same run as
 * - the floor: pdfkit drawing the same already-positioned glyph runs (the output of Referat's own
 *   line breaking, common/export/typeset.ts, computed before the clock starts) with the same
 *   embedded fonts, each word shaped once, one content stream per page, and nothing else: no
 *   structure tree, no header or footer, no PDF/A, no attached JSON. The export's ratio to it is
 *   what layout, tagging and PDF/A cost on top of writing the bytes (target ≤ 2.0);
 * - a peer: a naive pdfkit program writing the same text with pdfkit's own `text()` wrapping and
 *   page breaks (what a developer would write first; not a floor, pdfkit's wrapping is slow).
 *
 * The three alternate over the rounds (at least 7 in `npm run bench`), warm (fonts parsed);
 * each figure is the median with its spread. Peak memory is the kernel's high-water mark
 * (`process.resourceUsage().maxRSS`) of a child process that does nothing but generate the
 * meeting and export it once, cold, as the CLI does.
 *
 * The agenda (dagsorden) is measured the same way (runAgendaPdfBench) on the same meeting with
 * its decision texts moved into the agendas' Sagsfremstilling (benchAgendaMeeting: an agenda
 * never shows decisions, where the generated meeting keeps its bulk): its export
 * (writeAgendaPdf, PDF/A and PDF/UA like the minutes) against the floor drawing the agenda's own
 * typeset glyph runs, in alternating rounds; target the minutes' figure, ≤ 2.0 × that floor.
 *
 * Run alone with `npx tsx bench/pdf.ts` (`--agenda` for the agenda figure only), or through
 * `npm run bench` (runPdfBench).
 */
import { isMainModule, runBenchChild } from './childRun';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import PDFDocument from 'pdfkit';
import { generateMeeting } from '../tests/support/generateMeeting';
import { layoutBlockText } from '../tests/support/layoutText';
import { prepareEdition } from '../common/export/preparedEdition';
import { layoutMinutes, type LayoutBlock } from '../common/export/layoutMinutes';
import { a4Geometry, typeset, type FontKey, type Typeset } from '../common/export/typeset';
import type { ReferatDocument } from '../common/format/referat1';
import { fontPaths } from '../main/node/pdf/fonts';
import { forgetParsedFonts, writeAgendaPdf, writeMinutesPdf } from '../main/node/pdf/writePdf';
import { layoutAgenda, prepareAgenda } from '../common/export/layoutAgenda';
import { spreadOf, type Spread } from './stats';

export type PdfBenchSize = { items: number; pagesPerItem: number };
/** The benchmark's meeting: about 300 pages. */
export const fullPdfSize: PdfBenchSize = { items: 60, pagesPerItem: 5 };

export type PdfBenchResult = {
  name: string;
  pages: number;
  bytes: number;
  /** Wall milliseconds of each. */
  exportMs: Spread;
  floorMs: Spread;
  naiveMs: Spread;
  exportCpuMs: Spread;
  floorCpuMs: Spread;
  naivePages: number;
  floorBytes: number;
  /** Peak resident memory of a child exporting once (cold), and its RSS before the export. */
  peakRssMiB: Spread;
  baselineRssMiB: number;
  phasesCpuMs: Record<string, number>;
};

/** The meeting every PDF figure uses (deterministic). */
export function benchMeeting(size: PdfBenchSize): ReferatDocument {
  return generateMeeting({ items: size.items, pagesPerItem: size.pagesPerItem, closedEvery: 7 });
}

/** The blocks `writeMinutesPdf` lays out for the full edition (same edition, same options). */
function exportBlocks(doc: ReferatDocument): LayoutBlock[] {
  return layoutMinutes(prepareEdition(doc, 'full', 'da').document, {
    lang: 'da',
    edition: 'full',
    ...(doc.meeting.status !== 'draft' ? { isWithSignaturePage: true } : {}),
  });
}

/** Typesets with the export's own measure (the embedded fonts' widths, words as "word "). */
function typesetLikeExport(blocks: readonly LayoutBlock[]): Typeset {
  const fonts = fontPaths();
  const measuring = new PDFDocument({ autoFirstPage: false });
  const raw = (text: string, font: FontKey): number =>
    measuring.font(fonts[font]).fontSize(1).widthOfString(text);
  const measure = (text: string, font: FontKey): number =>
    text === ' ' || text.includes(' ') ? raw(text, font) : raw(`${text} `, font) - raw(' ', font);
  return typeset(blocks, measure, a4Geometry);
}

type FloorFont = {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number }[]];
};

const formatNumber = (value: number): string => String(Math.round(value * 1000) / 1000);

/**
 * The floor: the typeset pages drawn as positioned text, each "word " shaped once per font
 * (as the export does), one content stream write per page, and the same images.
 */
async function writeFloor(layout: Typeset, file: string): Promise<{ pages: number }> {
  const fonts = fontPaths();
  const pdf = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, pdfVersion: '1.7' });
  const done = new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(file);
    stream.on('finish', resolve);
    stream.on('error', reject);
    pdf.pipe(stream);
  });
  const embedded = new Map<FontKey, FloorFont>();
  const fontOf = (key: FontKey): FloorFont => {
    let font = embedded.get(key);
    if (!font) {
      font = (pdf.font(fonts[key]) as unknown as { _font: FloorFont })._font;
      embedded.set(key, font);
    }
    return font;
  };
  const pieces = new Map<string, string>();
  const operand = (font: FloorFont, text: string): string => {
    let out = '';
    for (const word of text.split(' ')) {
      if (word === '') continue;
      const key = `${font.id} ${word}`;
      let encoded = pieces.get(key);
      if (encoded === undefined) {
        const [glyphs, positions] = font.encode(`${word} `);
        encoded = '';
        let run = '';
        glyphs.forEach((glyph, index) => {
          run += glyph;
          const position = positions[index];
          const adjustment = position ? position.xAdvance - position.advanceWidth : 0;
          if (adjustment !== 0) {
            encoded += `<${run}> ${formatNumber(-adjustment)} `;
            run = '';
          }
        });
        if (run !== '') encoded += `<${run}> `;
        pieces.set(key, encoded);
      }
      out += encoded;
    }
    return out;
  };
  for (const page of layout.pages) {
    pdf.addPage({ size: 'A4', margin: 0 });
    const current = pdf.page as unknown as {
      height: number;
      fonts: Record<string, unknown>;
      write(chunk: Uint8Array): void;
    };
    let content = `q 1 0 0 -1 0 ${formatNumber(current.height)} cm BT\n`;
    for (const line of page.lines) {
      for (const segment of line.segments) {
        if (segment.text === '') continue;
        const font = fontOf(segment.font);
        if (current.fonts[font.id] == null) current.fonts[font.id] = font.ref();
        const baseline = current.height - line.top - (font.ascender / 1000) * segment.size;
        content += `/${font.id} ${formatNumber(segment.size)} Tf 1 0 0 1 ${formatNumber(segment.x)} ${formatNumber(baseline)} Tm [${operand(font, segment.text)}] TJ\n`;
      }
    }
    content += 'ET Q\n';
    current.write(Buffer.from(content, 'latin1'));
    // The same images (the logo) as the export, drawn the same way.
    for (const image of page.images)
      pdf.image(Buffer.from(image.dataBase64, 'base64'), image.x, image.top, {
        fit: [image.maxWidth, image.height],
      });
  }
  pdf.end();
  await done;
  return { pages: layout.pages.length };
}

/** The naive pdfkit program: the same text, the same fonts, pdfkit's own wrapping and page breaks. */
async function writeNaive(blocks: readonly LayoutBlock[], file: string): Promise<number> {
  const fonts = fontPaths();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: {
      top: a4Geometry.marginTop,
      bottom: a4Geometry.marginBottom,
      left: a4Geometry.marginLeft,
      right: a4Geometry.marginRight,
    },
    pdfVersion: '1.7',
    font: fonts.regular,
  });
  const done = new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(file);
    stream.on('finish', resolve);
    stream.on('error', reject);
    pdf.pipe(stream);
  });
  let pages = 1;
  pdf.on('pageAdded', () => pages++);
  for (const block of blocks) {
    const text = layoutBlockText(block);
    if (text === '') continue;
    pdf
      .font(block.kind === 'heading' ? fonts.bold : fonts.regular)
      .fontSize(block.kind === 'heading' ? 12 : 10);
    pdf.text(text, { paragraphGap: 6 });
  }
  pdf.end();
  await done;
  return pages;
}

/**
 * A full garbage collection before each measurement, so that no measurement pays for another's
 * garbage. `npm run bench` exposes gc; run alone the flag is set at run time.
 */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

type Timed = { wallMs: number; cpuMs: number };

async function timed(work: () => Promise<unknown>): Promise<Timed> {
  collector()();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
const roundSpread = (spread: Spread, digits = 0): Spread => ({
  runs: spread.runs,
  min: round(spread.min, digits),
  median: round(spread.median, digits),
  max: round(spread.max, digits),
});

type ChildAnswer = { exportMs: number; maxRssMiB: number; baselineRssMiB: number; pages: number };

/** One cold export in a fresh process; its peak RSS from the kernel. */
function runChild(size: PdfBenchSize, out: string): Promise<ChildAnswer> {
  return runBenchChild<ChildAnswer>(import.meta.url, [
    String(size.items),
    String(size.pagesPerItem),
    out,
  ]);
}

async function child(size: PdfBenchSize, out: string): Promise<void> {
  const doc = benchMeeting(size);
  const baselineRssMiB = process.memoryUsage().rss / 1024 / 1024;
  const started = performance.now();
  const { pages } = await writeMinutesPdf(doc, { edition: 'full', out });
  const exportMs = performance.now() - started;
  // maxRSS is in kilobytes (KiB) on Linux and macOS.
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ exportMs, maxRssMiB, baselineRssMiB, pages })}\n`);
}

/**
 * Runs the benchmark; the meeting is generated and typeset for the floor first (not timed).
 * `rounds` alternating rounds of floor, export and naive program; `memoryRuns` children.
 */
export async function runPdfBench(
  options: { rounds?: number; memoryRuns?: number; size?: PdfBenchSize } = {},
): Promise<PdfBenchResult[]> {
  const rounds = options.rounds ?? 7;
  const size = options.size ?? fullPdfSize;
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-pdf-bench-'));
  try {
    const doc = benchMeeting(size);
    const blocks = exportBlocks(doc);
    const layout = typesetLikeExport(blocks);
    const exportFile = path.join(dir, 'export.pdf');
    const floorFile = path.join(dir, 'floor.pdf');
    // Warm-up: parse the fonts, compile the code paths (not measured).
    forgetParsedFonts();
    await writeMinutesPdf(doc, { edition: 'full', out: path.join(dir, 'warm.pdf') });
    await writeFloor(layout, path.join(dir, 'warm-floor.pdf'));
    await writeNaive(blocks.slice(0, 50), path.join(dir, 'warm-naive.pdf'));

    const floors: Timed[] = [];
    const exports: Timed[] = [];
    const naives: Timed[] = [];
    let pages = 0;
    let naivePages = 0;
    let timings: Record<string, number> = {};
    for (let index = 0; index < rounds; index++) {
      floors.push(await timed(() => writeFloor(layout, floorFile)));
      const roundTimings: Record<string, number> = {};
      exports.push(
        await timed(async () => {
          pages = (
            await writeMinutesPdf(doc, { edition: 'full', out: exportFile, timings: roundTimings })
          ).pages;
        }),
      );
      timings = roundTimings;
      naives.push(
        await timed(async () => {
          naivePages = await writeNaive(blocks, path.join(dir, 'naive.pdf'));
        }),
      );
    }
    if (pages !== layout.pages.length)
      throw new Error(
        `the floor drew ${layout.pages.length} pages, the export ${pages}: not the same glyph runs`,
      );

    const memory: ChildAnswer[] = [];
    for (let index = 0; index < (options.memoryRuns ?? 3); index++)
      memory.push(await runChild(size, path.join(dir, `child-${index}.pdf`)));

    return [
      {
        name: `pdf export, ${size.items * size.pagesPerItem}-page generated meeting (full edition)`,
        pages,
        bytes: statSync(exportFile).size,
        exportMs: roundSpread(spreadOf(exports.map((m) => m.wallMs)), 1),
        floorMs: roundSpread(spreadOf(floors.map((m) => m.wallMs)), 1),
        naiveMs: roundSpread(spreadOf(naives.map((m) => m.wallMs)), 1),
        exportCpuMs: roundSpread(spreadOf(exports.map((m) => m.cpuMs)), 1),
        floorCpuMs: roundSpread(spreadOf(floors.map((m) => m.cpuMs)), 1),
        naivePages,
        floorBytes: statSync(floorFile).size,
        peakRssMiB: roundSpread(spreadOf(memory.map((m) => m.maxRssMiB)), 1),
        baselineRssMiB: round(Math.max(...memory.map((m) => m.baselineRssMiB)), 1),
        phasesCpuMs: Object.fromEntries(
          Object.entries(timings).map(([phase, ms]) => [phase, round(ms)]),
        ),
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The agenda benchmark's meeting: the PDF benchmark's meeting with each item's decision text
 * moved into its Sagsfremstilling. The generated meeting keeps its bulk in the decisions, which
 * an agenda never shows (its agenda is about 11 pages); moved, the agenda has the meeting's
 * ~300 pages, so the figure measures an agenda of that size.
 */
export function benchAgendaMeeting(size: PdfBenchSize): ReferatDocument {
  const doc = benchMeeting(size);
  for (const item of doc.agendaItems) {
    const { decision, ...rest } = item.bodies;
    item.bodies = {
      ...rest,
      casePresentation: [...(rest.casePresentation ?? []), ...(decision ?? [])],
    };
  }
  return doc;
}

/** The agenda figure: its export against the floor of its own glyph runs. */
export type AgendaBenchResult = {
  name: string;
  pages: number;
  bytes: number;
  exportMs: Spread;
  floorMs: Spread;
  exportCpuMs: Spread;
  floorCpuMs: Spread;
  floorBytes: number;
};

/**
 * The agenda PDF of the benchmark's meeting (full edition), `rounds` alternating rounds of the
 * floor (the agenda's typeset pages, computed before the clock) and the export.
 */
export async function runAgendaPdfBench(
  options: { rounds?: number; size?: PdfBenchSize } = {},
): Promise<AgendaBenchResult> {
  const rounds = options.rounds ?? 7;
  const size = options.size ?? fullPdfSize;
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-agenda-bench-'));
  try {
    const doc = benchAgendaMeeting(size);
    const layout = typesetLikeExport(
      layoutAgenda(prepareAgenda(doc, 'agenda', 'full', 'da').document, {
        lang: 'da',
        edition: 'full',
        kind: 'agenda',
      }),
    );
    const exportFile = path.join(dir, 'agenda.pdf');
    const floorFile = path.join(dir, 'floor.pdf');
    forgetParsedFonts();
    await writeAgendaPdf(doc, { edition: 'full', kind: 'agenda', out: path.join(dir, 'warm.pdf') });
    await writeFloor(layout, path.join(dir, 'warm-floor.pdf'));
    const floors: Timed[] = [];
    const exports: Timed[] = [];
    let pages = 0;
    for (let index = 0; index < rounds; index++) {
      floors.push(await timed(() => writeFloor(layout, floorFile)));
      exports.push(
        await timed(async () => {
          pages = (await writeAgendaPdf(doc, { edition: 'full', kind: 'agenda', out: exportFile }))
            .pages;
        }),
      );
    }
    if (pages !== layout.pages.length)
      throw new Error(
        `the floor drew ${layout.pages.length} pages, the agenda export ${pages}: not the same glyph runs`,
      );
    return {
      name: `agenda pdf export, ${size.items * size.pagesPerItem}-page generated agenda (full edition)`,
      pages,
      bytes: statSync(exportFile).size,
      exportMs: roundSpread(spreadOf(exports.map((m) => m.wallMs)), 1),
      floorMs: roundSpread(spreadOf(floors.map((m) => m.wallMs)), 1),
      exportCpuMs: roundSpread(spreadOf(exports.map((m) => m.cpuMs)), 1),
      floorCpuMs: roundSpread(spreadOf(floors.map((m) => m.cpuMs)), 1),
      floorBytes: statSync(floorFile).size,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url)) {
  if (process.argv[2] === '--child') {
    await child(
      { items: Number(process.argv[3]), pagesPerItem: Number(process.argv[4]) },
      process.argv[5] ?? '',
    );
  } else if (process.argv[2] === '--agenda') {
    console.log(JSON.stringify(await runAgendaPdfBench(), null, 2));
  } else {
    console.log(JSON.stringify(await runPdfBench(), null, 2));
  }
}
