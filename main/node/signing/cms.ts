/**
 * CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached):
 * detached, SHA-256, signed attributes content-type, message-digest and signing-certificate-v2
 * (RFC 5035), and no signing-time (the time is the signature dictionary's /M).
 */
import { X509Certificate, constants, createHash, sign, verify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { DIGEST_BY_OID, SIGNATURE_DIGEST_BY_OID } from './digestOids';

export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
};

/** Which RSA padding to sign with; ignored for EC keys. RSA-PSS keys always use PSS. */
export type RsaPadding = 'pkcs1' | 'pss';

/** The signer: a private key with its certificate and the rest of the chain (DER). */
export interface CmsSigner {
  privateKey: KeyObject;
  certificate: Buffer;
  chain: Buffer[];
  rsaPadding?: RsaPadding;
}

const toArrayBuffer = (b: Uint8Array): ArrayBuffer =>
  b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

function parseCertificate(der: Buffer): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

/** signing-certificate-v2 value: SEQUENCE { SEQUENCE { ESSCertIDv2 } } with issuerSerial. */
function signingCertificateV2(certDer: Buffer, cert: pkijs.Certificate): asn1js.Sequence {
  const certHash = createHash('sha256').update(certDer).digest();
  const issuerSerial = new asn1js.Sequence({
    value: [
      // GeneralNames with one directoryName [4] EXPLICIT Name.
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [cert.issuer.toSchema()],
          }),
        ],
      }),
      new asn1js.Integer({ valueHex: toArrayBuffer(cert.serialNumber.valueBlock.valueHexView) }),
    ],
  });
  // hashAlgorithm is omitted: SHA-256 is the DEFAULT, and DER leaves defaults out.
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function algorithmFor(signer: CmsSigner): { id: pkijs.AlgorithmIdentifier; isPss: boolean } {
  const type = signer.privateKey.asymmetricKeyType;
  if (type === 'ec')
    return {
      id: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.ecdsaWithSha256 }),
      isPss: false,
    };
  const isPss = type === 'rsa-pss' || (type === 'rsa' && signer.rsaPadding === 'pss');
  if (isPss) {
    const sha256 = new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 });
    const params = new pkijs.RSASSAPSSParams({
      hashAlgorithm: sha256,
      maskGenAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OIDS.mgf1,
        algorithmParams: sha256.toSchema(),
      }),
      saltLength: 32,
    });
    return {
      id: new pkijs.AlgorithmIdentifier({
        algorithmId: OIDS.rsaPss,
        algorithmParams: params.toSchema(),
      }),
      isPss,
    };
  }
  if (type !== 'rsa') throw new Error(`unsupported key type ${type ?? 'unknown'}`);
  return {
    id: new pkijs.AlgorithmIdentifier({
      algorithmId: OIDS.rsaEncryption,
      algorithmParams: new asn1js.Null(),
    }),
    isPss,
  };
}

/** Builds a detached CMS SignedData over content whose SHA-256 digest is `digest`. */
export function createCms(digest: Buffer, signer: CmsSigner): Buffer {
  const cert = parseCertificate(signer.certificate);
  const attribute = (type: string, value: asn1js.AsnType) =>
    new pkijs.Attribute({ type, values: [value] });
  const attributes = [
    attribute(OIDS.contentType, new asn1js.ObjectIdentifier({ value: OIDS.data })),
    attribute(OIDS.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })),
    attribute(OIDS.signingCertificateV2, signingCertificateV2(signer.certificate, cert)),
  ];
  // DER orders the SET OF attributes by their encodings.
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER(false)) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: encoded.map((e) => e.a),
  });
  const toSign = Buffer.from(signedAttrs.toSchema().toBER(false));
  toSign[0] = 0x31; // signed over as a SET OF, not as the [0] IMPLICIT it is stored with

  const { id: signatureAlgorithm, isPss } = algorithmFor(signer);
  const signature = isPss
    ? sign('sha256', toSign, {
        key: signer.privateKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: 32,
      })
    : sign('sha256', toSign, signer.privateKey);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 }),
    signedAttrs,
    signatureAlgorithm,
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  const others = signer.chain.filter((c) => !c.equals(signer.certificate));
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OIDS.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OIDS.data }),
    certificates: [cert, ...others.map(parseCertificate)],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OIDS.signedData,
    content: signedData.toSchema(true),
  });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

/** What a CMS signature says, checked against the digest of the signed bytes. */
export interface CmsCheck {
  /** The signer's certificate, when the CMS holds it. */
  signer?: X509Certificate;
  /** Every certificate the CMS carries. */
  certificates: X509Certificate[];
  /** The message-digest attribute equals the digest of the signed bytes. */
  isDigestMatch: boolean;
  /** The signature over the signed attributes verifies with the signer's public key. */
  isSignatureValid: boolean;
  /** Why the CMS could not be checked, when it could not. */
  problem?: string;
  hasSigningTimeAttribute: boolean;
  /** The signing-time attribute's value, when the signer wrote one (claimed, not trusted). */
  signingTime?: Date;
  hasSigningCertificateV2: boolean;
  /** A digest too weak to prove anything (SHA-1) used for the content or the signature. */
  weakAlgorithm?: 'SHA-1';
}

/**
 * Parses a DER CMS (trailing zero padding allowed) and checks it against the signed content,
 * given as the parts of a byte range.
 */
export function checkCms(
  cmsBytes: Buffer,
  content: Buffer[],
  shared: {
    /** The SHA-256 of the content when the caller has it already. */
    sha256?: Buffer;
    /** X509Certificate objects by signature value: the chain repeats in every signature of a file. */
    certCache?: Map<string, X509Certificate>;
  } = {},
): CmsCheck {
  const empty: CmsCheck = {
    certificates: [],
    isDigestMatch: false,
    isSignatureValid: false,
    hasSigningTimeAttribute: false,
    hasSigningCertificateV2: false,
  };
  let signedData: pkijs.SignedData;
  try {
    const asn = asn1js.fromBER(toArrayBuffer(cmsBytes));
    if (asn.offset === -1) return { ...empty, problem: 'the signature is not valid DER' };
    const contentInfo = new pkijs.ContentInfo({ schema: asn.result });
    if (contentInfo.contentType !== OIDS.signedData)
      return { ...empty, problem: 'not a CMS SignedData' };
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return { ...empty, problem: 'the signature cannot be parsed' };
  }
  const certificates: X509Certificate[] = [];
  const certMap: { pkijs: pkijs.Certificate; x509: X509Certificate }[] = [];
  for (const item of signedData.certificates ?? []) {
    if (!(item instanceof pkijs.Certificate)) continue;
    const key = Buffer.from(item.signatureValue.valueBlock.valueHexView).toString('base64');
    let x509 = shared.certCache?.get(key);
    if (!x509) {
      x509 = new X509Certificate(Buffer.from(item.toSchema().toBER(false)));
      shared.certCache?.set(key, x509);
    }
    certificates.push(x509);
    certMap.push({ pkijs: item, x509 });
  }
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) return { ...empty, certificates, problem: 'no signer' };
  let signer: X509Certificate | undefined;
  const sid = signerInfo.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    signer = certMap.find(
      (c) => c.pkijs.issuer.isEqual(sid.issuer) && c.pkijs.serialNumber.isEqual(sid.serialNumber),
    )?.x509;
  } else {
    const keyId = Buffer.from(
      (sid as asn1js.Primitive).valueBlock?.valueHexView ?? new Uint8Array(),
    );
    signer = certMap.find((c) => {
      const ski = c.pkijs.extensions?.find((e) => e.extnID === '2.5.29.14');
      return (
        ski &&
        Buffer.from((ski.parsedValue as asn1js.OctetString).valueBlock.valueHexView).equals(keyId)
      );
    })?.x509;
  }
  const base = { ...empty, certificates, ...(signer ? { signer } : {}) };
  const digestName = DIGEST_BY_OID[signerInfo.digestAlgorithm.algorithmId];
  if (!digestName)
    return { ...base, problem: `unsupported digest ${signerInfo.digestAlgorithm.algorithmId}` };
  let contentDigest: Buffer;
  if (digestName === 'sha256' && shared.sha256) contentDigest = shared.sha256;
  else {
    const hash = createHash(digestName);
    for (const part of content) hash.update(part);
    contentDigest = hash.digest();
  }
  const attrs = signerInfo.signedAttrs?.attributes ?? [];
  const find = (oid: string) => attrs.find((a) => a.type === oid);
  const md = find(OIDS.messageDigest)?.values[0];
  const isDigestMatch =
    md instanceof asn1js.OctetString &&
    Buffer.from(md.valueBlock.valueHexView).equals(contentDigest);
  const timeValue = find(OIDS.signingTime)?.values[0] as unknown;
  const signingTime =
    timeValue instanceof asn1js.UTCTime || timeValue instanceof asn1js.GeneralizedTime
      ? timeValue.toDate()
      : undefined;
  const result: CmsCheck = {
    ...base,
    isDigestMatch,
    hasSigningTimeAttribute: find(OIDS.signingTime) !== undefined,
    ...(signingTime && !Number.isNaN(signingTime.getTime()) ? { signingTime } : {}),
    hasSigningCertificateV2: find(OIDS.signingCertificateV2) !== undefined,
    ...(digestName === 'sha1' ? { weakAlgorithm: 'SHA-1' as const } : {}),
  };
  if (!signer) return { ...result, problem: 'the signer certificate is missing' };
  if (!signerInfo.signedAttrs) return { ...result, problem: 'no signed attributes' };
  // Verify over the attributes exactly as they were encoded, re-tagged as a SET OF.
  const signed = Buffer.from(signerInfo.signedAttrs.encodedValue);
  signed[0] = 0x31;
  const signatureValue = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  const algorithm = signerInfo.signatureAlgorithm;
  let isSignatureValid = false;
  try {
    if (algorithm.algorithmId === OIDS.rsaPss) {
      const params = new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams });
      const pssHash = DIGEST_BY_OID[params.hashAlgorithm.algorithmId] ?? 'sha1';
      if (pssHash === 'sha1') result.weakAlgorithm = 'SHA-1';
      isSignatureValid = verify(
        pssHash,
        signed,
        {
          key: signer.publicKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: params.saltLength,
        },
        signatureValue,
      );
    } else {
      const sigHash =
        algorithm.algorithmId === OIDS.rsaEncryption
          ? digestName
          : SIGNATURE_DIGEST_BY_OID[algorithm.algorithmId];
      if (!sigHash)
        return { ...result, problem: `unsupported signature algorithm ${algorithm.algorithmId}` };
      if (sigHash === 'sha1') result.weakAlgorithm = 'SHA-1';
      isSignatureValid = verify(sigHash, signed, signer.publicKey, signatureValue);
    }
  } catch {
    isSignatureValid = false;
  }
  return { ...result, isSignatureValid };
}
