/**
 * Verifying the signatures of a PDF: for each signature field, whether the signed bytes are
 * unchanged, the CMS signature verifies, the certificate chain reaches a trusted root and every
 * certificate is within its validity period; and whether the last signature covers the file.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { rootCertificates } from 'node:tls';
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

/** valid; document modified after signing; issuer not trusted; certificate expired; broken. */
export type SignatureStatus = 'valid' | 'modified' | 'unknown_issuer' | 'expired' | 'invalid';

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
  /** A short English explanation when the status is not valid. */
  detail?: string;
  /** The byte range starts at 0 and ends at the end of the file. */
  coversWholeFile: boolean;
  byteRange: number[];
  subFilter?: string;
}

/** The result of {@link verifyPdf}. */
export interface VerifyReport {
  signatures: SignatureReport[];
  /** At least one signature, every one valid, and the last covers the whole file. */
  isAllValid: boolean;
}

export interface VerifyPdfOptions {
  /** Extra trusted root certificates (PEM text or DER bytes). */
  trustedRoots?: (string | Uint8Array)[];
  /** Also trust the roots bundled with Node (Mozilla's list); default true. */
  isSystemTrustUsed?: boolean;
  /** Time the certificates must be valid at; default now. */
  at?: Date;
}

export { parseCertificates } from '../pki/certificates';

let systemRoots: X509Certificate[] | undefined;
function getSystemRoots(): X509Certificate[] {
  systemRoots ??= rootCertificates.map((pem) => new X509Certificate(pem));
  return systemRoots;
}

function chainStatus(
  signer: X509Certificate,
  pool: X509Certificate[],
  roots: () => X509Certificate[],
  at: Date,
): { status: 'valid' | 'expired' | 'unknown_issuer'; detail?: string } {
  const path = [signer];
  let isTrusted = false;
  let current = signer;
  const issues = (child: X509Certificate, parent: X509Certificate) =>
    child.checkIssued(parent) && child.verify(parent.publicKey);
  for (let depth = 0; depth < 10; depth++) {
    const trustedRoots = roots();
    if (trustedRoots.some((r) => r.fingerprint256 === current.fingerprint256)) {
      isTrusted = true;
      break;
    }
    const root = trustedRoots.find((r) => issues(current, r));
    if (root) {
      path.push(root);
      isTrusted = true;
      break;
    }
    const next = pool.find((c) => !path.includes(c) && issues(current, c));
    if (!next) break;
    path.push(next);
    current = next;
  }
  const expired = path.find((c) => at < new Date(c.validFrom) || at > new Date(c.validTo));
  if (expired) {
    return {
      status: 'expired',
      detail: `certificate "${commonName(expired)}" is valid ${expired.validFrom} to ${expired.validTo}`,
    };
  }
  if (!isTrusted)
    return {
      status: 'unknown_issuer',
      detail: 'the certificate chain does not reach a trusted root',
    };
  return { status: 'valid' };
}

/** Checks every signature of a PDF. Throws DomainError('invalid_input') when it is not a readable PDF. */
export function verifyPdf(pdf: Uint8Array, options: VerifyPdfOptions = {}): VerifyReport {
  const bytes = Buffer.isBuffer(pdf)
    ? pdf
    : Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  let doc: PdfDocument;
  try {
    doc = new PdfDocument(bytes);
  } catch (error) {
    if (error instanceof PdfSyntaxError) {
      throw new DomainError(
        'invalid_input',
        `PDF-filen kan ikke læses / The PDF cannot be read: ${error.message}`,
      );
    }
    throw error;
  }
  const extraRoots = (options.trustedRoots ?? []).flatMap(parseCertificates);
  const isSystemTrustUsed = options.isSystemTrustUsed ?? true;
  const roots = () => (isSystemTrustUsed ? [...extraRoots, ...getSystemRoots()] : extraRoots);
  const at = options.at ?? new Date();

  const found: { name: string; sigNum: number | undefined; sig: PdfDict }[] = [];
  for (const field of safeFields(doc)) {
    if (field.fieldType !== '/Sig') continue;
    const vRef = field.dict.entries.get('/V');
    const sig = doc.resolve(vRef);
    if (sig?.kind !== 'dict') continue;
    found.push({ name: field.name, sigNum: vRef?.kind === 'ref' ? vRef.num : undefined, sig });
  }
  const digests = chainedSha256(
    bytes,
    found.map((f) => byteRangeOf(f.sig)),
  );
  const shared = { certCache: new Map<string, X509Certificate>() };
  const signatures = found.map((f, i) =>
    checkSignature(doc, bytes, f.name, f.sigNum, f.sig, roots, at, {
      ...shared,
      sha256: digests[i],
    }),
  );
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

function safeFields(doc: PdfDocument): ReturnType<PdfDocument['fields']> {
  try {
    return doc.fields();
  } catch (error) {
    if (error instanceof PdfSyntaxError) {
      throw new DomainError(
        'invalid_input',
        `PDF-filen kan ikke læses / The PDF cannot be read: ${error.message}`,
      );
    }
    throw error;
  }
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

function checkSignature(
  doc: PdfDocument,
  bytes: Buffer,
  field: string,
  sigNum: number | undefined,
  sig: PdfDict,
  roots: () => X509Certificate[],
  at: Date,
  shared: { sha256?: Buffer | undefined; certCache: Map<string, X509Certificate> },
): SignatureReport {
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
  const report = { ...base, signer, coversWholeFile };
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
  const chain = chainStatus(cms.signer, cms.certificates, roots, at);
  return { ...report, status: chain.status, ...(chain.detail ? { detail: chain.detail } : {}) };
}
