/**
 * PDF export benchmark (issue 4): the generated 300-page meeting (60 items of about 5 pages)
 * exported as the full edition, against a floor measured in the same run: pdfkit writing the
 * same text with the same fonts and no layout logic (one `text()` call per block, pdfkit's own
 * wrapping and page breaks, no tags, no header/footer). Target: export ≤ 1.3 × floor, peak
 * memory < 400 MB.
 *
 * Run alone with `npx tsx bench/pdf.ts`, or through `npm run bench` (runPdfBench).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';
import { generateMeeting } from '../main/common/export/generateMeeting';
import { buildEdition } from '../main/common/export/editions';
import { layoutMinutes, type LayoutBlock, type LayoutList } from '../main/common/export/layoutMinutes';
import { a4Geometry } from '../main/common/export/typeset';
import { fontPaths } from '../main/node/pdf/fonts';
import { writeMinutesPdf } from '../main/node/pdf/writePdf';
import { createWriteStream } from 'node:fs';

export type PdfBenchResult = {
  name: string;
  pages: number;
  exportMs: number;
  floorMs: number;
  floorPages: number;
  /** CPU time (user) of each: steadier than wall time on a shared machine. */
  exportCpuMs: number;
  floorCpuMs: number;
  cpuRatio: number;
  ratio: number;
  msPerPage: number;
  bytes: number;
  peakRssMiB: number;
  isWithinTarget: boolean;
  phasesCpuMs: Record<string, number>;
};

function blockText(block: LayoutBlock): string {
  const listText = (list: LayoutList): string =>
    list.items.map((item) => `${item.label} ${item.spans.map((s) => s.text).join('')}${item.sublist ? `\n${listText(item.sublist)}` : ''}`).join('\n');
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
    case 'tocEntry':
      return block.spans.map((span) => span.text).join('');
    case 'list':
      return listText(block);
    case 'signature':
      return block.name;
    case 'pageBreak':
      return '';
  }
}

/** pdfkit alone: the same text, the same fonts, pdfkit's own line wrapping and page breaks. */
async function writeFloor(blocks: readonly LayoutBlock[], file: string): Promise<number> {
  const fonts = fontPaths();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: a4Geometry.marginTop, bottom: a4Geometry.marginBottom, left: a4Geometry.marginLeft, right: a4Geometry.marginRight },
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
    const text = blockText(block);
    if (text === '') continue;
    pdf.font(block.kind === 'heading' ? fonts.bold : fonts.regular).fontSize(block.kind === 'heading' ? 12 : 10);
    pdf.text(text, { paragraphGap: 6 });
  }
  pdf.end();
  await done;
  return pages;
}

function sampleRss(peak: { value: number }): () => void {
  const timer = setInterval(() => {
    peak.value = Math.max(peak.value, process.memoryUsage().rss);
  }, 20);
  return () => clearInterval(timer);
}

/** Runs the benchmark; the meeting is generated first (not timed). */
export async function runPdfBench(): Promise<PdfBenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-pdf-bench-'));
  try {
    const doc = generateMeeting({ items: 60, pagesPerItem: 5, closedEvery: 7 });
    const blocks = layoutMinutes(buildEdition(doc, 'full'));
    // Warm-up (module loading, font parsing) so neither measurement pays for it.
    await writeFloor(blocks.slice(0, 50), path.join(dir, 'warm-floor.pdf'));
    await writeMinutesPdf(generateMeeting({ items: 2, pagesPerItem: 1 }), { edition: 'full', out: path.join(dir, 'warm.pdf') });
    (globalThis as { gc?: () => void }).gc?.();

    const peak = { value: process.memoryUsage().rss };
    const stopFloor = sampleRss(peak);
    let cpu = process.cpuUsage();
    let started = performance.now();
    const floorPages = await writeFloor(blocks, path.join(dir, 'floor.pdf'));
    const floorMs = performance.now() - started;
    const floorCpuMs = process.cpuUsage(cpu).user / 1000;
    stopFloor();
    (globalThis as { gc?: () => void }).gc?.();

    const exportPeak = { value: process.memoryUsage().rss };
    const stopExport = sampleRss(exportPeak);
    cpu = process.cpuUsage();
    started = performance.now();
    const timings: Record<string, number> = {};
    const result = await writeMinutesPdf(doc, { edition: 'full', out: path.join(dir, 'export.pdf'), timings });
    const exportMs = performance.now() - started;
    const exportCpuMs = process.cpuUsage(cpu).user / 1000;
    stopExport();
    const ratio = exportMs / floorMs;
    const peakRssMiB = exportPeak.value / 1024 / 1024;
    return [
      {
        name: 'pdf export, 300-page generated meeting (full edition)',
        pages: result.pages,
        exportMs: Math.round(exportMs),
        floorMs: Math.round(floorMs),
        floorPages,
        exportCpuMs: Math.round(exportCpuMs),
        floorCpuMs: Math.round(floorCpuMs),
        cpuRatio: Math.round((exportCpuMs / floorCpuMs) * 100) / 100,
        ratio: Math.round(ratio * 100) / 100,
        msPerPage: Math.round((exportMs / result.pages) * 10) / 10,
        bytes: statSync(path.join(dir, 'export.pdf')).size,
        peakRssMiB: Math.round(peakRssMiB),
        phasesCpuMs: Object.fromEntries(Object.entries(timings).map(([phase, ms]) => [phase, Math.round(ms)])),
        isWithinTarget: ratio <= 1.3 && peakRssMiB < 400,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await runPdfBench();
  console.log(JSON.stringify(results, null, 2));
}
