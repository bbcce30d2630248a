/**
 * `referat sign FILE.pdf --p12 KEY.p12 --out OUT.pdf [--reason R] [--location L] [--name N]`:
 * adds one PAdES signature as an incremental update. The certificate password comes from
 * REFERAT_P12_PASSWORD or, on a terminal, from a prompt that does not echo; it is never
 * printed, logged or kept. Nothing is written unless signing succeeds.
 */
import fs from 'node:fs';
import { DomainError } from '../../../common/contract/result';
import { signPdf } from '../../signing/signPdf';
import { statOrNull, writeOutput } from '../files';
import type { CliCommand } from '../types';

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
    { name: 'FILE', description: 'the PDF to sign (an exported minutes PDF, signed or not)' },
  ],
  options: [
    {
      name: 'p12',
      kind: 'value',
      valueName: 'KEY.p12',
      isRequired: true,
      description: 'the certificate and key (.p12/.pfx)',
    },
    {
      name: 'out',
      kind: 'value',
      valueName: 'OUT.pdf',
      isRequired: true,
      description: 'where to write the signed PDF; - for standard output',
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
  ],
  library: 'none',
  details: () =>
    'The certificate password is read from REFERAT_P12_PASSWORD, or asked for on the terminal.\n' +
    'Each member signs the file signed by the member before; earlier signatures stay valid.',
  async run(ctx) {
    const file = ctx.args[0] ?? '';
    const p12File = String(ctx.options.p12);
    const pdf = readBinaryFile(ctx.resolvePath(file), file, maxPdfBytes);
    const p12 = readBinaryFile(ctx.resolvePath(p12File), p12File, maxP12Bytes);
    let password = ctx.io.env.REFERAT_P12_PASSWORD;
    if (password === undefined) {
      if (!process.stdin.isTTY) {
        throw new DomainError(
          'invalid_input',
          'No certificate password: set REFERAT_P12_PASSWORD or run referat sign in a terminal.',
        );
      }
      password = await promptPassword(`Adgangskode til ${p12File} / Password for ${p12File}: `);
    }
    const option = (name: string) =>
      typeof ctx.options[name] === 'string' ? (ctx.options[name] as string) : undefined;
    const location = option('location');
    const name = option('name');
    const signed = signPdf(pdf, {
      p12,
      password,
      reason: option('reason') ?? '',
      ...(location !== undefined ? { location } : {}),
      ...(name !== undefined ? { name } : {}),
    });
    writeOutput(ctx, String(ctx.options.out), signed);
  },
};
