/**
 * Whether a signing certificate proves who signed: its chain reaches a root the user
 * configured (no built-in list: Node's bundled roots are web-server roots), built and checked
 * by pkijs's CertificateChainValidationEngine; every issuer is a CA allowed to sign
 * certificates (basicConstraints cA and keyUsage keyCertSign); the certificate itself is one
 * for signing documents; no certificate of the chain is signed with SHA-1; and validity is
 * judged at the signing time and now separately. Revocation is not checked (B-B signatures
 * carry no revocation data and the app works offline).
 */
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** What a certificate check concludes, before the signature's own checks are added. */
export type CertificateStatus =
  'valid' | 'unknown_issuer' | 'bad_issuer' | 'expired' | 'weak_algorithm' | 'wrong_usage';

/** The signing certificate as a verifier shows it. */
export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  /** SHA-256 fingerprint as OpenSSL prints it (AA:BB:...). */
  fingerprint256: string;
  validFrom: string;
  validTo: string;
}

/** The verdict on a signing certificate. */
export interface CertificateVerdict {
  status: CertificateStatus;
  /** A short English explanation when not plainly valid. */
  detail?: string;
  /** Every certificate of the chain was within its validity at the signing time. */
  isValidAtSigning: boolean;
  /** Every certificate of the chain is within its validity now. */
  isValidNow: boolean;
  certificate: CertificateSummary;
}

const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  dsaWithSha1: '1.2.840.10040.4.3',
  rsaPss: '1.2.840.113549.1.1.10',
  sha1: '1.3.14.3.2.26',
};

/** Extended key usages that allow signing documents (any other list refuses the certificate). */
const documentPurposes = new Set([
  '2.5.29.37.0', // anyExtendedKeyUsage
  '1.3.6.1.5.5.7.3.36', // id-kp-documentSigning (RFC 9336)
  '1.3.6.1.5.5.7.3.4', // emailProtection (S/MIME certificates sign documents too)
  '1.2.840.113583.1.1.5', // Adobe Authentic Documents Trust (PDF signing)
  '1.3.6.1.4.1.311.10.3.12', // Microsoft document signing
]);
const purposeNames: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
};

/** keyUsage bits (RFC 5280 4.2.1.3), as bit numbers. */
const KU = { digitalSignature: 0, nonRepudiation: 1, keyCertSign: 5 };

const toArrayBuffer = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export { parseCertificates } from '../pki/certificates';

/** The common name (CN) of a certificate's subject, or the whole subject. */
export function certificateName(cert: X509Certificate): string {
  const cn = cert.subject.split('\n').find((line) => line.startsWith('CN='));
  return cn ? cn.slice(3) : cert.subject.replace(/\n/g, ', ');
}

/** A certificate in both forms: Node's for names and dates, pkijs's for extensions and the engine. */
type Cert = { x509: X509Certificate; pkijs: pkijs.Certificate };

const parsed = new WeakMap<X509Certificate, pkijs.Certificate>();
function both(x509: X509Certificate): Cert {
  let cert = parsed.get(x509);
  if (!cert) {
    cert = pkijs.Certificate.fromBER(toArrayBuffer(x509.raw));
    parsed.set(x509, cert);
  }
  return { x509, pkijs: cert };
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

/** The keyUsage bits that are set, or undefined when the extension is absent. */
function keyUsageBits(cert: pkijs.Certificate): Set<number> | undefined {
  const ext = extension(cert, OID.keyUsage);
  if (!ext) return undefined;
  const value = ext.parsedValue as unknown;
  if (!(value instanceof asn1js.BitString)) return new Set();
  const bytes = value.valueBlock.valueHexView;
  const bits = new Set<number>();
  for (let i = 0; i < bytes.length * 8; i++) {
    if (((bytes[i >> 3] ?? 0) >> (7 - (i & 7))) & 1) bits.add(i);
  }
  return bits;
}

function isCa(cert: pkijs.Certificate): boolean {
  const value = extension(cert, OID.basicConstraints)?.parsedValue as unknown;
  return value instanceof pkijs.BasicConstraints && value.cA === true;
}

/** Why `cert` may not issue certificates, or undefined when it may. */
function issuerProblem(cert: Cert): string | undefined {
  const name = certificateName(cert.x509);
  if (!isCa(cert.pkijs))
    return `the issuer "${name}" is not a CA certificate (basicConstraints cA is not set)`;
  if (!keyUsageBits(cert.pkijs)?.has(KU.keyCertSign))
    return `the issuer "${name}" may not sign certificates (keyUsage keyCertSign is not set)`;
  return undefined;
}

/** Why `cert` may not sign documents, or undefined when it may. */
function usageProblem(cert: pkijs.Certificate): string | undefined {
  const bits = keyUsageBits(cert);
  if (!bits || !(bits.has(KU.digitalSignature) || bits.has(KU.nonRepudiation)))
    return 'the certificate is not for signing documents (keyUsage has neither digitalSignature nor nonRepudiation)';
  const eku = extension(cert, OID.extKeyUsage)?.parsedValue as unknown;
  if (eku instanceof pkijs.ExtKeyUsage) {
    if (!eku.keyPurposes.some((p) => documentPurposes.has(p))) {
      const names = eku.keyPurposes.map((p) => purposeNames[p] ?? p).join(', ');
      return `the certificate is not for signing documents: its extended key usage allows only ${names}${eku.keyPurposes.includes('1.3.6.1.5.5.7.3.1') ? ' (a web server certificate)' : ''}`;
    }
  } else if (extension(cert, OID.extKeyUsage)) {
    return 'the certificate is not for signing documents (unreadable extended key usage)';
  }
  return undefined;
}

/** Whether a certificate's own signature uses SHA-1. */
function isSignedWithSha1(cert: pkijs.Certificate): boolean {
  const alg = cert.signatureAlgorithm;
  if ([OID.sha1WithRsa, OID.ecdsaWithSha1, OID.dsaWithSha1].includes(alg.algorithmId)) return true;
  if (alg.algorithmId === OID.rsaPss) {
    try {
      const params = new pkijs.RSASSAPSSParams({ schema: alg.algorithmParams });
      return params.hashAlgorithm.algorithmId === OID.sha1;
    } catch {
      return false;
    }
  }
  return false;
}

const isWithin = (cert: X509Certificate, at: Date) =>
  at >= new Date(cert.validFrom) && at <= new Date(cert.validTo);

function summary(cert: X509Certificate): CertificateSummary {
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
  };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The likely chain of `signer` among the certificates at hand, for explaining a chain the
 * engine refused (which certificate is not a CA, expired, SHA-1): each step takes a
 * certificate whose subject issued the current one and whose key verifies its signature.
 */
function explainPath(signer: Cert, pool: Cert[], roots: Cert[]): Cert[] {
  const path = [signer];
  let current = signer;
  for (let depth = 0; depth < 10; depth++) {
    if (roots.some((r) => r.x509.fingerprint256 === current.x509.fingerprint256)) break;
    const next = [...roots, ...pool].find(
      (c) =>
        !path.includes(c) &&
        // By name, not checkIssued: OpenSSL's check already refuses an issuer without
        // keyCertSign, and this walk is to name such an issuer.
        current.x509.issuer === c.x509.subject &&
        (() => {
          try {
            return current.x509.verify(c.x509.publicKey);
          } catch {
            return false;
          }
        })(),
    );
    if (!next) break;
    path.push(next);
    current = next;
  }
  return path;
}

/**
 * Judges a signing certificate. `pool` holds the certificates the signature carries; `roots`
 * are the only trust anchors; `signingTime` is the time the signature claims (clamped to now).
 */
export async function checkCertificate(
  signer: X509Certificate,
  pool: X509Certificate[],
  roots: X509Certificate[],
  signingTime: Date,
  now = new Date(),
): Promise<CertificateVerdict> {
  const at = signingTime > now ? now : signingTime;
  const leaf = both(signer);
  const others = pool.filter((c) => c.fingerprint256 !== signer.fingerprint256).map((c) => both(c));
  const anchors = roots.map((c) => both(c));
  const base = { certificate: summary(signer) };

  const verdict = (
    status: CertificateStatus,
    path: Cert[],
    detail?: string,
  ): CertificateVerdict => ({
    ...base,
    status,
    ...(detail ? { detail } : {}),
    isValidAtSigning: path.every((c) => isWithin(c.x509, at)),
    isValidNow: path.every((c) => isWithin(c.x509, now)),
  });

  const usage = usageProblem(leaf.pkijs);
  if (usage) return verdict('wrong_usage', [leaf], usage);

  let enginePath: Cert[] | undefined;
  if (anchors.length > 0) {
    try {
      const engine = new pkijs.CertificateChainValidationEngine({
        trustedCerts: anchors.map((c) => c.pkijs),
        // The engine takes the last certificate as the one to validate.
        certs: [...others.map((c) => c.pkijs), leaf.pkijs],
        checkDate: at,
      });
      const result = await engine.verify();
      if (result.result && result.certificatePath) {
        const all = [leaf, ...others, ...anchors];
        enginePath = result.certificatePath.map(
          (p) =>
            all.find((c) => c.pkijs === p) ??
            both(new X509Certificate(Buffer.from(p.toSchema().toBER(false)))),
        );
      }
    } catch {
      enginePath = undefined;
    }
  }

  const path = enginePath ?? explainPath(leaf, others, anchors);
  // Every issuer must be a CA that may sign certificates (pkijs lets a CA without keyUsage pass).
  for (const issuer of path.slice(1)) {
    const problem = issuerProblem(issuer);
    if (problem) return verdict('bad_issuer', path, problem);
  }
  // A trust anchor's own signature proves nothing; every other signature in the chain counts.
  const isAnchor = (c: Cert) =>
    anchors.some((a) => a.x509.fingerprint256 === c.x509.fingerprint256);
  const sha1 = path.find((c) => !isAnchor(c) && isSignedWithSha1(c.pkijs));
  if (sha1)
    return verdict(
      'weak_algorithm',
      path,
      `certificate "${certificateName(sha1.x509)}" is signed with SHA-1, which is no longer accepted`,
    );
  const expired = path.find((c) => !isWithin(c.x509, at));
  if (expired)
    return verdict(
      'expired',
      path,
      `certificate "${certificateName(expired.x509)}" is valid ${day(new Date(expired.x509.validFrom))} to ${day(new Date(expired.x509.validTo))}, not at the signing time ${day(at)}`,
    );
  if (!enginePath)
    return verdict(
      'unknown_issuer',
      path,
      anchors.length === 0
        ? 'no trusted root is configured: add the issuing root certificate (e.g. OCES or MitID Erhverv) to the trusted roots'
        : 'the certificate chain does not reach a trusted root',
    );
  const result = verdict('valid', path);
  if (!result.isValidNow) {
    const lapsed = path.find((c) => !isWithin(c.x509, now));
    return {
      ...result,
      detail: `valid when signed (${day(at)}); the certificate has expired now (certificate "${certificateName(lapsed?.x509 ?? signer)}" valid to ${day(new Date((lapsed?.x509 ?? signer).validTo))})`,
    };
  }
  return result;
}
