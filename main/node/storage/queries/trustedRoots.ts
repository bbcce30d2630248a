/**
 * Trusted root certificates for signature verification, kept in the library's settings as a
 * JSON list of PEM texts so they travel with the library. They are the only trust anchors (no
 * built-in list). Only CA certificates are accepted.
 */
import { X509Certificate } from 'node:crypto';
import type { TrustedRoot } from '../../../../common/contract/api';
import { DomainError } from '../../../../common/contract/result';
import { writeTransaction, type ReadDb } from '../library';
import { getSetting, setSetting } from './settings';

const settingKey = 'signing.trustedRoots';
/** More would only slow every verification down; a municipality needs a handful. */
const maxRoots = 200;

function storedPems(db: ReadDb): string[] {
  const raw = getSetting(db, settingKey);
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The certificates of a PEM text. Parsed here, not with the signing code, so that storage does
 * not depend on signing. @throws DomainError invalid_input
 */
function parsePemCertificates(pemText: string): X509Certificate[] {
  const blocks =
    pemText.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new DomainError('invalid_input', 'pem: no PEM certificate found');
  return blocks.map((pem) => {
    try {
      return new X509Certificate(pem);
    } catch {
      throw new DomainError('invalid_input', 'pem: not a valid X.509 certificate');
    }
  });
}

function describe(pem: string): TrustedRoot {
  const cert = new X509Certificate(pem);
  return {
    fingerprint256: cert.fingerprint256,
    subject: cert.subject.replace(/\n/g, ', '),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    pem: cert.toString(),
  };
}

/** The trusted roots of this library, in the order they were added. */
export function listTrustedRoots(db: ReadDb): TrustedRoot[] {
  return storedPems(db).flatMap((pem) => {
    try {
      return [describe(pem)];
    } catch {
      return [];
    }
  });
}

/** The PEM texts, for verifyPdf's `trustedRoots`. */
export function trustedRootPems(db: ReadDb): string[] {
  return listTrustedRoots(db).map((root) => root.pem);
}

/**
 * Adds the CA certificates of a PEM text (one or more); ones already trusted are skipped.
 * @throws DomainError invalid_input (no certificate, not a CA certificate), too_large
 */
export function addTrustedRoots(db: ReadDb, pemText: string): TrustedRoot[] {
  const certs = parsePemCertificates(pemText);
  const notCa = certs.find((cert) => !cert.ca);
  if (notCa) {
    throw new DomainError(
      'invalid_input',
      `pem: "${notCa.subject.replace(/\n/g, ', ')}" is not a CA certificate; add the issuing root instead.`,
    );
  }
  return writeTransaction(db, (db) => {
    const current = listTrustedRoots(db);
    const known = new Set(current.map((root) => root.fingerprint256));
    const added = certs.filter(
      (cert) => !known.has(cert.fingerprint256) && known.add(cert.fingerprint256),
    );
    const pems = [...current.map((root) => root.pem), ...added.map((cert) => cert.toString())];
    if (pems.length > maxRoots)
      throw new DomainError('too_large', `At most ${maxRoots} trusted roots.`);
    setSetting(db, settingKey, JSON.stringify(pems));
    return listTrustedRoots(db);
  });
}

/** Removes a trusted root by its SHA-256 fingerprint. @throws DomainError not_found */
export function removeTrustedRoot(db: ReadDb, fingerprint256: string): TrustedRoot[] {
  return writeTransaction(db, (db) => {
    const current = listTrustedRoots(db);
    const kept = current.filter((root) => root.fingerprint256 !== fingerprint256);
    if (kept.length === current.length)
      throw new DomainError('not_found', `No trusted root with fingerprint ${fingerprint256}.`);
    setSetting(db, settingKey, JSON.stringify(kept.map((root) => root.pem)));
    return kept;
  });
}
