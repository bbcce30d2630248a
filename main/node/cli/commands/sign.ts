/**
 * `referat sign FILE.pdf --p12 KEY.p12 --out OUT.pdf [--reason R] [--location L] [--name N]`:
 * adds one PAdES signature as an incremental update. The certificate password comes from
 * REFERAT_P12_PASSWORD or, on a terminal, from a prompt that does not echo; it is never
 * printed, logged or kept. Nothing is written unless signing succeeds.
 *
 * `referat sign --meeting ID [--edition full|public] --p12 … --out …` signs a meeting's edition
 * kept in the library exactly as the app's Underskriv does (main/node/signing/signMeeting.ts):
 * the first signature or, after corrections, a new round signs a fresh export; the signed file
 * is stored in the library and a copy written to --out; one status line is printed.
 * `referat sign --meeting ID --status` prints who still has to sign and signs nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../../../common/contract/result';
import type { Edition } from '../../../../common/export/editions';
import { addRevocationData, type RevocationFile, type RevocationSummary } from '../../signing/dss';
import { signingStatus } from '../../signing/recordSignatures';
import { MAX_REVOCATION_BYTES, isoSeconds, parseRevocation } from '../../signing/revocation';
import { requireSignable, signMeeting } from '../../signing/signMeeting';
import { signPdf } from '../../signing/signPdf';
import { readStoredFile } from '../../storage/fileStore';
import { countPresent, latestSignedPdf } from '../../storage/queries/signedPdfs';
import { statOrNull, writeOutput } from '../files';
import { UsageError, type CliCommand, type CommandContext } from '../types';

/** Signing reads the whole PDF into memory; a minutes PDF is far below this. */
const maxPdfBytes = 512 * 1024 * 1024;
const maxP12Bytes = 1024 * 1024;

/** Reads a binary file of at most `maxBytes`, with messages that name the file. */
export function readBinaryFile(file: string, shown: string, maxBytes: number): Buffer {
  const stat = statOrNull(file);
  if (!stat) throw new DomainError('not_found', `${shown} does not exist.`);
  if (stat.isDirectory())
    throw new DomainError('invalid_input', `${shown} is a folder, not a file.`);
  if (stat.size > maxBytes)
    throw new DomainError(
      'too_large',
      `${shown} is larger than ${Math.round(maxBytes / 1024)} KiB.`,
    );
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new DomainError(
      'forbidden',
      `${shown} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
}

/** Asks for the password on the terminal without echoing it. */
function promptPassword(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.resume();
    let password = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(password);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new DomainError('cancelled', 'Cancelled.'));
        if (char === '\u007f' || char === '\b') password = password.slice(0, -1);
        else password += char;
      }
    };
    stdin.on('data', onData);
  });
}

export const signCommand: CliCommand = {
  name: 'sign',
  summary: 'sign a PDF with a PKCS#12 certificate (PAdES, one incremental update per signer)',
  positionals: [
    {
      name: 'FILE',
      description: 'the PDF to sign (an exported minutes PDF, signed or not); not with --meeting',
      isOptional: true,
    },
  ],
  options: [
    {
      name: 'p12',
      kind: 'value',
      valueName: 'KEY.p12',
      description: 'the certificate and key (.p12/.pfx); required unless --status',
    },
    {
      name: 'out',
      kind: 'value',
      valueName: 'OUT.pdf',
      description: 'where to write the signed PDF; - for standard output; required unless --status',
    },
    {
      name: 'reason',
      kind: 'value',
      valueName: 'TEXT',
      defaultValue: 'Referatet er godkendt',
      description: 'why you sign (default "Referatet er godkendt")',
    },
    { name: 'location', kind: 'value', valueName: 'TEXT', description: 'where you sign' },
    {
      name: 'name',
      kind: 'value',
      valueName: 'TEXT',
      description: "signer name (default the certificate's name)",
    },
    {
      name: 'meeting',
      kind: 'value',
      valueName: 'MEETING_ID',
      description: 'sign this meeting in the library (as the app does) instead of FILE',
    },
    {
      name: 'edition',
      kind: 'value',
      valueName: 'EDITION',
      values: ['full', 'public'],
      description: 'with --meeting: full (default) or public',
    },
    {
      name: 'status',
      kind: 'flag',
      description: 'with --meeting: who still has to sign (signs nothing)',
    },
    {
      name: 'revocation',
      kind: 'value',
      valueName: 'CRL|OCSP',
      isRepeatable: true,
      description:
        'embed this CRL (DER/PEM) or OCSP response (DER) for long-term validation (PAdES B-LT); repeatable',
    },
  ],
  // Opened only with --meeting (the library is opened on first use).
  library: 'existing',
  details: () =>
    'The certificate password is read from REFERAT_P12_PASSWORD, or asked for on the terminal.\n' +
    'Each member signs the file signed by the member before; earlier signatures stay valid.\n' +
    '\n' +
    'With --meeting the edition kept in the library is signed and stored there, a copy goes to\n' +
    '--out, and one line is printed (on standard error when --out is -), fields separated by tabs:\n' +
    '  EDITION  ROUND  SIGNERS/PRESENT  START  COMPLETE\n' +
    'START: first (a fresh export), continued (the newest signed file), or new-round (corrections\n' +
    'were added after the newest signed file: a fresh export with them; only this round counts).\n' +
    'COMPLETE: complete when every member present has signed this round (with valid signatures),\n' +
    'else incomplete.\n' +
    '\n' +
    'With --meeting ID --status nothing is signed; one line per member present and edition\n' +
    '(--edition: that edition only), fields separated by tabs:\n' +
    '  EDITION  ROUND  STATE  NAME  SIGNED_AT  CERTIFICATE  [RESERVATION]\n' +
    'STATE: signed, reservation (signed with a reservation) or waiting; SIGNED_AT and CERTIFICATE\n' +
    'are - while waiting.\n' +
    '\n' +
    'Long-term validation (PAdES B-LT): --revocation FILE (repeatable) embeds a CRL (DER or PEM)\n' +
    "or an OCSP response (DER) about a signer's certificate or its issuers, with the chain's\n" +
    'certificates, in the Document Security Store. With --p12 it goes in just before the new\n' +
    'signature (which covers it); without --p12 it is added after the last signature of FILE (or\n' +
    "of the meeting's newest signed file, which stays as it is in the library) and written to\n" +
    '--out, printing one line per file, fields separated by tabs:\n' +
    '  FILE  crl|ocsp  ISSUED_AT  new|present  CERTIFICATE=not-revoked|revoked@TIME|unknown[, ...]\n' +
    'A file that is neither, or concerns no signer, or whose signature does not verify with its\n' +
    "issuer's key, is refused and nothing is written.",
  async run(ctx) {
    const file = ctx.args[0];
    const meetingId = option(ctx, 'meeting');
    if (meetingId !== undefined && file !== undefined)
      throw new UsageError('give either FILE or --meeting MEETING_ID, not both');
    if (meetingId === undefined && file === undefined)
      throw new UsageError(
        'referat sign needs FILE or --meeting MEETING_ID (see referat sign --help)',
      );
    if (meetingId === undefined && ctx.options.edition !== undefined)
      throw new UsageError('--edition applies to --meeting only');
    if (ctx.options.status === true) {
      if (meetingId === undefined) throw new UsageError('--status applies to --meeting only');
      if (ctx.options.p12 !== undefined || ctx.options.out !== undefined)
        throw new UsageError('--status signs nothing: leave out --p12 and --out');
      printStatus(ctx, meetingId, option(ctx, 'edition') as Edition | undefined);
      return;
    }
    const revocation = readRevocationFiles(ctx);
    if (ctx.options.p12 === undefined && revocation.length > 0) {
      if (ctx.options.out === undefined) throw new UsageError('referat sign needs --out OUT.pdf');
      addRevocationOnly(ctx, file, meetingId, revocation);
      return;
    }
    if (ctx.options.p12 === undefined) throw new UsageError('referat sign needs --p12 KEY.p12');
    if (ctx.options.out === undefined) throw new UsageError('referat sign needs --out OUT.pdf');
    const p12File = String(ctx.options.p12);
    const out = String(ctx.options.out);
    const location = option(ctx, 'location');
    const name = option(ctx, 'name');
    if (meetingId !== undefined) {
      // Everything that can be refused is checked before the password is asked for.
      const library = ctx.library();
      requireSignable(library.db, meetingId);
      const p12 = readBinaryFile(ctx.resolvePath(p12File), p12File, maxP12Bytes);
      checkOutput(ctx, out);
      const password = await readPassword(ctx, p12File);
      const result = await signMeeting(library, {
        meetingId,
        edition: (option(ctx, 'edition') ?? 'full') as Edition,
        p12,
        password,
        reason: option(ctx, 'reason') ?? '',
        ...(location !== undefined ? { location } : {}),
        ...(name !== undefined ? { signerName: name } : {}),
        ...(revocation.length > 0 ? { revocation } : {}),
        author: library.author,
      });
      const signed = result.signedPdf;
      writeOutput(ctx, out, readStoredFile(library.filesDir, signed.sha256));
      const start = result.isNewRound
        ? 'new-round'
        : signed.signatureCount === 1
          ? 'first'
          : 'continued';
      const line = [
        signed.edition,
        String(signed.round),
        `${signed.signerCount}/${countPresent(library.db, meetingId)}`,
        start,
        signed.isComplete ? 'complete' : 'incomplete',
      ].join('\t');
      if (out === '-') ctx.io.stderr(`${line}\n`);
      else ctx.io.stdout(`${line}\n`);
      return;
    }
    const pdf = readBinaryFile(ctx.resolvePath(file ?? ''), file ?? '', maxPdfBytes);
    const p12 = readBinaryFile(ctx.resolvePath(p12File), p12File, maxP12Bytes);
    const password = await readPassword(ctx, p12File);
    const signed = signPdf(pdf, {
      p12,
      password,
      reason: option(ctx, 'reason') ?? '',
      ...(location !== undefined ? { location } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(revocation.length > 0 ? { revocation } : {}),
    });
    writeOutput(ctx, out, signed);
  },
};

/**
 * The --revocation files, read and checked to be CRLs or OCSP responses before anything else
 * (before the password is asked for); whether they concern a signer is checked on embedding.
 */
function readRevocationFiles(ctx: CommandContext): RevocationFile[] {
  const given = ctx.options.revocation;
  const names = typeof given === 'string' ? [given] : Array.isArray(given) ? given : [];
  return names.map((name: string) => {
    const bytes = readBinaryFile(ctx.resolvePath(name), name, MAX_REVOCATION_BYTES);
    parseRevocation(bytes, name);
    return { name, bytes };
  });
}

/**
 * `--revocation` without `--p12`: the DSS added after the last signature of FILE, or of the
 * meeting's newest signed file (the library keeps its file as it is), written to --out.
 */
function addRevocationOnly(
  ctx: CommandContext,
  file: string | undefined,
  meetingId: string | undefined,
  revocation: RevocationFile[],
): void {
  const out = String(ctx.options.out);
  let pdf: Buffer;
  if (meetingId !== undefined) {
    const library = ctx.library();
    const edition = (option(ctx, 'edition') ?? 'full') as Edition;
    const stored = latestSignedPdf(library.db, meetingId, edition);
    if (!stored)
      throw new DomainError(
        'not_found',
        `Udgaven (${edition}) af mødet er ikke underskrevet i Referat endnu / The ${edition} edition of meeting ${meetingId} has not been signed in Referat yet.`,
      );
    pdf = readStoredFile(library.filesDir, stored.sha256);
  } else {
    pdf = readBinaryFile(ctx.resolvePath(file ?? ''), file ?? '', maxPdfBytes);
  }
  checkOutput(ctx, out);
  const result = addRevocationData(pdf, revocation);
  writeOutput(ctx, out, result.bytes);
  const lines = result.files.map((f) => summaryLine(f));
  const text = `${lines.join('\n')}\n`;
  if (out === '-') ctx.io.stderr(text);
  else ctx.io.stdout(text);
}

function summaryLine(f: RevocationSummary): string {
  const clean = (text: string) => text.replace(/[\t\r\n,=]+/g, ' ');
  const about = f.about
    .map(
      (a) =>
        `${clean(a.certificate)}=${
          a.state === 'good'
            ? 'not-revoked'
            : a.state === 'revoked'
              ? `revoked${a.revokedAt ? `@${isoSeconds(a.revokedAt)}` : ''}`
              : 'unknown'
        }`,
    )
    .join(', ');
  return [
    f.name.replace(/[\t\r\n]+/g, ' '),
    f.kind,
    isoSeconds(f.issuedAt),
    f.isNew ? 'new' : 'present',
    about,
  ].join('\t');
}

/** `--status`: who still has to sign, one line per member present and edition. */
function printStatus(ctx: CommandContext, meetingId: string, edition: Edition | undefined): void {
  const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
  const lines = signingStatus(ctx.library(), meetingId)
    .filter((status) => edition === undefined || status.edition === edition)
    .flatMap((status) =>
      status.signers.map((s) =>
        [
          status.edition,
          String(status.round),
          s.state,
          clean(s.name),
          s.signedAt ?? '-',
          clean(s.certificateSubject ?? '-'),
          ...(s.reservation ? [clean(s.reservation)] : []),
        ].join('\t'),
      ),
    );
  if (lines.length > 0) ctx.io.stdout(`${lines.join('\n')}\n`);
}

function option(ctx: CommandContext, name: string): string | undefined {
  return typeof ctx.options[name] === 'string' ? (ctx.options[name] as string) : undefined;
}

async function readPassword(ctx: CommandContext, p12File: string): Promise<string> {
  const password = ctx.io.env.REFERAT_P12_PASSWORD;
  if (password !== undefined) return password;
  if (!process.stdin.isTTY) {
    throw new DomainError(
      'invalid_input',
      'No certificate password: set REFERAT_P12_PASSWORD or run referat sign in a terminal.',
    );
  }
  return promptPassword(`Adgangskode til ${p12File} / Password for ${p12File}: `);
}

/** Refuses an --out that cannot be written before a signature is stored in the library. */
function checkOutput(ctx: CommandContext, out: string): void {
  if (out === '-') return;
  const target = ctx.resolvePath(out);
  if (statOrNull(target)?.isDirectory())
    throw new DomainError('invalid_input', `${out} is a folder; give a file name with --out.`);
  const dir = path.dirname(target);
  if (!statOrNull(dir)?.isDirectory())
    throw new DomainError('invalid_input', `The folder ${dir} does not exist.`);
}
