/**
 * Reading X.509 certificates (PEM text or DER bytes). Below both signing (verifying a PDF's
 * chain) and storage (the trusted roots a user adds), so neither has to import the other.
 */
import { X509Certificate } from 'node:crypto';
import { DomainError } from '../../../common/contract/result';

/** Splits PEM text into certificates (DER bytes pass through). */
export function parseCertificates(input: string | Uint8Array): X509Certificate[] {
  try {
    if (typeof input !== 'string') return [new X509Certificate(Buffer.from(input))];
    const blocks =
      input.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0)
      throw new DomainError('invalid_input', 'trusted root: no PEM certificate found');
    return blocks.map((pem) => new X509Certificate(pem));
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('invalid_input', 'trusted root: not a valid X.509 certificate');
  }
}
