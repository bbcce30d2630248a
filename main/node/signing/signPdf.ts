/**
 * Signing a PDF: one PAdES B-B signature per call, appended as an incremental update so that
 * every earlier signature stays valid.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { DomainError } from '../../../common/contract/result';
import { createCms, type RsaPadding } from './cms';
import { addRevocationData, type RevocationFile } from './dss';
import { readP12 } from './p12';
import { byteRangeContent, embedSignature, prepareSignature } from './pdfIncremental';
import { PdfSyntaxError } from './pdfObjects';

/** Options for {@link signPdf}. The password is used once and never kept. */
export interface SignPdfOptions {
  /** The PKCS#12 (.p12/.pfx) file's bytes. */
  p12: Uint8Array;
  password: string;
  /** The signer's name for /Name; default the certificate's common name. */
  name?: string;
  reason: string;
  /** Where the signer signs (/Location); optional. */
  location?: string;
  /** The signing time written to /M; default now. */
  date?: Date;
  /** 0-based page the (invisible) widget belongs to; default the last page. */
  pageIndex?: number;
  rsaPadding?: RsaPadding;
  /**
   * CRLs and OCSP responses for the signers' chains (this signer's included): embedded in the
   * Document Security Store by an update just before the signature, so the signature covers
   * them (PAdES B-LT). A file that is not revocation data or concerns no signer refuses the call.
   */
  revocation?: RevocationFile[];
}

const MAX_TEXT = 500;

/** The common name (CN) of a certificate's subject, or the whole subject. */
export function commonName(cert: X509Certificate): string {
  const cn = cert.subject.split('\n').find((line) => line.startsWith('CN='));
  return cn ? cn.slice(3) : cert.subject.replace(/\n/g, ', ');
}

function checkText(field: string, value: string | undefined, isRequired: boolean): void {
  if (value === undefined || value === '') {
    if (isRequired) throw new DomainError('invalid_input', `${field}: must not be empty`);
    return;
  }
  if (typeof value !== 'string') throw new DomainError('invalid_input', `${field}: must be text`);
  if (value.length > MAX_TEXT)
    throw new DomainError('invalid_input', `${field}: at most ${MAX_TEXT} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(value))
    throw new DomainError('invalid_input', `${field}: must not contain control characters`);
}

/**
 * Signs `pdf` and returns the signed file (the input followed by one incremental update).
 * Throws DomainError('invalid_input') for a wrong password, an unreadable certificate file or
 * a PDF that cannot be signed; nothing is written anywhere.
 */
export function signPdf(pdf: Uint8Array, options: SignPdfOptions): Buffer {
  checkText('reason', options.reason, true);
  checkText('location', options.location, false);
  checkText('name', options.name, false);
  if (options.date && Number.isNaN(options.date.getTime()))
    throw new DomainError('invalid_input', 'date: not a valid date');
  const identity = readP12(options.p12, options.password);
  const cert = new X509Certificate(identity.certificate);
  const name = options.name || commonName(cert);
  // Room for the certificates, the signed attributes and a signature of up to 16384-bit RSA.
  const contentsSize =
    identity.chain.reduce((n, c) => n + c.length, 0) + identity.certificate.length + 4096;
  const original = Buffer.isBuffer(pdf)
    ? pdf
    : Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const input =
    options.revocation && options.revocation.length > 0
      ? addRevocationData(original, options.revocation, {
          ...(options.date ? { date: options.date } : {}),
          upcomingSigner: [identity.certificate, ...identity.chain].map(
            (der) => new X509Certificate(der),
          ),
        }).bytes
      : original;
  try {
    const prepared = prepareSignature(input, {
      contentsSize,
      date: options.date ?? new Date(),
      name,
      reason: options.reason,
      ...(options.location ? { location: options.location } : {}),
      ...(options.pageIndex !== undefined ? { pageIndex: options.pageIndex } : {}),
    });
    const hash = createHash('sha256');
    for (const part of byteRangeContent(prepared.bytes, prepared.byteRange)) hash.update(part);
    const cms = createCms(hash.digest(), {
      privateKey: identity.privateKey,
      certificate: identity.certificate,
      chain: identity.chain,
      ...(options.rsaPadding ? { rsaPadding: options.rsaPadding } : {}),
    });
    return embedSignature(prepared, cms);
  } catch (error) {
    if (error instanceof PdfSyntaxError) {
      throw new DomainError(
        'invalid_input',
        `PDF-filen kan ikke underskrives / The PDF cannot be signed: ${error.message}`,
      );
    }
    throw error;
  }
}
