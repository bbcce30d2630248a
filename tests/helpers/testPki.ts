/**
 * A throw-away PKI for signing tests, made at run time with the openssl CLI: a root CA, an
 * intermediate CA (as OCES has) and member certificates exported as PKCS#12 files. No private
 * key is ever committed; everything lives in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type KeyKind = 'rsa' | 'ec' | 'rsa-pss';

/** A member certificate with its PKCS#12 file. */
export interface TestMember {
  name: string;
  password: string;
  p12: Buffer;
  p12Path: string;
  certPem: string;
  /** The member's certificate followed by its issuers up to the root (PEM). */
  chainPem: string;
  /** The private key (PEM, unencrypted), kept only with `isKeyKept`. */
  keyPem?: string;
  /** The key file in the PKI's folder, kept only with `isKeyKept` (to issue with, see `issuer`). */
  keyPath?: string;
}

export interface MemberOptions {
  key?: KeyKind;
  /** openssl date `YYYYMMDDHHMMSSZ`; default yesterday. */
  notBefore?: string;
  /** default in a year. */
  notAfter?: string;
  /** p12 encryption: OpenSSL 3's default (PBES2/AES-256) or legacy SHA1-3DES. */
  p12Format?: 'aes' | 'legacy-3des' | 'legacy-rc2';
  /**
   * What the certificate may be used for: a member's signing certificate (default:
   * digitalSignature and nonRepudiation, not a CA), a web server's (digitalSignature and
   * keyEncipherment, extended key usage serverAuth only), or a certificate that claims to be a
   * CA without keyCertSign.
   */
  profile?: 'member' | 'server' | 'ca-without-keycertsign';
  /**
   * Issue the certificate under this member's certificate instead of the issuing CA (a chain
   * through a certificate that is not a CA); that member must have been made with `isKeyKept`.
   */
  issuer?: TestMember;
  /** Keep the private key (keyPem, keyPath); default it is deleted once the p12 is written. */
  isKeyKept?: boolean;
  /** Digest of the issuer's signature on the certificate; default sha256. */
  md?: 'sha256' | 'sha1';
}

export interface TestPki {
  dir: string;
  rootPem: string;
  rootPath: string;
  intermediatePem: string;
  makeMember(name: string, options?: MemberOptions): TestMember;
  dispose(): void;
}

function openssl(args: string[], cwd: string, env: Record<string, string> = {}): void {
  execFileSync('openssl', args, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
}

function keyArgs(kind: KeyKind): string[] {
  if (kind === 'ec') return ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  if (kind === 'rsa-pss') return ['-newkey', 'rsa-pss', '-pkeyopt', 'rsa_keygen_bits:2048'];
  return ['-newkey', 'rsa:2048'];
}

const opensslDate = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';

/** Makes a root CA and an intermediate CA in a new temporary folder. */
export function createTestPki(prefix = 'referat-pki-'): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const config = `
[ca]
default_ca = ca_default
[ca_default]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
[policy_any]
commonName = supplied
organizationName = optional
countryName = optional
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ext_ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ext_member]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ext_server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ext_ca_without_keycertsign]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;
  writeFileSync(path.join(dir, 'ca.cnf'), config);
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(
    path.join(dir, 'serial'),
    randomBytes(8).toString('hex').toUpperCase().replace(/^./, '1') + '\n',
  );
  mkdirSync(path.join(dir, 'newcerts'));
  const now = Date.now();
  const day = 86_400_000;

  // Root CA (self-signed), valid from 2015 so that tests can verify "as of" earlier dates.
  openssl(
    [
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'root.key',
      '-out',
      'root.csr',
      '-subj',
      '/C=DK/O=Referat Test/CN=Referat Test Root CA',
      '-config',
      'ca.cnf',
    ],
    dir,
  );
  openssl(
    [
      'ca',
      '-batch',
      '-selfsign',
      '-config',
      'ca.cnf',
      '-keyfile',
      'root.key',
      '-in',
      'root.csr',
      '-out',
      'root.pem',
      '-notext',
      '-extensions',
      'ext_ca',
      '-startdate',
      '20150101000000Z',
      '-enddate',
      opensslDate(new Date(now + 3650 * day)),
    ],
    dir,
  );
  // Intermediate CA signed by the root.
  openssl(
    [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'int.key',
      '-out',
      'int.csr',
      '-subj',
      '/C=DK/O=Referat Test/CN=Referat Test Issuing CA',
      '-config',
      'ca.cnf',
    ],
    dir,
  );
  openssl(
    [
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      'root.pem',
      '-keyfile',
      'root.key',
      '-in',
      'int.csr',
      '-out',
      'int.pem',
      '-notext',
      '-extensions',
      'ext_ca',
      '-startdate',
      '20150101000000Z',
      '-enddate',
      opensslDate(new Date(now + 3000 * day)),
    ],
    dir,
  );
  const rootPem = readFileSync(path.join(dir, 'root.pem'), 'utf8');
  const intermediatePem = readFileSync(path.join(dir, 'int.pem'), 'utf8');
  writeFileSync(path.join(dir, 'chain.pem'), intermediatePem + rootPem);
  let counter = 0;

  return {
    dir,
    rootPem,
    rootPath: path.join(dir, 'root.pem'),
    intermediatePem,
    makeMember(name, options = {}) {
      const id = `m${++counter}`;
      openssl(
        [
          'req',
          '-new',
          ...keyArgs(options.key ?? 'rsa'),
          '-nodes',
          '-keyout',
          `${id}.key`,
          '-out',
          `${id}.csr`,
          '-subj',
          `/C=DK/O=Referat Test/CN=${name}`,
          '-config',
          'ca.cnf',
          '-utf8',
        ],
        dir,
      );
      const issuer = options.issuer;
      if (issuer && !issuer.keyPath) throw new Error(`${issuer.name} was made without isKeyKept`);
      const issuerId = issuer ? path.basename(issuer.keyPath ?? '', '.key') : 'int';
      const profile = options.profile ?? 'member';
      const extensions =
        profile === 'server'
          ? 'ext_server'
          : profile === 'ca-without-keycertsign'
            ? 'ext_ca_without_keycertsign'
            : 'ext_member';
      openssl(
        [
          'ca',
          '-batch',
          '-config',
          'ca.cnf',
          '-cert',
          `${issuerId}.pem`,
          '-keyfile',
          `${issuerId}.key`,
          '-md',
          options.md ?? 'sha256',
          '-in',
          `${id}.csr`,
          '-out',
          `${id}.pem`,
          '-notext',
          '-extensions',
          extensions,
          '-utf8',
          '-startdate',
          options.notBefore ?? opensslDate(new Date(now - day)),
          '-enddate',
          options.notAfter ?? opensslDate(new Date(now + 365 * day)),
        ],
        dir,
      );
      const certPem = readFileSync(path.join(dir, `${id}.pem`), 'utf8');
      const chainPem = certPem + (issuer ? issuer.chainPem : intermediatePem + rootPem);
      writeFileSync(path.join(dir, `${id}-issuers.pem`), chainPem.slice(certPem.length));
      const password = randomBytes(9).toString('base64url');
      const legacy =
        options.p12Format === 'legacy-3des'
          ? ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']
          : options.p12Format === 'legacy-rc2'
            ? ['-legacy'] // OpenSSL 1.x's defaults: certificates RC2-40, key 3DES, MAC SHA-1
            : [];
      openssl(
        [
          'pkcs12',
          '-export',
          '-inkey',
          `${id}.key`,
          '-in',
          `${id}.pem`,
          '-certfile',
          `${id}-issuers.pem`,
          '-out',
          `${id}.p12`,
          '-passout',
          'env:P12PASS',
          '-name',
          name,
          ...legacy,
        ],
        dir,
        { P12PASS: password },
      );
      const keyPath = path.join(dir, `${id}.key`);
      const kept = options.isKeyKept ? { keyPem: readFileSync(keyPath, 'utf8'), keyPath } : {};
      // Unless kept, the key file is not needed after export; the p12 is the only copy, in a temp folder.
      if (!options.isKeyKept) rmSync(keyPath);
      const p12Path = path.join(dir, `${id}.p12`);
      return { name, password, p12: readFileSync(p12Path), p12Path, certPem, chainPem, ...kept };
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
