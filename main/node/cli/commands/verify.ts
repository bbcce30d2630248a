/**
 * `referat verify FILE.pdf [--trusted CA.pem]`: one line per signature, in signing order:
 * `N<TAB>STATUS<TAB>SIGNER<TAB>TIME<TAB>COVERAGE[<TAB>DETAIL]`. Exit 0 only when every
 * signature is valid and the last one covers the whole file.
 */
import { DomainError } from '../../../../common/contract/result';
import { verifyPdf } from '../../signing/verifyPdf';
import type { CliCommand } from '../types';
import { readBinaryFile } from './sign';

const maxPdfBytes = 512 * 1024 * 1024;
const maxPemBytes = 4 * 1024 * 1024;

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary:
    'check the signatures of a PDF (exit 0 only when all are valid and the last covers the file)',
  positionals: [{ name: 'FILE', description: 'a signed PDF' }],
  options: [
    {
      name: 'trusted',
      kind: 'value',
      valueName: 'CA.pem',
      description: 'trust the root certificate(s) in this PEM file as well',
    },
    {
      name: 'no-system-roots',
      kind: 'flag',
      description: 'trust only --trusted, not the roots bundled with Node',
    },
  ],
  library: 'none',
  details: () =>
    'Prints one line per signature, fields separated by tabs:\n' +
    '  N  STATUS  SIGNER  TIME  COVERAGE  [DETAIL]\n' +
    'STATUS: valid, modified (changed after signing), unknown_issuer, expired, invalid.\n' +
    'COVERAGE: whole-file, or partial (a later update follows; normal for all but the last).',
  run(ctx) {
    const file = ctx.args[0] ?? '';
    const pdf = readBinaryFile(ctx.resolvePath(file), file, maxPdfBytes);
    const trusted = typeof ctx.options.trusted === 'string' ? ctx.options.trusted : undefined;
    const trustedRoots = trusted
      ? [readBinaryFile(ctx.resolvePath(trusted), trusted, maxPemBytes).toString('latin1')]
      : [];
    const report = verifyPdf(pdf, {
      trustedRoots,
      isSystemTrustUsed: ctx.options['no-system-roots'] !== true,
    });
    const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
    const lines = report.signatures.map((s, i) =>
      [
        String(i + 1),
        s.status,
        clean(s.signer),
        s.signedAt ? s.signedAt.toISOString().replace('.000Z', 'Z') : '-',
        s.coversWholeFile ? 'whole-file' : 'partial',
        ...(s.detail ? [clean(s.detail)] : []),
      ].join('\t'),
    );
    if (lines.length > 0) ctx.io.stdout(`${lines.join('\n')}\n`);
    if (report.signatures.length === 0)
      throw new DomainError('invalid_input', `${file} has no signatures.`);
    if (!report.isAllValid) {
      const last = report.signatures[report.signatures.length - 1];
      const bad = report.signatures.filter((s) => s.status !== 'valid').length;
      throw new DomainError(
        'invalid_input',
        bad > 0
          ? `${bad} of ${report.signatures.length} signatures are not valid.`
          : `the last signature (${last?.signer ?? ''}) does not cover the whole file: it was changed after signing.`,
      );
    }
  },
};
