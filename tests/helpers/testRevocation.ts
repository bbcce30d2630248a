/**
 * Revocation data for tests, made at run time with pkijs: a CRL signed by an issuing CA (with
 * the serials it revokes) and OCSP responses (good or revoked) signed by the CA itself, as an
 * issuer answering for its own certificates may. The CA's key comes from the test PKI's folder.
 */
import { X509Certificate, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { TestPki } from './testPki';

const ab = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** The issuing CA of a test PKI: certificate (pkijs) and private key (WebCrypto). */
export interface TestIssuer {
  cert: pkijs.Certificate;
  key: webcrypto.CryptoKey;
}

function derOfPem(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

/**
 * The test PKI's issuing CA ("int", an EC P-256 key) or root ("root", RSA), for signing
 * revocation data; `certName`/`keyName` pick other files of the folder.
 */
export async function testIssuer(pki: TestPki, which: 'int' | 'root' = 'int'): Promise<TestIssuer> {
  const cert = pkijs.Certificate.fromBER(
    ab(derOfPem(readFileSync(path.join(pki.dir, `${which}.pem`), 'utf8'))),
  );
  const keyPem = readFileSync(path.join(pki.dir, `${which}.key`), 'utf8');
  const algorithm =
    which === 'int'
      ? { name: 'ECDSA', namedCurve: 'P-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const key = await webcrypto.subtle.importKey('pkcs8', derOfPem(keyPem), algorithm, false, [
    'sign',
  ]);
  return { cert, key };
}

/** A certificate (PEM) as pkijs holds it. */
export function pkijsCertificate(certPem: string): pkijs.Certificate {
  return pkijs.Certificate.fromBER(ab(new X509Certificate(certPem).raw));
}

/** A certificate's serial number as pkijs holds it. */
function serialOf(certPem: string): asn1js.Integer {
  return pkijs.Certificate.fromBER(ab(new X509Certificate(certPem).raw)).serialNumber;
}

/** A DER CRL by `issuer` revoking `revoked` (member certificates, PEM) at `revokedAt`. */
export async function makeCrl(
  issuer: TestIssuer,
  options: {
    revoked?: { certPem: string; at: Date }[];
    thisUpdate?: Date;
    /** Sign with this key instead (a CRL whose signature does not verify). */
    signingKey?: webcrypto.CryptoKey;
  } = {},
): Promise<Buffer> {
  const thisUpdate = options.thisUpdate ?? new Date();
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    issuer: issuer.cert.subject,
    thisUpdate: new pkijs.Time({ type: 1, value: thisUpdate }),
    nextUpdate: new pkijs.Time({ type: 1, value: new Date(thisUpdate.getTime() + 7 * 86_400_000) }),
  });
  if (options.revoked?.length) {
    crl.revokedCertificates = options.revoked.map(
      (r) =>
        new pkijs.RevokedCertificate({
          userCertificate: serialOf(r.certPem),
          revocationDate: new pkijs.Time({ type: 1, value: r.at }),
        }),
    );
  }
  await crl.sign(options.signingKey ?? issuer.key, 'SHA-256');
  return Buffer.from(crl.toSchema(true).toBER(false));
}

/**
 * A delegated OCSP responder: an EC key and a certificate `issuer` signs for it, with the
 * extended key usage id-kp-OCSPSigning unless `isWithoutOcspSigning`.
 */
export async function makeOcspResponder(
  issuer: TestIssuer,
  options: { isWithoutOcspSigning?: boolean } = {},
): Promise<TestIssuer> {
  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: Date.now() % 1_000_000_000 });
  cert.issuer = issuer.cert.subject;
  cert.subject.typesAndValues.push(
    new pkijs.AttributeTypeAndValue({
      type: '2.5.4.3',
      value: new asn1js.Utf8String({ value: 'Referat Test OCSP Responder' }),
    }),
  );
  cert.notBefore.value = new Date(Date.now() - 86_400_000);
  cert.notAfter.value = new Date(Date.now() + 30 * 86_400_000);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey);
  const purposes = options.isWithoutOcspSigning ? ['1.3.6.1.5.5.7.3.2'] : ['1.3.6.1.5.5.7.3.9'];
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.37',
      extnValue: new pkijs.ExtKeyUsage({ keyPurposes: purposes }).toSchema().toBER(false),
    }),
  ];
  await cert.sign(issuer.key, 'SHA-256');
  return { cert, key: keys.privateKey };
}

/**
 * A DER OCSPResponse about one member certificate, signed by `issuer` as its own responder or
 * by a delegated `responder` (whose certificate the response carries).
 */
export async function makeOcspResponse(
  issuer: TestIssuer,
  certPem: string,
  options: { revokedAt?: Date; producedAt?: Date; responder?: TestIssuer } = {},
): Promise<Buffer> {
  const producedAt = options.producedAt ?? new Date();
  const cert = pkijs.Certificate.fromBER(ab(new X509Certificate(certPem).raw));
  const certID = await pkijs.CertID.create(cert, {
    hashAlgorithm: 'SHA-1',
    issuerCertificate: issuer.cert,
  });
  const certStatus = options.revokedAt
    ? new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 1 },
        value: [new asn1js.GeneralizedTime({ valueDate: options.revokedAt })],
      })
    : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
  const basic = new pkijs.BasicOCSPResponse({
    ...(options.responder ? { certs: [options.responder.cert] } : {}),
    tbsResponseData: new pkijs.ResponseData({
      responderID: (options.responder ?? issuer).cert.subject,
      producedAt,
      responses: [new pkijs.SingleResponse({ certID, certStatus, thisUpdate: producedAt })],
    }),
  });
  await basic.sign((options.responder ?? issuer).key, 'SHA-256');
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: '1.3.6.1.5.5.7.48.1.1',
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }),
    }),
  });
  return Buffer.from(response.toSchema().toBER(false));
}
