/**
 * RC2-CBC decryption (RFC 2268), only for reading legacy PKCS#12 files: OpenSSL before 3.0 and
 * many Windows exports encrypt the certificate bags with pbeWithSHAAnd40BitRC2-CBC, and the
 * OpenSSL 3 that Node links has RC2 only in its "legacy" provider, which Node does not load.
 */

/** PITABLE of RFC 2268 section 2: a permutation of 0..255 derived from the digits of pi. */
const PITABLE = Buffer.from(
  'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2' +
    '179a59f587b34f1361456d8d09817d32bd8f40eb86b77b0bf09521225c6b4e82' +
    '54d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626' +
    '6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed7' +
    '08e8eade8052eef784aa72ac354d6a2a961ad2715a1549744b9fd05e0418a4ec' +
    'c2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
    '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a9' +
    '0d38341bab33ffb0bb480c5fb9b1cd2ec5f3db47e5a59c770aa62068fe7fc1ad',
  'hex',
);

/** Key expansion (RFC 2268 section 2) to 64 16-bit words. */
function expandKey(key: Buffer, effectiveBits: number): Uint16Array {
  const L = new Uint8Array(128);
  L.set(key);
  const T = key.length;
  const T8 = Math.ceil(effectiveBits / 8);
  const TM = 0xff >> (8 * T8 - effectiveBits);
  for (let i = T; i < 128; i++)
    L[i] = PITABLE[((L[i - 1] as number) + (L[i - T] as number)) & 0xff] as number;
  L[128 - T8] = PITABLE[(L[128 - T8] as number) & TM] as number;
  for (let i = 127 - T8; i >= 0; i--)
    L[i] = PITABLE[(L[i + 1] as number) ^ (L[i + T8] as number)] as number;
  const K = new Uint16Array(64);
  for (let i = 0; i < 64; i++) K[i] = (L[2 * i] as number) | ((L[2 * i + 1] as number) << 8);
  return K;
}

const ror = (x: number, s: number) => ((x >>> s) | (x << (16 - s))) & 0xffff;

function decryptBlock(K: Uint16Array, block: Uint8Array, out: Uint8Array): void {
  const R = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) R[i] = (block[2 * i] as number) | ((block[2 * i + 1] as number) << 8);
  const k = (i: number) => K[i] as number;
  const r = (i: number) => R[i & 3] as number;
  const shifts = [1, 2, 3, 5];
  let j = 63;
  const rMix = () => {
    for (let i = 3; i >= 0; i--) {
      const v = ror(r(i), shifts[i] as number);
      R[i] = (v - k(j) - (r(i - 1 + 4) & r(i - 2 + 4)) - (~r(i - 1 + 4) & r(i - 3 + 4))) & 0xffff;
      j--;
    }
  };
  const rMash = () => {
    for (let i = 3; i >= 0; i--) R[i] = (r(i) - k(r(i - 1 + 4) & 63)) & 0xffff;
  };
  for (let n = 0; n < 5; n++) rMix();
  rMash();
  for (let n = 0; n < 6; n++) rMix();
  rMash();
  for (let n = 0; n < 5; n++) rMix();
  for (let i = 0; i < 4; i++) {
    out[2 * i] = (R[i] as number) & 0xff;
    out[2 * i + 1] = (R[i] as number) >> 8;
  }
}

/** Decrypts RC2-CBC with PKCS#5 padding; throws on bad padding (a wrong password). */
export function rc2CbcDecrypt(
  data: Buffer,
  key: Buffer,
  iv: Buffer,
  effectiveBits: number,
): Buffer {
  if (data.length === 0 || data.length % 8 !== 0) throw new Error('bad decrypt: length');
  const K = expandKey(key, effectiveBits);
  const out = Buffer.alloc(data.length);
  let prev: Uint8Array = iv;
  const plain = new Uint8Array(8);
  for (let off = 0; off < data.length; off += 8) {
    const block = data.subarray(off, off + 8);
    decryptBlock(K, block, plain);
    for (let i = 0; i < 8; i++) out[off + i] = (plain[i] as number) ^ (prev[i] as number);
    prev = block;
  }
  const pad = out[out.length - 1] as number;
  if (pad < 1 || pad > 8) throw new Error('bad decrypt: padding');
  for (let i = out.length - pad; i < out.length; i++)
    if (out[i] !== pad) throw new Error('bad decrypt: padding');
  return out.subarray(0, out.length - pad);
}
