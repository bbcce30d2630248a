/**
 * The digest and signature algorithm identifiers Referat understands, by OID, mapped to the
 * Node hash name. CMS signatures and revocation data (OCSP responses, CRLs) use the same
 * algorithms, so both read them from here.
 */

/** Digest algorithm OIDs (also the hash of an RSA-PSS parameter set). */
export const DIGEST_BY_OID: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithm OIDs (RSA PKCS#1 v1.5 and ECDSA) by the digest they sign with. */
export const SIGNATURE_DIGEST_BY_OID: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
