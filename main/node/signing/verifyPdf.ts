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
  serialize,
  type PdfDict,
  type PdfValue,
} from './pdfObjects';
import { dssItems, readDss } from './dss';
import {
  chainOf,
  chainRevocation,
  isoSeconds,
  sourceText,
  type RevocationItem,
} from './revocation';
import { commonName } from './signPdf';
import { checkCertificate, type CertificateStatus, type CertificateSummary } from './trust';

/**
 * valid; modified (changed after signing); unknown_issuer (no configured root reached);
 * bad_issuer (an issuer may not issue certificates); expired (a certificate was outside its
 * validity at the signing time); weak_algorithm (SHA-1); wrong_usage (the certificate is not
 * for signing documents, e.g. a web server's); revoked (the PDF's DSS holds a CRL or OCSP
 * response, signed by the issuer, that revokes a certificate of the chain); invalid (broken).
 */
export type SignatureStatus = 'modified' | 'invalid' | 'revoked' | CertificateStatus;

/** What the PDF's Document Security Store says about the signing certificate. */
export interface RevocationReport {
  source: 'crl' | 'ocsp';
  state: 'good' | 'revoked' | 'unknown';
  /** The CRL's thisUpdate or the OCSP response's producedAt. */
  issuedAt: Date;
  /** When the certificate (or an issuer of its chain, named in `certificate`) was revoked. */
  revokedAt?: Date;
  /** The common name of the certificate the finding is about. */
  certificate: string;
}

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
  /**
   * True when the PDF's DSS holds a CRL or OCSP response (signed by the issuer) that says
   * whether the signing certificate is revoked; false otherwise ("revocation not checked").
   */
  isRevocationChecked: boolean;
  /** What the DSS says, when it speaks about the chain (see {@link RevocationReport}). */
  revocation?: RevocationReport;
}

/** The result of {@link verifyPdf}. */
export interface VerifyReport {
  signatures: SignatureReport[];
  /**
   * At least one signature, every one valid, and the last covers the whole file, or all of it
   * but updates that only add revocation data (a Document Security Store, PAdES B-LT).
   */
  isAllValid: boolean;
  /**
   * The last signature does not cover the whole file, and what follows it only adds a
   * Document Security Store (revocation data and certificates): the catalog gains /DSS and
   * nothing else; no object the signature covers is changed.
   */
  isOnlyDssAfterLast: boolean;
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
  let dss: { items: RevocationItem[]; certificates: X509Certificate[] };
  try {
    doc = new PdfDocument(bytes);
    dss = readDssLeniently(doc);
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
  const shared = { certCache: new Map<string, X509Certificate>(), dss };
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
  const isOnlyDssAfterLast =
    last !== undefined &&
    !last.coversWholeFile &&
    last.byteRange.length === 4 &&
    isOnlyDssAfter(doc, bytes, end(last.byteRange));
  return {
    signatures,
    isAllValid:
      signatures.length > 0 &&
      signatures.every((s) => s.status === 'valid') &&
      (last?.coversWholeFile === true || isOnlyDssAfterLast),
    isOnlyDssAfterLast,
  };
}

/**
 * Whether the bytes after `signedEnd` (the end of the last signed revision) only add a
 * Document Security Store: the same catalog object whose entries are unchanged but /DSS, the
 * DSS object, and new objects (only reachable through /DSS, since nothing else changed). Any
 * other changed or freed object, or a different catalog, is a modification.
 */
function isOnlyDssAfter(doc: PdfDocument, bytes: Buffer, signedEnd: number): boolean {
  try {
    // The tail must be whole revisions: the newest cross-reference section lies in it and
    // nothing but line ends follows the last %%EOF.
    if (doc.startxref < signedEnd) return false;
    const eof = bytes.lastIndexOf('%%EOF', undefined, 'latin1');
    if (eof < signedEnd || !/^[\r\n]*$/.test(bytes.toString('latin1', eof + 5))) return false;
    const before = new PdfDocument(bytes.subarray(0, signedEnd));
    const catalogRef = doc.catalogRef();
    if (catalogRef.num !== before.catalogRef().num) return false;
    const info = (d: PdfDocument) => serializeValue(d.trailer.entries.get('/Info'));
    if (info(doc) !== info(before)) return false;
    const dss = doc.catalog().entries.get('/DSS');
    if (!dss) return false;
    for (const { num, isFree } of doc.objectsListedFrom(signedEnd)) {
      if (isFree) return false;
      if (num === catalogRef.num) {
        const now = doc.catalog().entries;
        const then = before.catalog().entries;
        const keys = new Set([...now.keys(), ...then.keys()]);
        keys.delete('/DSS');
        for (const key of keys)
          if (serializeValue(now.get(key)) !== serializeValue(then.get(key))) return false;
        continue;
      }
      if (dss.kind === 'ref' && num === dss.num) continue;
      // A new object: reachable only through /DSS, the one entry that changed.
      if (num < before.size) return false;
    }
    return true;
  } catch (error) {
    if (isParserError(error)) return false;
    throw error;
  }
}

const serializeValue = (value: PdfValue | undefined) =>
  value === undefined ? '' : serialize(value);

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
  shared: {
    sha256?: Buffer | undefined;
    certCache: Map<string, X509Certificate>;
    dss: { items: RevocationItem[]; certificates: X509Certificate[] };
  },
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
    isRevocationChecked: false,
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
  const plain: SignatureReport = {
    ...judged,
    status: verdict.status,
    ...(verdict.detail ? { detail: verdict.detail } : {}),
  };
  // Without a DSS the report is exactly that of a B-B signature: revocation not checked.
  if (shared.dss.items.length === 0) return plain;
  return withRevocationOrPlain(
    plain,
    cms.signer,
    [...cms.certificates, ...shared.dss.certificates, ...roots],
    shared.dss.items,
  );
}

/** The DSS's data; an unreadable DSS counts as none (revocation then is not checked). */
function readDssLeniently(doc: PdfDocument): {
  items: RevocationItem[];
  certificates: X509Certificate[];
} {
  try {
    return dssItems(readDss(doc));
  } catch {
    return { items: [], certificates: [] };
  }
}

/** {@link withRevocation}, or the report as it is when the DSS data cannot be judged. */
function withRevocationOrPlain(
  report: SignatureReport,
  signer: X509Certificate,
  pool: X509Certificate[],
  items: RevocationItem[],
): SignatureReport {
  try {
    return withRevocation(report, signer, pool, items);
  } catch {
    // Certificates or revocation data that pkijs cannot read tell nothing: not checked.
    return report;
  }
}

/**
 * Adds what the DSS says about the signer's chain: a valid signature whose chain holds a
 * revoked certificate becomes `revoked`; "not revoked per CRL of …" is added to the detail of
 * a signature whose own certificate the data covers.
 */
function withRevocation(
  report: SignatureReport,
  signer: X509Certificate,
  pool: X509Certificate[],
  items: RevocationItem[],
): SignatureReport {
  const chain = chainOf(signer, pool);
  const found = chainRevocation(chain, items);
  const about =
    found.revoked ?? (found.leaf ? { certificate: signer, finding: found.leaf } : undefined);
  if (!about) return report;
  const { finding } = about;
  const revocation: RevocationReport = {
    source: finding.source,
    state: finding.state,
    issuedAt: finding.issuedAt,
    ...(finding.revokedAt ? { revokedAt: finding.revokedAt } : {}),
    certificate: commonName(about.certificate),
  };
  const isChecked = found.leaf !== undefined && found.leaf.state !== 'unknown';
  const base = {
    ...report,
    isRevocationChecked: isChecked || found.revoked !== undefined,
    revocation,
  };
  const join = (text: string) => (report.detail ? `${report.detail}; ${text}` : text);
  if (found.revoked) {
    const whose =
      about.certificate === signer ? 'the certificate' : `the issuer "${revocation.certificate}"`;
    const when = finding.revokedAt ? ` on ${isoSeconds(finding.revokedAt)}` : '';
    const text = `${whose} was revoked${when} (per ${sourceText(finding)})`;
    return report.status === 'valid'
      ? { ...base, status: 'revoked', detail: text }
      : { ...base, detail: join(text) };
  }
  if (finding.state === 'unknown')
    return {
      ...base,
      detail: join(
        `revocation not checked: the ${sourceText(finding)} does not know the certificate`,
      ),
    };
  return { ...base, detail: join(`not revoked per ${sourceText(finding)}`) };
}
