/**
 * A signer outside the app, as a member's own PAdES tool would be: the key and certificates are
 * taken from the PKCS#12 file with the openssl CLI (not the app's PKCS#12 reader) and the CMS
 * is made by pkijs's own SignedData.sign over WebCrypto (not the app's createCms), with the
 * signing time as a signed attribute as Acrobat writes it. Only the PDF's incremental update
 * reuses the app's writer. `hash: 'SHA-1'` makes the weak signature a verifier must refuse.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  byteRangeContent,
  embedSignature,
  prepareSignature,
} from '../../main/node/signing/pdfIncremental';

/** Options of {@link signExternally}. */
export interface ExternalSignOptions {
  p12Path: string;
  password: string;
  /** Digest of the signature; default SHA-256. */
  hash?: 'SHA-256' | 'SHA-1';
  reason?: string;
  /** /M and the signing-time attribute; default now. */
  date?: Date;
}

const toArrayBuffer = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
};

function pemBlocks(text: string, label: string): Buffer[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map((m) => Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64'));
}

/** Signs `pdf` with one more PAdES signature, made without the app's CMS or PKCS#12 code. */
export async function signExternally(pdf: Buffer, options: ExternalSignOptions): Promise<Buffer> {
  const env = { ...process.env, P12PASS: options.password };
  const read = (args: string[]) =>
    execFileSync(
      'openssl',
      ['pkcs12', '-in', options.p12Path, '-passin', 'env:P12PASS', '-nodes', ...args],
      {
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  const keyDer = pemBlocks(read(['-nocerts']), 'PRIVATE KEY')[0];
  const certDers = pemBlocks(read(['-nokeys', '-clcerts']), 'CERTIFICATE');
  const caDers = pemBlocks(read(['-nokeys', '-cacerts']), 'CERTIFICATE');
  const signerDer = certDers[0];
  if (!keyDer || !signerDer) throw new Error('no key or certificate in the PKCS#12 file');
  const hash = options.hash ?? 'SHA-256';
  const isEc = new X509Certificate(signerDer).publicKey.asymmetricKeyType === 'ec';
  const algorithm = isEc
    ? { name: 'ECDSA', namedCurve: 'P-256' }
    : { name: 'RSASSA-PKCS1-v1_5', hash };
  const privateKey = await webcrypto.subtle.importKey('pkcs8', keyDer, algorithm, false, ['sign']);

  const date = options.date ?? new Date();
  const prepared = prepareSignature(pdf, {
    contentsSize: 16_384,
    date,
    name: new X509Certificate(signerDer).subject.match(/CN=(.*)/)?.[1] ?? 'External',
    reason: options.reason ?? 'Godkendt',
  });
  const digest = createHash(hash === 'SHA-1' ? 'sha1' : 'sha256');
  for (const part of byteRangeContent(prepared.bytes, prepared.byteRange)) digest.update(part);

  const signer = pkijs.Certificate.fromBER(toArrayBuffer(signerDer));
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.issuer,
          serialNumber: signer.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: OID.contentType,
              values: [new asn1js.ObjectIdentifier({ value: OID.data })],
            }),
            new pkijs.Attribute({
              type: OID.signingTime,
              values: [new asn1js.UTCTime({ valueDate: date })],
            }),
            new pkijs.Attribute({
              type: OID.messageDigest,
              values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest.digest()) })],
            }),
          ],
        }),
      }),
    ],
    certificates: [signer, ...caDers.map((der) => pkijs.Certificate.fromBER(toArrayBuffer(der)))],
  });
  await signedData.sign(privateKey, 0, hash);
  const cms = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return embedSignature(prepared, Buffer.from(cms.toSchema().toBER(false)));
}
