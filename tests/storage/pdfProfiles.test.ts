/**
 * The PDF follows the minutes profile: the logo drawn in the first page's header as a tagged
 * Figure with its alternate text, the municipality and document title on top, the public
 * edition named on every page, and a 31-member council's signatures on one two-column page,
 * all passing the archival checks of pdf-audit.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { profileForTemplate, type MinutesProfile } from '../../common/domain/profiles';
import type { ReferatDocument } from '../../common/format/referat1';
import { writeMinutesPdf } from '../../main/node/pdf/writePdf';
import { generateMeeting } from '../support/generateMeeting';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const pdfAudit = path.resolve(repoRoot, '../shared/tools/pdf-audit');
const dir = mkdtempSync(path.join(tmpdir(), 'referat-pdf-profiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 40 × 20 pixel PNG (a real image: pdfkit decodes it). */
const logoPng =
  'iVBORw0KGgoAAAANSUhEUgAAACgAAAAUCAIAAABwJOjsAAAAI0lEQVR4nGNgCFgwMGjU4lGLRy0etXjU4lGLRy0etXjkWAwA0Q3uH7AKjM4AAAAASUVORK5CYII=';

const profile: MinutesProfile = {
  ...profileForTemplate('fagudvalg'),
  municipality: 'Gentofte Kommune',
  logo: { mediaType: 'image/png', dataBase64: logoPng, altText: 'Gentofte Kommunes logo' },
};

async function audit(file: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(pdfAudit, [file, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

const archivalChecks = [
  '--a4',
  '--pdfa',
  '--fonts-embedded',
  '--tagged',
  '--lang',
  'da',
  '--attachment',
  'meeting.json',
];

async function pageTexts(file: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-layout', file, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.split('\f').filter((page, index, all) => index < all.length - 1 || page.trim());
}

function meeting(): ReferatDocument {
  const doc = generateMeeting({
    items: 5,
    pagesPerItem: 0.6,
    closedEvery: 3,
    template: 'fagudvalg',
  });
  return { ...doc, profile };
}

describe('the PDF follows the profile', () => {
  it('draws the logo as a tagged Figure with alt text and names the public edition on every page', async () => {
    const file = path.join(dir, 'public.pdf');
    await writeMinutesPdf(meeting(), { edition: 'public', out: file });
    const { code, output } = await audit(file, [
      ...archivalChecks,
      '--in-order',
      'Gentofte Kommune',
      'Referat',
      '(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017',
    ]);
    expect(output).toContain('0 failed');
    expect(code).toBe(0);
    const raw = readFileSync(file).toString('latin1');
    expect(raw).toMatch(/\/S \/Figure/);
    expect(raw).toContain('/Alt (Gentofte Kommunes logo)');
    expect(raw).toMatch(/\/Subtype \/Image/);
    const pages = await pageTexts(file);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) =>
      expect(page, `page ${index + 1} names the edition`).toContain('Offentlig udgave'),
    );

    const full = path.join(dir, 'full.pdf');
    await writeMinutesPdf(meeting(), { edition: 'full', out: full });
    for (const page of await pageTexts(full)) expect(page).not.toContain('Offentlig udgave');
  });

  it('puts the signatures of a 31-member council on one two-column page', async () => {
    const doc = meeting();
    const base = doc.participants[3];
    if (!base) throw new Error('no participant');
    // Six present in the generated meeting, 25 more: a 31-member kommunalbestyrelse.
    doc.participants = [
      ...doc.participants,
      ...Array.from({ length: 25 }, (_unused, index) => ({
        ...base,
        id: `s${index}`,
        memberId: null,
        name: `Kommunalbestyrelsesmedlem ${index + 1}`,
        party: ['A', 'C', 'V', 'Ø', 'F'][index % 5] ?? null,
        position: 10 + index,
        itemAbsences: [],
      })),
    ];
    const signers = doc.participants.filter((p) => p.attendance === 'present');
    expect(signers).toHaveLength(31);
    doc.meeting.status = 'approved';
    const file = path.join(dir, 'signatures.pdf');
    await writeMinutesPdf(doc, { edition: 'full', out: file });
    const { code, output } = await audit(file, archivalChecks);
    expect(output).toContain('0 failed');
    expect(code).toBe(0);
    const pages = await pageTexts(file);
    const last = pages.at(-1) ?? '';
    expect(last).toContain('Underskriftsblad');
    const flat = last.replace(/\s+/g, ' ');
    for (const name of [
      'Kristine Kryger (C, formand)',
      'Michael Fenger (C, næstformand)',
      'Katja S. Johansen (Ø)',
      'Søren Ågård',
      ...Array.from({ length: 25 }, (_unused, index) => `Kommunalbestyrelsesmedlem ${index + 1} (`),
    ])
      expect(flat, `${name} signs on the signature page`).toContain(name);
    // Two columns: two signers on one line of the page.
    expect(last).toMatch(/Kristine Kryger \(C, formand\) +Michael Fenger \(C, næstformand\)/);
    expect((pages.at(-2) ?? '').includes('Underskriftsblad')).toBe(false);
  });
});
