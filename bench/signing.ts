/**
 * Signing benchmark: one PAdES signature on the 300-page exported meeting (target
 * < 150 ms; `openssl cms -sign` over the same bytes is measured beside it), and verification
 * of the same file signed by 7 members (target < 300 ms). Certificates are made at run time
 * with the openssl CLI. Each figure is the median of at least 7 runs with its spread; CPU time
 * is reported too, as it is steadier than wall time on a shared machine. openssl is a peer
 * (another program signing the same bytes, process start included), not a floor.
 *
 * Run alone with `npx tsx bench/signing.ts`, or through `npm run bench` (runSigningBench).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateMeeting } from '../tests/support/generateMeeting';
import { signPdf } from '../main/node/signing/signPdf';
import { verifyPdf } from '../main/node/signing/verifyPdf';
import { writeMinutesPdf } from '../main/node/pdf/writePdf';
import { createTestPki } from '../tests/helpers/testPki';
import { spreadOf, type Spread } from './stats';

export type SigningBenchResult = {
  name: string;
  pages: number;
  bytes: number;
  runs: number;
  medianMs: number;
  medianCpuMs: number;
  /** Wall milliseconds of every run. */
  spreadMs: Spread;
  targetMs: number;
  /** `openssl cms -sign` over the same bytes (process start included), for comparison. */
  opensslMs?: Spread;
  isWithinTarget: boolean;
};

async function measure(
  runs: number,
  fn: () => unknown,
): Promise<{ medianMs: number; medianCpuMs: number; spreadMs: Spread }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    await fn();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  const spread = spreadOf(wall.map((ms) => Math.round(ms * 10) / 10));
  return {
    medianMs: spread.median,
    medianCpuMs: Math.round(median(cpu) * 10) / 10,
    spreadMs: spread,
  };
}

/** Runs the benchmark; the PDF and certificates are made first (not timed). */
export async function runSigningBench(
  options: { rounds?: number } = {},
): Promise<SigningBenchResult[]> {
  const rounds = options.rounds ?? 7;
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-signing-bench-'));
  const pki = createTestPki('referat-signing-bench-pki-');
  try {
    const file = path.join(dir, 'minutes.pdf');
    const written = await writeMinutesPdf(
      generateMeeting({ items: 60, pagesPerItem: 5, closedEvery: 7 }),
      {
        edition: 'full',
        out: file,
      },
    );
    const pdf = readFileSync(file);
    const members = Array.from({ length: 7 }, (_, i) =>
      pki.makeMember(`Medlem ${i + 1}`, { key: i % 2 === 0 ? 'rsa' : 'ec' }),
    );
    const first = members[0] as (typeof members)[number];
    const sign = (input: Buffer, member = first) =>
      signPdf(input, {
        p12: member.p12,
        password: member.password,
        reason: 'Referatet er godkendt',
        location: 'Rådhuset',
      });

    // Warm-up: module loading and JIT.
    sign(pdf);
    const one = await measure(rounds, () => sign(pdf));

    // A peer: openssl cms signing the same bytes (its key and certificate from the same p12).
    const keyPem = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      ['pkcs12', '-in', first.p12Path, '-nodes', '-out', keyPem, '-passin', 'env:P12PASS'],
      {
        env: { ...process.env, P12PASS: first.password },
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    const opensslRuns: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      execFileSync(
        'openssl',
        [
          'cms',
          '-sign',
          '-binary',
          '-in',
          file,
          '-signer',
          keyPem,
          '-outform',
          'DER',
          '-out',
          path.join(dir, 'o.der'),
          '-nosmimecap',
          '-md',
          'sha256',
        ],
        {
          stdio: ['ignore', 'ignore', 'ignore'],
        },
      );
      opensslRuns.push(performance.now() - started);
    }
    rmSync(keyPem);
    const opensslMs = spreadOf(opensslRuns.map((ms) => Math.round(ms * 10) / 10));

    let seven: Buffer = pdf;
    for (const member of members) seven = sign(seven, member);
    writeFileSync(path.join(dir, 'seven.pdf'), seven);
    const roots = [pki.rootPem];
    const check = await verifyPdf(seven, { trustedRoots: roots });
    if (!check.isAllValid) throw new Error('bench: the 7-signature file does not verify');
    await verifyPdf(seven, { trustedRoots: roots });
    const verify = await measure(rounds, () => verifyPdf(seven, { trustedRoots: roots }));

    return [
      {
        name: 'sign: one PAdES signature on the 300-page exported meeting',
        pages: written.pages,
        bytes: pdf.length,
        runs: rounds,
        ...one,
        targetMs: 150,
        opensslMs,
        isWithinTarget: one.medianMs < 150,
      },
      {
        name: 'verify: 7-signature file (300 pages)',
        pages: written.pages,
        bytes: seven.length,
        runs: rounds,
        ...verify,
        targetMs: 300,
        isWithinTarget: verify.medianMs < 300,
      },
    ];
  } finally {
    pki.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await runSigningBench();
  console.log(JSON.stringify(results, null, 2));
}
