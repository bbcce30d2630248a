/**
 * Revocation data for long-term validation (PAdES B-LT): reading CRLs (DER or PEM) and OCSP
 * responses (DER), checking that one concerns a certificate of a signer's chain (the CRL's
 * issuer, the OCSP certID) and is signed by that certificate's issuer (or, for OCSP, by a
 * responder the issuer delegated with id-kp-OCSPSigning), and reading what it says: not
 * revoked, revoked on a date, or unknown. Parsing is pkijs's; signatures are checked with
 * node:crypto as the CMS signatures are (cms.ts).
 */
import { X509Certificate, constants, createHash, verify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { DIGEST_BY_OID, SIGNATURE_DIGEST_BY_OID } from './digestOids';
import { DomainError } from '../../../common/contract/result';

/** One revocation file as it is embedded in a Document Security Store. */
export type RevocationItem =
  | {
      kind: 'crl';
      /** The CRL's DER bytes (what /CRLs holds). */
      der: Buffer;
      crl: pkijs.CertificateRevocationList;
      thisUpdate: Date;
    }
  | {
      kind: 'ocsp';
      /** The whole OCSPResponse's DER bytes (what /OCSPs holds). */
      der: Buffer;
      basic: pkijs.BasicOCSPResponse;
      producedAt: Date;
    };

/** What a revocation item says about one certificate. */
export interface RevocationFinding {
  source: 'crl' | 'ocsp';
  state: 'good' | 'revoked' | 'unknown';
  /** The CRL's thisUpdate or the OCSP response's producedAt. */
  issuedAt: Date;
  /** When the certificate was revoked (state revoked). */
  revokedAt?: Date;
  /** The item that says so. */
  item: RevocationItem;
  /** Certificates needed to check the item besides the chain (a delegated OCSP responder). */
  extraCertificates: X509Certificate[];
}

const OID = {
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  extKeyUsage: '2.5.29.37',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  deltaCrlIndicator: '2.5.29.27',
};

/** A revocation file is at most this large (a national CA's full CRL can be several MB). */
export const MAX_REVOCATION_BYTES = 64 * 1024 * 1024;

const toArrayBuffer = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

function notRevocationData(shown: string, why: string): DomainError {
  return new DomainError(
    'invalid_input',
    `${shown} er hverken en CRL (DER eller PEM) eller et OCSP-svar (DER) / ${shown} is neither a CRL (DER or PEM) nor an OCSP response (DER): ${why}`,
  );
}

/** Decodes DER exactly: the whole input must be one ASN.1 value. */
function derValue(bytes: Uint8Array): asn1js.AsnType | undefined {
  const asn = asn1js.fromBER(toArrayBuffer(bytes));
  if (asn.offset === -1 || asn.offset !== bytes.length) return undefined;
  return asn.result;
}

function tryCrl(der: Buffer): RevocationItem | undefined {
  const value = derValue(der);
  if (!value) return undefined;
  try {
    const crl = new pkijs.CertificateRevocationList({ schema: value });
    const isDelta = crl.crlExtensions?.extensions.some((e) => e.extnID === OID.deltaCrlIndicator);
    if (isDelta) return undefined;
    return { kind: 'crl', der, crl, thisUpdate: crl.thisUpdate.value };
  } catch {
    return undefined;
  }
}

/**
 * Reads a revocation file: a CRL in DER or PEM, or a DER OCSP response whose status is
 * successful and which carries a basic response.
 * @throws DomainError invalid_input naming the file when it is neither
 */
export function parseRevocation(bytes: Uint8Array, shown: string): RevocationItem {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length === 0) throw notRevocationData(shown, 'the file is empty');
  if (buf.length > MAX_REVOCATION_BYTES)
    throw notRevocationData(shown, `larger than ${MAX_REVOCATION_BYTES / 1024 / 1024} MiB`);
  const text = buf.subarray(0, 64).toString('latin1');
  if (text.includes('-----BEGIN')) {
    const pem = /-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/.exec(
      buf.toString('latin1'),
    );
    if (!pem) throw notRevocationData(shown, 'a PEM file without an X509 CRL block');
    const der = Buffer.from(pem[1]?.replace(/\s+/g, '') ?? '', 'base64');
    const crl = tryCrl(der);
    if (!crl) throw notRevocationData(shown, 'the PEM block is not a readable CRL');
    return crl;
  }
  const crl = tryCrl(buf);
  if (crl) return crl;
  const value = derValue(buf);
  if (!value) throw notRevocationData(shown, 'not valid DER');
  let response: pkijs.OCSPResponse;
  try {
    response = new pkijs.OCSPResponse({ schema: value });
  } catch {
    throw notRevocationData(shown, 'not a readable CRL or OCSP response');
  }
  const status = response.responseStatus.valueBlock.valueDec;
  if (status !== 0)
    throw new DomainError(
      'invalid_input',
      `${shown}: OCSP-svaret er ikke et svar om et certifikat (status ${status}) / the OCSP response is not an answer about a certificate (status ${status})`,
    );
  if (response.responseBytes?.responseType !== OID.ocspBasic)
    throw notRevocationData(shown, 'the OCSP response has no basic response');
  try {
    const inner = derValue(response.responseBytes.response.valueBlock.valueHexView);
    if (!inner) throw new Error('bad DER');
    const basic = new pkijs.BasicOCSPResponse({ schema: inner });
    return { kind: 'ocsp', der: buf, basic, producedAt: basic.tbsResponseData.producedAt };
  } catch {
    throw notRevocationData(shown, 'the OCSP basic response cannot be read');
  }
}

/** Reads a revocation item stored in a PDF's DSS; undefined when it cannot be read. */
export function readStoredRevocation(
  bytes: Buffer,
  kind: 'crl' | 'ocsp',
): RevocationItem | undefined {
  try {
    const item = parseRevocation(bytes, 'DSS');
    return item.kind === kind ? item : undefined;
  } catch {
    return undefined;
  }
}

// ---- certificates ---------------------------------------------------------------------------

const pkijsCache = new WeakMap<X509Certificate, pkijs.Certificate>();
function pk(cert: X509Certificate): pkijs.Certificate {
  let parsed = pkijsCache.get(cert);
  if (!parsed) {
    parsed = pkijs.Certificate.fromBER(toArrayBuffer(cert.raw));
    pkijsCache.set(cert, parsed);
  }
  return parsed;
}

function isIssuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  if (cert.issuer !== issuer.subject) return false;
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

const isSelfIssued = (cert: X509Certificate) => isIssuedBy(cert, cert);

/**
 * The chain of `leaf` among `pool` (by name and signature), leaf first, ending at a
 * self-signed certificate or where no issuer is at hand.
 */
export function chainOf(leaf: X509Certificate, pool: X509Certificate[]): X509Certificate[] {
  const chain = [leaf];
  let current = leaf;
  for (let depth = 0; depth < 10 && !isSelfIssued(current); depth++) {
    const next = pool.find((c) => !chain.includes(c) && isIssuedBy(current, c));
    if (!next) break;
    chain.push(next);
    current = next;
  }
  return chain;
}

/** Verifies a signature over `data` with the algorithm an X.509 structure names. */
function verifySigned(
  algorithm: pkijs.AlgorithmIdentifier,
  data: Uint8Array,
  signature: Uint8Array,
  key: KeyObject,
): boolean {
  try {
    if (algorithm.algorithmId === OID.rsaPss) {
      const params = new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams });
      const hash = DIGEST_BY_OID[params.hashAlgorithm.algorithmId] ?? 'sha1';
      return verify(
        hash,
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength },
        signature,
      );
    }
    const hash = SIGNATURE_DIGEST_BY_OID[algorithm.algorithmId];
    if (!hash) return false;
    return verify(hash, data, key, signature);
  } catch {
    return false;
  }
}

// ---- CRL ------------------------------------------------------------------------------------

/** The CRL was issued by `issuer` (same name) and its signature verifies with its key. */
function crlIssuedBy(crl: pkijs.CertificateRevocationList, issuer: X509Certificate): boolean {
  if (!crl.issuer.isEqual(pk(issuer).subject)) return false;
  return verifySigned(
    crl.signatureAlgorithm,
    crl.tbsView,
    crl.signatureValue.valueBlock.valueHexView,
    issuer.publicKey,
  );
}

function serialOf(cert: X509Certificate): string {
  return cert.serialNumber.toUpperCase().replace(/^0+(?=.)/, '');
}

function integerHex(value: asn1js.Integer): string {
  return Buffer.from(value.valueBlock.valueHexView)
    .toString('hex')
    .toUpperCase()
    .replace(/^0+(?=.)/, '');
}

// ---- OCSP -----------------------------------------------------------------------------------

function certIdMatches(id: pkijs.CertID, cert: X509Certificate, issuer: X509Certificate): boolean {
  const hash = DIGEST_BY_OID[id.hashAlgorithm.algorithmId];
  if (!hash) return false;
  if (integerHex(id.serialNumber) !== serialOf(cert)) return false;
  const issuerPk = pk(issuer);
  const nameHash = createHash(hash)
    .update(Buffer.from(issuerPk.subject.toSchema().toBER(false)))
    .digest();
  const keyHash = createHash(hash)
    .update(issuerPk.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
    .digest();
  return (
    nameHash.equals(Buffer.from(id.issuerNameHash.valueBlock.valueHexView)) &&
    keyHash.equals(Buffer.from(id.issuerKeyHash.valueBlock.valueHexView))
  );
}

function responderMatches(responderId: unknown, cert: X509Certificate): boolean {
  const parsed = pk(cert);
  if (responderId instanceof pkijs.RelativeDistinguishedNames)
    return responderId.isEqual(parsed.subject);
  if (responderId instanceof asn1js.OctetString) {
    const keyHash = createHash('sha1')
      .update(parsed.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
      .digest();
    return keyHash.equals(Buffer.from(responderId.valueBlock.valueHexView));
  }
  return false;
}

function hasOcspSigning(cert: X509Certificate): boolean {
  const eku = pk(cert).extensions?.find((e) => e.extnID === OID.extKeyUsage)?.parsedValue as
    unknown | undefined;
  return eku instanceof pkijs.ExtKeyUsage && eku.keyPurposes.includes(OID.ocspSigning);
}

/**
 * Who signed an OCSP response about certificates of `issuer`: the issuer itself, or a
 * responder certificate the response carries, issued by the issuer for OCSP signing. Returns
 * the responder's certificates to keep (empty for the issuer), or undefined when the
 * signature does not verify with either.
 */
function ocspSigner(
  basic: pkijs.BasicOCSPResponse,
  issuer: X509Certificate,
): X509Certificate[] | undefined {
  const responderId = basic.tbsResponseData.responderID as unknown;
  const data = basic.tbsResponseData.tbsView;
  const signature = basic.signature.valueBlock.valueHexView;
  if (
    responderMatches(responderId, issuer) &&
    verifySigned(basic.signatureAlgorithm, data, signature, issuer.publicKey)
  )
    return [];
  for (const carried of basic.certs ?? []) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(Buffer.from(carried.toSchema().toBER(false)));
    } catch {
      continue;
    }
    if (!responderMatches(responderId, cert)) continue;
    if (!isIssuedBy(cert, issuer) || !hasOcspSigning(cert)) continue;
    if (verifySigned(basic.signatureAlgorithm, data, signature, cert.publicKey)) return [cert];
  }
  return undefined;
}

function singleStatus(single: pkijs.SingleResponse): {
  state: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
} {
  const status = single.certStatus as asn1js.BaseBlock;
  const tag = status.idBlock.tagNumber;
  if (status.idBlock.isConstructed && tag === 1) {
    const first = (status as asn1js.Constructed).valueBlock.value[0] as unknown;
    const revokedAt = first instanceof asn1js.GeneralizedTime ? first.toDate() : undefined;
    return { state: 'revoked', ...(revokedAt ? { revokedAt } : {}) };
  }
  if (!status.idBlock.isConstructed && tag === 0) return { state: 'good' };
  return { state: 'unknown' };
}

// ---- what an item says ----------------------------------------------------------------------

/** Why an item does not speak about `cert` (issued by `issuer`), or what it says. */
export type ItemVerdict =
  | { kind: 'finding'; finding: RevocationFinding }
  | { kind: 'unrelated' }
  | { kind: 'bad_signature' };

/** What one revocation item says about `cert`, whose issuer is `issuer`. */
export function judgeItem(
  item: RevocationItem,
  cert: X509Certificate,
  issuer: X509Certificate,
): ItemVerdict {
  if (item.kind === 'crl') {
    if (!item.crl.issuer.isEqual(pk(issuer).subject)) return { kind: 'unrelated' };
    if (!crlIssuedBy(item.crl, issuer)) return { kind: 'bad_signature' };
    const serial = serialOf(cert);
    const entry = item.crl.revokedCertificates?.find(
      (r) => integerHex(r.userCertificate) === serial,
    );
    return {
      kind: 'finding',
      finding: {
        source: 'crl',
        state: entry ? 'revoked' : 'good',
        issuedAt: item.thisUpdate,
        ...(entry ? { revokedAt: entry.revocationDate.value } : {}),
        item,
        extraCertificates: [],
      },
    };
  }
  const single = item.basic.tbsResponseData.responses.find((r) =>
    certIdMatches(r.certID, cert, issuer),
  );
  if (!single) return { kind: 'unrelated' };
  const extra = ocspSigner(item.basic, issuer);
  if (!extra) return { kind: 'bad_signature' };
  return {
    kind: 'finding',
    finding: {
      source: 'ocsp',
      ...singleStatus(single),
      issuedAt: item.producedAt,
      item,
      extraCertificates: extra,
    },
  };
}

/**
 * What the items say about `cert`: a revocation if any item reports one, else the newest
 * item that reports it good, else an unknown answer; undefined when no item speaks about it.
 */
export function findRevocation(
  cert: X509Certificate,
  issuer: X509Certificate,
  items: RevocationItem[],
): RevocationFinding | undefined {
  const findings = items
    .map((item) => judgeItem(item, cert, issuer))
    .flatMap((v) => (v.kind === 'finding' ? [v.finding] : []));
  const revoked = findings.find((f) => f.state === 'revoked');
  if (revoked) return revoked;
  const good = findings
    .filter((f) => f.state === 'good')
    .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime());
  return good[0] ?? findings[0];
}

/** The revocation state of a whole chain (leaf first; the self-signed root is not checked). */
export interface ChainRevocation {
  /** What the data says about the signing certificate; undefined when nothing. */
  leaf?: RevocationFinding;
  /** The first certificate of the chain reported revoked, with the finding. */
  revoked?: { certificate: X509Certificate; finding: RevocationFinding };
}

/** Checks every certificate of `chain` (leaf first) that has its issuer in the chain. */
export function chainRevocation(
  chain: X509Certificate[],
  items: RevocationItem[],
): ChainRevocation {
  const out: ChainRevocation = {};
  for (let i = 0; i + 1 < chain.length; i++) {
    const cert = chain[i] as X509Certificate;
    const finding = findRevocation(cert, chain[i + 1] as X509Certificate, items);
    if (i === 0 && finding) out.leaf = finding;
    if (finding?.state === 'revoked' && !out.revoked) out.revoked = { certificate: cert, finding };
  }
  return out;
}

/** "2026-12-07T10:00:00Z" */
export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** "CRL of …" / "OCSP response of …". */
export function sourceText(finding: RevocationFinding): string {
  return `${finding.source === 'crl' ? 'CRL' : 'OCSP response'} of ${isoSeconds(finding.issuedAt)}`;
}
