/**
 * Reading a PKCS#12 (.p12/.pfx) file: the private key and the certificate chain.
 *
 * The structures (PFX → AuthenticatedSafe → SafeContents → bags) are parsed with pkijs/asn1js;
 * the password-based cryptography runs on Node's crypto: PBES2 (PBKDF2 + AES-CBC or 3DES, as
 * OpenSSL 3 writes by default) and the legacy PKCS#12 PBE with SHA-1 and 3DES or RC2. The integrity MAC
 * is checked first, so a wrong password is reported as such. The password is never stored, logged
 * or included in an error message.
 */
import {
  X509Certificate,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  hash as oneShotHash,
  pbkdf2Sync,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { DomainError } from '../../../common/contract/result';
import { rc2CbcDecrypt } from './rc2';

/** The key and certificates read from a PKCS#12 file. */
export interface P12Identity {
  privateKey: KeyObject;
  /** The signer's certificate (the one matching the private key), DER. */
  certificate: Buffer;
  /** The signer's certificate first, then its issuers as far as the file holds them, DER. */
  chain: Buffer[];
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbeSha1TripleDes: '1.2.840.113549.1.12.1.3',
  pbeSha1TwoKeyTripleDes: '1.2.840.113549.1.12.1.4',
  pbeSha1Rc2128: '1.2.840.113549.1.12.1.5',
  pbeSha1Rc240: '1.2.840.113549.1.12.1.6',
};

const HASHES: Record<string, { name: string; blockSize: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', blockSize: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', blockSize: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', blockSize: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', blockSize: 128 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', blockSize: 64 },
};
const HMAC_PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

export const WRONG_PASSWORD_MESSAGE =
  'Forkert adgangskode til certifikatet / The certificate password is wrong';

/**
 * The most key-derivation iterations accepted. Exports use 2048 (OpenSSL) to a few hundred
 * thousand (strict PBKDF2 settings); a file asking for more would keep the app busy for
 * minutes, so it is refused with a clear message instead.
 */
export const MAX_P12_ITERATIONS = 1_000_000;

/** The iteration count of a PKCS#12 key derivation, refused when absurd. */
function checkIterations(count: unknown): number {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1)
    throw invalidFile('the key-derivation iteration count is not a positive number');
  if (count > MAX_P12_ITERATIONS)
    throw new DomainError(
      'invalid_input',
      `Certifikatfilen beder om ${count} iterationer; højst ${MAX_P12_ITERATIONS} godtages. Eksportér certifikatet igen / The certificate file asks for ${count} key-derivation iterations; at most ${MAX_P12_ITERATIONS} are accepted. Export the certificate again.`,
      { key: 'signing.p12Iterations', values: { count, max: MAX_P12_ITERATIONS } },
    );
  return count;
}

function invalidFile(detail: string): DomainError {
  return new DomainError(
    'invalid_input',
    `Certifikatfilen kan ikke læses / The certificate file cannot be read: ${detail}`,
  );
}

function parse(der: ArrayBuffer | Uint8Array, what: string): asn1js.AsnType {
  const result = asn1js.fromBER(der);
  if (result.offset === -1) throw invalidFile(`${what} is not valid DER`);
  return result.result;
}

/** The bytes of an OCTET STRING, also when BER splits it into constructed pieces. */
function octets(value: unknown): Buffer {
  if (value instanceof asn1js.OctetString) {
    if (value.valueBlock.isConstructed) {
      return Buffer.concat(value.valueBlock.value.map((part) => octets(part)));
    }
    return Buffer.from(value.valueBlock.valueHexView);
  }
  // A context-tagged [0] IMPLICIT OCTET STRING comes back as Constructed or Primitive.
  if (value instanceof asn1js.Constructed) {
    return Buffer.concat(value.valueBlock.value.map((part) => octets(part)));
  }
  if (value instanceof asn1js.Primitive) return Buffer.from(value.valueBlock.valueHexView);
  throw invalidFile('expected an OCTET STRING');
}

/** PKCS#12 key derivation (RFC 7292 appendix B.2). */
export function pkcs12Kdf(
  password: string,
  salt: Buffer,
  id: number,
  iterations: number,
  length: number,
  hash: { name: string; blockSize: number },
): Buffer {
  const v = hash.blockSize;
  // The password as a BMPString with a terminating NUL.
  const pw = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) pw.writeUInt16BE(password.charCodeAt(i), i * 2);
  const fill = (src: Buffer) => {
    if (src.length === 0) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length] as number;
    return out;
  };
  const D = Buffer.alloc(v, id);
  const I = Buffer.concat([fill(salt), fill(pw)]);
  const out: Buffer[] = [];
  let produced = 0;
  while (produced < length) {
    // One-shot hashing: thousands of iterations are the cost of reading a p12.
    let A: Buffer = oneShotHash(hash.name, Buffer.concat([D, I]), 'buffer');
    for (let r = 1; r < iterations; r++) A = oneShotHash(hash.name, A, 'buffer');
    out.push(A);
    produced += A.length;
    if (produced >= length) break;
    const B = fill(A);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (I[j + k] as number) + (B[k] as number) + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}

/** Decrypts PBES2 or PKCS#12-PBE protected bytes; a padding failure means a wrong password. */
function decrypt(algorithm: pkijs.AlgorithmIdentifier, data: Buffer, password: string): Buffer {
  const params = algorithm.algorithmParams as asn1js.AsnType | undefined;
  try {
    if (algorithm.algorithmId === OID.pbes2) {
      const pbes2 = new pkijs.PBES2Params({ schema: params });
      if (pbes2.keyDerivationFunc.algorithmId !== OID.pbkdf2)
        throw invalidFile('unsupported key derivation');
      const kdf = new pkijs.PBKDF2Params({ schema: pbes2.keyDerivationFunc.algorithmParams });
      const cipher = CIPHERS[pbes2.encryptionScheme.algorithmId];
      if (!cipher) throw invalidFile(`unsupported cipher ${pbes2.encryptionScheme.algorithmId}`);
      const prf = kdf.prf ? HMAC_PRFS[kdf.prf.algorithmId] : 'sha1';
      if (!prf) throw invalidFile('unsupported PBKDF2 hash');
      const salt = octets(kdf.salt);
      const iv = octets(pbes2.encryptionScheme.algorithmParams);
      const key = pbkdf2Sync(
        Buffer.from(password, 'utf8'),
        salt,
        checkIterations(kdf.iterationCount),
        cipher.keyLength,
        prf,
      );
      const decipher = createDecipheriv(cipher.name, key, iv);
      return Buffer.concat([decipher.update(data), decipher.final()]);
    }
    if (
      algorithm.algorithmId === OID.pbeSha1TripleDes ||
      algorithm.algorithmId === OID.pbeSha1TwoKeyTripleDes
    ) {
      const seq = params as asn1js.Sequence;
      const salt = octets(seq.valueBlock.value[0]);
      const iterations = checkIterations(
        (seq.valueBlock.value[1] as asn1js.Integer).valueBlock.valueDec,
      );
      const sha1 = HASHES['1.3.14.3.2.26'] as { name: string; blockSize: number };
      let key = pkcs12Kdf(password, salt, 1, iterations, 24, sha1);
      if (algorithm.algorithmId === OID.pbeSha1TwoKeyTripleDes) {
        key = Buffer.concat([key.subarray(0, 16), key.subarray(0, 8)]);
      }
      const iv = pkcs12Kdf(password, salt, 2, iterations, 8, sha1);
      const decipher = createDecipheriv('des-ede3-cbc', key, iv);
      return Buffer.concat([decipher.update(data), decipher.final()]);
    }
    if (algorithm.algorithmId === OID.pbeSha1Rc240 || algorithm.algorithmId === OID.pbeSha1Rc2128) {
      const seq = params as asn1js.Sequence;
      const salt = octets(seq.valueBlock.value[0]);
      const iterations = checkIterations(
        (seq.valueBlock.value[1] as asn1js.Integer).valueBlock.valueDec,
      );
      const sha1 = HASHES['1.3.14.3.2.26'] as { name: string; blockSize: number };
      const bits = algorithm.algorithmId === OID.pbeSha1Rc240 ? 40 : 128;
      const key = pkcs12Kdf(password, salt, 1, iterations, bits / 8, sha1);
      const iv = pkcs12Kdf(password, salt, 2, iterations, 8, sha1);
      return rc2CbcDecrypt(data, key, iv, bits);
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    // "bad decrypt": the padding did not check out, which is what a wrong password produces.
    throw new DomainError('invalid_input', WRONG_PASSWORD_MESSAGE);
  }
  throw invalidFile(
    `unsupported encryption ${algorithm.algorithmId}; export the certificate again with AES (openssl pkcs12 -export)`,
  );
}

/** Verifies the PKCS#12 integrity MAC; a mismatch means a wrong password. */
function checkMac(pfx: pkijs.PFX, authSafe: Buffer, password: string): void {
  const macData = pfx.macData;
  if (!macData) return;
  const hash = HASHES[macData.mac.digestAlgorithm.algorithmId];
  if (!hash) throw invalidFile(`unsupported MAC hash ${macData.mac.digestAlgorithm.algorithmId}`);
  const salt = Buffer.from(macData.macSalt.valueBlock.valueHexView);
  const expected = Buffer.from(macData.mac.digest.valueBlock.valueHexView);
  const digestLength = createHash(hash.name).digest().length;
  const key = pkcs12Kdf(
    password,
    salt,
    3,
    checkIterations(macData.iterations ?? 1),
    digestLength,
    hash,
  );
  const actual = createHmac(hash.name, key).update(authSafe).digest();
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new DomainError('invalid_input', WRONG_PASSWORD_MESSAGE);
  }
}

/** Reads the signing key and certificates from a PKCS#12 file. */
export function readP12(p12: Uint8Array, password: string): P12Identity {
  let pfx: pkijs.PFX;
  try {
    pfx = new pkijs.PFX({ schema: parse(p12, 'the file') });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw invalidFile('it is not a PKCS#12 (.p12/.pfx) file');
  }
  if (pfx.authSafe.contentType !== OID.data)
    throw invalidFile('public-key integrity mode is not supported');
  const authSafeBytes = octets(pfx.authSafe.content);
  checkMac(pfx, authSafeBytes, password);

  const authSafe = parse(authSafeBytes, 'the authenticated safe') as asn1js.Sequence;
  const keys: Buffer[] = [];
  const certs: Buffer[] = [];
  for (const item of authSafe.valueBlock.value) {
    const info = new pkijs.ContentInfo({ schema: item });
    let safeContentsBytes: Buffer;
    if (info.contentType === OID.data) safeContentsBytes = octets(info.content);
    else if (info.contentType === OID.encryptedData) {
      const encrypted = new pkijs.EncryptedData({ schema: info.content });
      const eci = encrypted.encryptedContentInfo;
      if (!eci.encryptedContent) continue;
      safeContentsBytes = decrypt(
        eci.contentEncryptionAlgorithm,
        octets(eci.encryptedContent),
        password,
      );
    } else continue;
    const safeContents = parse(safeContentsBytes, 'a safe') as asn1js.Sequence;
    for (const bagSchema of safeContents.valueBlock.value) {
      const bag = bagSchema as asn1js.Sequence;
      const bagId = (bag.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
      const value = (bag.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0];
      if (!value) continue;
      if (bagId === OID.shroudedKeyBag) {
        const seq = value as asn1js.Sequence;
        const algorithm = new pkijs.AlgorithmIdentifier({ schema: seq.valueBlock.value[0] });
        keys.push(decrypt(algorithm, octets(seq.valueBlock.value[1]), password));
      } else if (bagId === OID.keyBag) {
        keys.push(Buffer.from(value.toBER(false)));
      } else if (bagId === OID.certBag) {
        const seq = value as asn1js.Sequence;
        const certId = (seq.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
        const certValue = (seq.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0];
        if (certId === OID.x509Certificate && certValue) certs.push(octets(certValue));
      }
    }
  }
  if (keys.length === 0) throw invalidFile('it holds no private key');
  if (certs.length === 0) throw invalidFile('it holds no certificate');

  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: keys[0] as Buffer, format: 'der', type: 'pkcs8' });
  } catch {
    // Without a MAC a wrong password can decrypt to garbage with valid-looking padding.
    throw new DomainError('invalid_input', WRONG_PASSWORD_MESSAGE);
  }
  const publicDer = (k: KeyObject) => k.export({ type: 'spki', format: 'der' });
  const keySpki = publicDer(createPublicKey(privateKey));
  const x509 = certs.map((der) => ({ der, cert: new X509Certificate(der) }));
  const signer = x509.find(({ cert }) => publicDer(cert.publicKey).equals(keySpki));
  if (!signer) throw invalidFile('no certificate matches the private key');

  // Order the chain: signer, its issuer, that one's issuer...
  const chain = [signer];
  for (let current = signer; chain.length < x509.length;) {
    const issuer = x509.find(
      (c) =>
        !chain.includes(c) &&
        current.cert.checkIssued(c.cert) &&
        current.cert.verify(c.cert.publicKey),
    );
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  // Certificates outside that order still travel with the signature: a verifier judges them
  // (and can name an issuer that is not a CA) rather than never seeing them.
  chain.push(...x509.filter((c) => !chain.includes(c)));
  return { privateKey, certificate: signer.der, chain: chain.map((c) => c.der) };
}
