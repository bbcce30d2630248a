/**
 * Verifying the signatures of a PDF: for each signature field, whether the signed bytes are
 * unchanged, the CMS signature verifies, the certificate chain reaches a trusted root and every
 * certificate is within its validity period; and whether the last signature covers the file.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { DomainError } from '../../../common/contract/result';
import { parseCertificates } from '../pki/certificates';
import { checkCms } from './cms';
import { PdfDocument, byteRangeContent } from './pdfIncremental';
import {
  PdfLexer,
  PdfSyntaxError,
  decodeTextString,
  parsePdfDate,
  type PdfDict,
} from './pdfObjects';
import { commonName } from './signPdf';
import { checkCertificate, type CertificateStatus, type CertificateSummary } from './trust';

/**
 * valid; modified (changed after signing); unknown_issuer (no configured root reached);
 * bad_issuer (an issuer may not issue certificates); expired (a certificate was outside its
 * validity at the signing time); weak_algorithm (SHA-1); wrong_usage (the certificate is not
 * for signing documents, e.g. a web server's); invalid (broken).
 */
export type SignatureStatus = 'modified' | 'invalid' | CertificateStatus;

/** One signature of a PDF, in signing order. */
export interface SignatureReport {
  /** The field name (/T). */
  field: string;
  /** The certificate's common name, else the dictionary's /Name. */
  signer: string;
  /** The signature dictionary's /M, when present. */
  signedAt?: Date;
  reason?: string;
  location?: string;
  status: SignatureStatus;
  /** A short English explanation when the status is not valid (or valid with a caveat). */
  detail?: string;
  /** The byte range starts at 0 and ends at the end of the file. */
  coversWholeFile: boolean;
  byteRange: number[];
  subFilter?: string;
  /** The signing certificate, when the signature carries it. */
  certificate?: CertificateSummary;
  /** The chain was within its validity at the (claimed) signing time; null when not checked. */
  isCertificateValidAtSigning: boolean | null;
  /** The chain is within its validity now; null when not checked. */
  isCertificateValidNow: boolean | null;
  /** Always false: revocation (OCSP, CRL) is not checked. */
  isRevocationChecked: false;
}

/** The result of {@link verifyPdf}. */
export interface VerifyReport {
  signatures: SignatureReport[];
  /** At least one signature, every one valid, and the last covers the whole file. */
  isAllValid: boolean;
}

export interface VerifyPdfOptions {
  /**
   * The trusted root certificates (PEM text or DER bytes): the only trust anchors. Without
   * any, no chain is trusted (there is no built-in list).
   */
  trustedRoots?: (string | Uint8Array)[];
  /** The time taken as "now" (validity now, the latest signing time); default the clock. */
  at?: Date;
}

export { parseCertificates } from '../pki/certificates';

/**
 * Checks every signature of a PDF against the given trusted roots only.
 * @throws DomainError damaged_file when the file is not a readable PDF, invalid_input for an unreadable root
 */
export async function verifyPdf(
  pdf: Uint8Array,
  options: VerifyPdfOptions = {},
): Promise<VerifyReport> {
  const bytes = Buffer.isBuffer(pdf)
    ? pdf
    : Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const roots = (options.trustedRoots ?? []).flatMap(parseCertificates);
  const at = options.at ?? new Date();

  let doc: PdfDocument;
  const found: { name: string; sigNum: number | undefined; sig: PdfDict }[] = [];
  let digests: (Buffer | undefined)[];
  try {
    doc = new PdfDocument(bytes);
    for (const field of doc.fields()) {
      if (field.fieldType !== '/Sig') continue;
      const vRef = field.dict.entries.get('/V');
      const sig = doc.resolve(vRef);
      if (sig?.kind !== 'dict') continue;
      found.push({ name: field.name, sigNum: vRef?.kind === 'ref' ? vRef.num : undefined, sig });
    }
    digests = chainedSha256(
      bytes,
      found.map((f) => byteRangeOf(f.sig)),
    );
  } catch (error) {
    throw damagedFile(error);
  }
  const shared = { certCache: new Map<string, X509Certificate>() };
  const signatures: SignatureReport[] = [];
  for (const [i, f] of found.entries()) {
    try {
      signatures.push(
        await checkSignature(doc, bytes, f.name, f.sigNum, f.sig, roots, at, {
          ...shared,
          sha256: digests[i],
        }),
      );
    } catch (error) {
      if (!isParserError(error)) throw error;
      // One unreadable signature does not hide the others: it is reported as invalid.
      signatures.push({
        field: f.name,
        signer: '',
        status: 'invalid',
        detail: `the signature cannot be read: ${shortMessage(error)}`,
        coversWholeFile: false,
        byteRange: byteRangeOf(f.sig),
        isCertificateValidAtSigning: null,
        isCertificateValidNow: null,
        isRevocationChecked: false,
      });
    }
  }
  signatures.sort((a, b) => end(a.byteRange) - end(b.byteRange));
  const last = signatures[signatures.length - 1];
  return {
    signatures,
    isAllValid:
      signatures.length > 0 &&
      signatures.every((s) => s.status === 'valid') &&
      last?.coversWholeFile === true,
  };
}

/** What the PDF reader throws on a damaged file (its own errors, and bounds or type slips on bytes it did not expect). */
function isParserError(error: unknown): boolean {
  return (
    error instanceof PdfSyntaxError || error instanceof RangeError || error instanceof TypeError
  );
}

const shortMessage = (error: unknown) => {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
};

/** The typed answer for a file the reader cannot read (internal errors stay internal). */
function damagedFile(error: unknown): unknown {
  if (!isParserError(error)) return error;
  return new DomainError(
    'damaged_file',
    `PDF-filen kan ikke læses / The PDF cannot be read: ${shortMessage(error)}`,
    { key: 'signing.damagedPdf', values: {} },
  );
}

const end = (range: number[]) => (range[2] ?? 0) + (range[3] ?? 0);

function byteRangeOf(sig: PdfDict): number[] {
  const value = sig.entries.get('/ByteRange');
  return value?.kind === 'array'
    ? value.items.map((v) => (v.kind === 'number' ? v.value : -1))
    : [];
}

/**
 * SHA-256 of every well-formed two-part byte range in one pass over the file: the ranges of
 * successive signatures share their start, so one running hash is advanced to each gap and
 * copied to add that signature's tail.
 */
function chainedSha256(bytes: Buffer, ranges: number[][]): (Buffer | undefined)[] {
  const out: (Buffer | undefined)[] = ranges.map(() => undefined);
  const order = ranges
    .map((range, i) => ({ range, i }))
    .filter(({ range }) => {
      const [s0, l0, s1, l1] = range as [number, number, number, number];
      return (
        range.length === 4 && s0 === 0 && l0 > 0 && s1 >= l0 && l1 >= 0 && s1 + l1 <= bytes.length
      );
    })
    .sort((a, b) => (a.range[1] as number) - (b.range[1] as number));
  const running = createHash('sha256');
  let pos = 0;
  for (const { range, i } of order) {
    const [, l0, s1, l1] = range as [number, number, number, number];
    running.update(bytes.subarray(pos, l0));
    pos = l0;
    out[i] = running
      .copy()
      .update(bytes.subarray(s1, s1 + l1))
      .digest();
  }
  return out;
}

async function checkSignature(
  doc: PdfDocument,
  bytes: Buffer,
  field: string,
  sigNum: number | undefined,
  sig: PdfDict,
  roots: X509Certificate[],
  now: Date,
  shared: { sha256?: Buffer | undefined; certCache: Map<string, X509Certificate> },
): Promise<SignatureReport> {
  const text = (key: string) => decodeTextString(sig.entries.get(key));
  const byteRange = byteRangeOf(sig);
  const subFilter = sig.entries.get('/SubFilter');
  const signedAt = parsePdfDate(text('/M'));
  const base = {
    field,
    signer: text('/Name') ?? '',
    ...(signedAt ? { signedAt } : {}),
    ...(text('/Reason') !== undefined ? { reason: text('/Reason') as string } : {}),
    ...(text('/Location') !== undefined ? { location: text('/Location') as string } : {}),
    byteRange,
    coversWholeFile: false,
    ...(subFilter?.kind === 'name' ? { subFilter: subFilter.raw.slice(1) } : {}),
    isCertificateValidAtSigning: null,
    isCertificateValidNow: null,
    isRevocationChecked: false as const,
  };
  const [s0, l0, s1, l1] = byteRange as [number, number, number, number];
  if (
    byteRange.length !== 4 ||
    s0 !== 0 ||
    l0 <= 0 ||
    s1 <= l0 ||
    l1 < 0 ||
    s1 + l1 > bytes.length
  ) {
    return { ...base, status: 'invalid', detail: 'the byte range is malformed' };
  }
  const coversWholeFile = s1 + l1 === bytes.length;
  // The gap must be exactly this dictionary's /Contents hex string.
  const objectOffset = sigNum === undefined ? undefined : doc.offsetOf(sigNum);
  let contentsStart = -1;
  if (objectOffset !== undefined) {
    const lx = new PdfLexer(bytes, objectOffset);
    lx.readInt();
    lx.readInt();
    lx.expectKeyword('obj');
    const parsed = lx.parseValue();
    const contents = parsed.kind === 'dict' ? parsed.entries.get('/Contents') : undefined;
    if (
      contents?.kind === 'string' &&
      contents.raw.startsWith('<') &&
      contents.start + contents.raw.length === s1
    ) {
      contentsStart = contents.start;
    }
  }
  if (contentsStart !== l0) {
    return {
      ...base,
      coversWholeFile,
      status: 'invalid',
      detail: 'the byte range does not exclude exactly the signature value',
    };
  }
  const hex = bytes.toString('latin1', l0 + 1, s1 - 1);
  const cmsBytes = Buffer.from(hex, 'hex');
  const cms = checkCms(cmsBytes, byteRangeContent(bytes, byteRange), {
    certCache: shared.certCache,
    ...(shared.sha256 ? { sha256: shared.sha256 } : {}),
  });
  const signer = cms.signer ? commonName(cms.signer) : base.signer;
  const report: Omit<SignatureReport, 'status'> = { ...base, signer, coversWholeFile };
  if (!cms.signer || (cms.problem && !cms.isDigestMatch)) {
    return {
      ...report,
      status: 'invalid',
      detail: cms.problem ?? 'the signature cannot be checked',
    };
  }
  if (!cms.isDigestMatch) {
    return { ...report, status: 'modified', detail: 'the signed bytes were changed after signing' };
  }
  if (!cms.isSignatureValid) {
    return {
      ...report,
      status: 'invalid',
      detail: cms.problem ?? 'the signature value does not verify',
    };
  }
  // The claimed signing time: /M, else the CMS signing-time attribute, else now.
  const signingTime = signedAt ?? cms.signingTime ?? now;
  const verdict = await checkCertificate(cms.signer, cms.certificates, roots, signingTime, now);
  const judged: Omit<SignatureReport, 'status'> = {
    ...report,
    certificate: verdict.certificate,
    isCertificateValidAtSigning: verdict.isValidAtSigning,
    isCertificateValidNow: verdict.isValidNow,
  };
  if (cms.weakAlgorithm) {
    return {
      ...judged,
      status: 'weak_algorithm',
      detail: `the signature uses ${cms.weakAlgorithm}, which is no longer accepted`,
    };
  }
  return {
    ...judged,
    status: verdict.status,
    ...(verdict.detail ? { detail: verdict.detail } : {}),
  };
}
