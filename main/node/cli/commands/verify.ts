/**
 * `referat verify FILE.pdf [--trusted CA.pem]`: one line per signature, in signing order:
 * `N<TAB>STATUS<TAB>SIGNER<TAB>TIME<TAB>COVERAGE[<TAB>DETAIL]`. Exit 0 only when every
 * signature is valid and the last one covers the whole file (or all but an update that only
 * adds revocation data). The trusted roots are those of
 * --trusted and of the library (when there is one); no built-in list is trusted.
 */
import { DomainError } from '../../../../common/contract/result';
import { verifyPdf } from '../../signing/verifyPdf';
import { isMeetingRevision } from '../../signing/recordSignatures';
import { trustedRootPems } from '../../storage/queries/trustedRoots';
import { statOrNull } from '../files';
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
      description: "trust the root certificate(s) in this PEM file (besides the library's)",
    },
    {
      name: 'meeting',
      kind: 'value',
      valueName: 'MEETING_ID',
      description:
        "also check that FILE is this meeting's edition as Referat handed it out (needs the library)",
    },
    {
      name: 'no-system-roots',
      kind: 'flag',
      description: 'accepted for older scripts; no built-in roots are trusted anyway',
    },
  ],
  // Opened only when it exists: its trusted roots count too.
  library: 'existing',
  details: () =>
    'Prints one line per signature, fields separated by tabs:\n' +
    '  N  STATUS  SIGNER  TIME  COVERAGE  [DETAIL]\n' +
    'STATUS: valid, modified (changed after signing), unknown_issuer (no trusted root reached),\n' +
    'bad_issuer (an issuer is not a CA), expired (at the signing time), weak_algorithm (SHA-1),\n' +
    'wrong_usage (not a certificate for signing documents), revoked (per revocation data in the\n' +
    "file's Document Security Store), invalid.\n" +
    'COVERAGE: whole-file, partial (a later update follows; normal for all but the last), or\n' +
    'dss-after (the last signature; what follows only adds revocation data, PAdES B-LT).\n' +
    "Trusted roots: --trusted and the library's (referat settings); no built-in list.\n" +
    "Revocation: read offline from the file's Document Security Store (CRLs, OCSP responses\n" +
    'signed by the issuer); DETAIL then says "not revoked per CRL of TIME" or "… was revoked on\n' +
    'TIME (per …)". Without such data revocation is not checked (nothing is fetched).\n' +
    'With --meeting, FILE must begin with a signing file or signed file of that meeting kept in\n' +
    'the library; another signed PDF is refused (exit 1), however valid its signatures.',
  async run(ctx) {
    const file = ctx.args[0] ?? '';
    const pdf = readBinaryFile(ctx.resolvePath(file), file, maxPdfBytes);
    const trusted = typeof ctx.options.trusted === 'string' ? ctx.options.trusted : undefined;
    const trustedRoots = trusted
      ? [readBinaryFile(ctx.resolvePath(trusted), trusted, maxPemBytes).toString('latin1')]
      : [];
    const meetingId = typeof ctx.options.meeting === 'string' ? ctx.options.meeting : undefined;
    if (statOrNull(ctx.libraryPath) || meetingId !== undefined)
      trustedRoots.push(...trustedRootPems(ctx.library().db));
    const report = await verifyPdf(pdf, { trustedRoots });
    const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
    const lines = report.signatures.map((s, i) =>
      [
        String(i + 1),
        s.status,
        clean(s.signer),
        s.signedAt ? s.signedAt.toISOString().replace('.000Z', 'Z') : '-',
        s.coversWholeFile
          ? 'whole-file'
          : report.isOnlyDssAfterLast && i === report.signatures.length - 1
            ? 'dss-after'
            : 'partial',
        ...(s.detail ? [clean(s.detail)] : []),
      ].join('\t'),
    );
    if (lines.length > 0) ctx.io.stdout(`${lines.join('\n')}\n`);
    if (report.signatures.length === 0)
      throw new DomainError('invalid_input', `${file} has no signatures.`);
    if (meetingId !== undefined && !isMeetingRevision(ctx.library(), meetingId, pdf))
      throw new DomainError(
        'conflict',
        `${file} is not an edition of meeting ${meetingId} produced by Referat (it does not begin with a signing file or signed file of that meeting).`,
      );
    if (!report.isAllValid) {
      const last = report.signatures[report.signatures.length - 1];
      const bad = report.signatures.filter((s) => s.status !== 'valid').length;
      throw new DomainError(
        'invalid_input',
        bad > 0
          ? `${bad} of ${report.signatures.length} signatures are not valid${report.signatures.some((x) => x.status === 'revoked') ? ' (a certificate is revoked)' : ''}.`
          : `the last signature (${last?.signer ?? ''}) does not cover the whole file: it was changed after signing.`,
      );
    }
  },
};
