/**
 * The Document Security Store (ISO 32000-2 12.8.4.3, ETSI EN 319 142-1 PAdES B-LT): revocation
 * data (CRLs, OCSP responses) and the certificates needed to check it, embedded in the catalog's
 * /DSS by an incremental update after the last signature, so that the signatures can be
 * validated later without the network. Only data that concerns a certificate of a signer's
 * chain, and is signed by that certificate's issuer, is embedded; anything else is refused
 * before a byte is written.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { DomainError } from '../../../common/contract/result';
import { checkCms } from './cms';
import { PdfDocument, appendIncrementalUpdate, type UpdateObject } from './pdfIncremental';
import {
  PdfSyntaxError,
  pdfDate,
  pdfTextString,
  serialize,
  type PdfDict,
  type PdfValue,
} from './pdfObjects';
import {
  chainOf,
  judgeItem,
  parseRevocation,
  readStoredRevocation,
  type RevocationFinding,
  type RevocationItem,
} from './revocation';
import { certificateName } from './trust';

/** The contents of a PDF's DSS: decoded stream bytes. */
export interface DssContent {
  certs: Buffer[];
  crls: Buffer[];
  ocsps: Buffer[];
  /** The keys of /VRI (uppercase hex SHA-1 of a signature's /Contents). */
  vriKeys: string[];
}

/** One signature of a PDF as the DSS needs it. */
interface PdfSignature {
  field: string;
  /** The decoded /Contents (the CMS and its zero padding): its SHA-1 is the /VRI key. */
  contents: Buffer;
  signer?: X509Certificate;
  certificates: X509Certificate[];
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The key of a signature's /VRI entry: the uppercase hex SHA-1 of its /Contents bytes. */
export function vriKey(contents: Buffer): string {
  return createHash('sha1').update(contents).digest('hex').toUpperCase();
}

function refsOf(doc: PdfDocument, value: PdfValue | undefined): PdfValue[] {
  const resolved = doc.resolve(value);
  return resolved?.kind === 'array' ? resolved.items : [];
}

function streamData(doc: PdfDocument, value: PdfValue): Buffer | undefined {
  if (value.kind !== 'ref') return undefined;
  try {
    const object = doc.getObject(value.num);
    return object.kind === 'stream' ? doc.decodeStream(object) : undefined;
  } catch {
    return undefined;
  }
}

function dssDict(doc: PdfDocument): PdfDict | undefined {
  const dss = doc.resolve(doc.catalog().entries.get('/DSS'));
  return dss?.kind === 'dict' ? dss : undefined;
}

/** Reads the catalog's /DSS (empty lists when there is none; unreadable entries are skipped). */
export function readDss(doc: PdfDocument): DssContent {
  const dss = dssDict(doc);
  const list = (key: string) =>
    refsOf(doc, dss?.entries.get(key)).flatMap((v) => {
      const data = streamData(doc, v);
      return data ? [data] : [];
    });
  const vri = doc.resolve(dss?.entries.get('/VRI'));
  return {
    certs: list('/Certs'),
    crls: list('/CRLs'),
    ocsps: list('/OCSPs'),
    vriKeys: vri?.kind === 'dict' ? [...vri.entries.keys()].map((k) => k.slice(1)) : [],
  };
}

/** The revocation items and certificates of a DSS, parsed (unreadable ones left out). */
export function dssItems(content: DssContent): {
  items: RevocationItem[];
  certificates: X509Certificate[];
} {
  const certificates = content.certs.flatMap((der) => {
    try {
      return [new X509Certificate(der)];
    } catch {
      return [];
    }
  });
  const items = [
    ...content.crls.map((b) => readStoredRevocation(b, 'crl')),
    ...content.ocsps.map((b) => readStoredRevocation(b, 'ocsp')),
  ].filter((i): i is RevocationItem => i !== undefined);
  return { items, certificates };
}

/** The signatures of the PDF with their CMS certificates (unreadable ones left out). */
function pdfSignatures(doc: PdfDocument): PdfSignature[] {
  const out: PdfSignature[] = [];
  for (const field of doc.fields()) {
    if (field.fieldType !== '/Sig') continue;
    const sig = doc.resolve(field.dict.entries.get('/V'));
    if (sig?.kind !== 'dict') continue;
    const value = sig.entries.get('/Contents');
    if (value?.kind !== 'string' || !value.raw.startsWith('<')) continue;
    const contents = Buffer.from(value.raw.slice(1, -1).replace(/\s+/g, ''), 'hex');
    // Only the certificates are wanted: a dummy digest spares hashing the file.
    const cms = checkCms(contents, [], { sha256: Buffer.alloc(32) });
    out.push({
      field: field.name,
      contents,
      ...(cms.signer ? { signer: cms.signer } : {}),
      certificates: cms.certificates,
    });
  }
  return out;
}

/** A revocation file given by the user. */
export interface RevocationFile {
  /** Its name as shown in messages (the path typed, or the file's name). */
  name: string;
  bytes: Uint8Array;
}

/** What one embedded file says, for the summary a caller prints. */
export interface RevocationSummary {
  name: string;
  kind: 'crl' | 'ocsp';
  issuedAt: Date;
  /** Per certificate it speaks about: its name and the state. */
  about: { certificate: string; state: 'good' | 'revoked' | 'unknown'; revokedAt?: Date }[];
  /** False when the same data was already in the DSS. */
  isNew: boolean;
}

/** The result of {@link addRevocationData}. */
export interface AddRevocationResult {
  /** The PDF with the DSS update (the input itself when nothing was new). */
  bytes: Buffer;
  files: RevocationSummary[];
}

const badFile = (message: string) => new DomainError('invalid_input', message);

/**
 * Adds the given CRLs and OCSP responses, and the certificates of every signer's chain, to
 * the PDF's DSS in one incremental update. Each file must concern a certificate of a signer's
 * chain and be signed by its issuer (or, for OCSP, a responder the issuer delegated), else the
 * whole call is refused with a message naming the file and nothing is returned.
 * @throws DomainError invalid_input (a file that is not revocation data, concerns no signer,
 *   or whose signature does not verify; a PDF without signatures), damaged_file (unreadable PDF)
 */
export function addRevocationData(
  pdf: Uint8Array,
  files: RevocationFile[],
  options: {
    date?: Date;
    /**
     * The chain (leaf first) of a signer about to sign the result: its revocation data is
     * embedded before the signature, so that the new signature covers the DSS (no /VRI entry:
     * the signature's /Contents do not exist yet).
     */
    upcomingSigner?: X509Certificate[];
  } = {},
): AddRevocationResult {
  const input = Buffer.isBuffer(pdf)
    ? pdf
    : Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  if (files.length === 0) throw badFile('Ingen spærredata angivet / No revocation files given.');
  const parsed = files.map((f) => ({ name: f.name, item: parseRevocation(f.bytes, f.name) }));
  let doc: PdfDocument;
  let signatures: PdfSignature[];
  let existing: DssContent;
  try {
    doc = new PdfDocument(input);
    signatures = pdfSignatures(doc).filter((s) => s.signer);
    existing = readDss(doc);
  } catch (error) {
    if (
      error instanceof PdfSyntaxError ||
      error instanceof RangeError ||
      error instanceof TypeError
    )
      throw new DomainError(
        'damaged_file',
        `PDF-filen kan ikke læses / The PDF cannot be read: ${(error as Error).message}`,
        { key: 'signing.damagedPdf', values: {} },
      );
    throw error;
  }
  if (signatures.length === 0 && !options.upcomingSigner?.length)
    throw badFile(
      'PDF-filen har ingen underskrifter, så spærredata hører ikke til den / The PDF has no signatures, so no revocation data belongs in it.',
    );
  const upcoming = options.upcomingSigner ?? [];
  const pool = dedupe([
    ...signatures.flatMap((s) => s.certificates),
    ...upcoming,
    ...dssItems(existing).certificates,
  ]);
  const chains = signatures.map((s) => chainOf(s.signer as X509Certificate, pool));
  // The upcoming signer's chain counts like a signature's, without a /VRI entry.
  if (upcoming[0]) chains.push(chainOf(upcoming[0], pool));

  // Which signatures each file speaks about; refuse a file that speaks about none.
  const perSignature = chains.map(() => ({
    crls: new Set<number>(),
    ocsps: new Set<number>(),
    certs: [] as X509Certificate[],
  }));
  const summaries: RevocationSummary[] = [];
  const extraCerts: X509Certificate[] = [];
  parsed.forEach(({ name, item }, index) => {
    let isBadSignature = false;
    const about = new Map<string, RevocationFinding & { cert: X509Certificate }>();
    chains.forEach((chain, s) => {
      for (let i = 0; i + 1 < chain.length; i++) {
        const cert = chain[i] as X509Certificate;
        const verdict = judgeItem(item, cert, chain[i + 1] as X509Certificate);
        if (verdict.kind === 'bad_signature') isBadSignature = true;
        if (verdict.kind !== 'finding') continue;
        (item.kind === 'crl' ? perSignature[s]?.crls : perSignature[s]?.ocsps)?.add(index);
        perSignature[s]?.certs.push(...verdict.finding.extraCertificates);
        extraCerts.push(...verdict.finding.extraCertificates);
        about.set(cert.fingerprint256, { ...verdict.finding, cert });
      }
    });
    if (about.size === 0) {
      throw badFile(
        isBadSignature
          ? item.kind === 'crl'
            ? `${name}: signaturen på CRL’en kan ikke verificeres med udstederens nøgle / the signature of the CRL does not verify with its issuer's key; nothing was written.`
            : `${name}: OCSP-svaret er ikke underskrevet af udstederen eller af en OCSP-server, udstederen har godkendt / the OCSP response is not signed by the issuer or by a responder the issuer certified for OCSP signing; nothing was written.`
          : `${name}: ${item.kind === 'crl' ? 'CRL’en' : 'OCSP-svaret'} gælder ikke nogen underskrivers certifikat eller dets udstedere / the ${item.kind === 'crl' ? 'CRL' : 'OCSP response'} concerns no signer's certificate or its issuers; nothing was written.`,
      );
    }
    const stored = item.kind === 'crl' ? existing.crls : existing.ocsps;
    summaries.push({
      name,
      kind: item.kind,
      issuedAt: item.kind === 'crl' ? item.thisUpdate : item.producedAt,
      about: [...about.values()].map((f) => ({
        certificate: certificateName(f.cert),
        state: f.state,
        ...(f.revokedAt ? { revokedAt: f.revokedAt } : {}),
      })),
      isNew: !stored.some((b) => b.equals(item.der)),
    });
  });

  // The streams to add: certificates of every chain, then CRLs and OCSP responses, each once.
  const knownCerts = new Set(existing.certs.map(sha256));
  const knownCrls = new Set(existing.crls.map(sha256));
  const knownOcsps = new Set(existing.ocsps.map(sha256));
  const allCerts = dedupe([...chains.flat(), ...extraCerts]);
  const newCerts = allCerts.filter((c) => !knownCerts.has(sha256(c.raw)));
  const itemDers = parsed.map((p) => p.item.der);
  const newItems = parsed
    .map((p, index) => ({ index, der: p.item.der, kind: p.item.kind }))
    .filter(
      (p, i, all) =>
        all.findIndex((q) => q.der.equals(p.der)) === i &&
        !(p.kind === 'crl' ? knownCrls : knownOcsps).has(sha256(p.der)),
    );
  const vriPresent = new Set(existing.vriKeys);
  const signatureKeys = signatures.map((s) => vriKey(s.contents));
  if (
    newCerts.length === 0 &&
    newItems.length === 0 &&
    signatureKeys.every((k, s) => vriPresent.has(k) || isEmpty(perSignature[s]))
  ) {
    return { bytes: input, files: summaries };
  }

  let nextNum = doc.size;
  const objects: UpdateObject[] = [];
  const stream = (data: Buffer): number => {
    const num = nextNum++;
    objects.push({
      num,
      gen: 0,
      body: Buffer.concat([
        Buffer.from(`<</Length ${data.length}>>\nstream\n`, 'latin1'),
        data,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    });
    return num;
  };
  // Where each certificate and item lives (new streams, or the DSS's existing ones).
  const certRef = new Map<string, string>();
  const crlRef = new Map<string, string>();
  const ocspRef = new Map<string, string>();
  const dss = dssDict(doc);
  const remember = (key: string, target: Map<string, string>) => {
    for (const v of refsOf(doc, dss?.entries.get(key))) {
      const data = streamData(doc, v);
      if (data && v.kind === 'ref') target.set(sha256(data), `${v.num} ${v.gen} R`);
    }
  };
  remember('/Certs', certRef);
  remember('/CRLs', crlRef);
  remember('/OCSPs', ocspRef);
  for (const cert of newCerts) certRef.set(sha256(cert.raw), `${stream(cert.raw)} 0 R`);
  for (const item of newItems) {
    (item.kind === 'crl' ? crlRef : ocspRef).set(sha256(item.der), `${stream(item.der)} 0 R`);
  }

  const array = (refs: Iterable<string>) => `[${[...new Set(refs)].join(' ')}]`;
  const existingArray = (key: string) =>
    refsOf(doc, dss?.entries.get(key)).map((v) => serialize(v));
  const newRefs = (items: { der: Buffer }[], map: Map<string, string>) =>
    items.map((i) => map.get(sha256(i.der)) as string);

  // /VRI: keep every existing entry; add (or extend) one per signature the files speak about.
  const oldVri = doc.resolve(dss?.entries.get('/VRI'));
  const vriEntries = new Map<string, string>();
  if (oldVri?.kind === 'dict') {
    for (const [key, value] of oldVri.entries) vriEntries.set(key, serialize(value));
  }
  const when = serialize(pdfTextString(pdfDate(options.date ?? new Date())));
  signatures.forEach((s, i) => {
    const mine = perSignature[i];
    if (!mine || isEmpty(mine)) return;
    const key = `/${signatureKeys[i]}`;
    const old = oldVri?.kind === 'dict' ? doc.resolve(oldVri.entries.get(key)) : undefined;
    const oldList = (k: string) =>
      old?.kind === 'dict' ? refsOf(doc, old.entries.get(k)).map((v) => serialize(v)) : [];
    const certs = [
      ...oldList('/Cert'),
      ...dedupe([...(chains[i] ?? []), ...mine.certs]).map(
        (c) => certRef.get(sha256(c.raw)) as string,
      ),
    ];
    const crls = [
      ...oldList('/CRL'),
      ...[...mine.crls].map((n) => crlRef.get(sha256(itemDers[n] as Buffer)) as string),
    ];
    const ocsps = [
      ...oldList('/OCSP'),
      ...[...mine.ocsps].map((n) => ocspRef.get(sha256(itemDers[n] as Buffer)) as string),
    ];
    vriEntries.set(
      key,
      `<</Cert ${array(certs)}` +
        (crls.length ? ` /CRL ${array(crls)}` : '') +
        (ocsps.length ? ` /OCSP ${array(ocsps)}` : '') +
        ` /TU ${when}>>`,
    );
  });

  // The DSS dictionary keeps every entry it had; its arrays gain the new streams.
  const other = [...(dss?.entries ?? [])]
    .filter(([k]) => !['/Type', '/Certs', '/CRLs', '/OCSPs', '/VRI'].includes(k))
    .map(([k, v]) => ` ${k} ${serialize(v)}`)
    .join('');
  const certsArray = array([
    ...existingArray('/Certs'),
    ...newCerts.map((c) => certRef.get(sha256(c.raw)) as string),
  ]);
  const crlsArray = array([
    ...existingArray('/CRLs'),
    ...newRefs(
      newItems.filter((i) => i.kind === 'crl'),
      crlRef,
    ),
  ]);
  const ocspsArray = array([
    ...existingArray('/OCSPs'),
    ...newRefs(
      newItems.filter((i) => i.kind === 'ocsp'),
      ocspRef,
    ),
  ]);
  const vriBody = `<<${[...vriEntries].map(([k, v]) => `${k} ${v}`).join(' ')}>>`;
  const dssBody =
    `<</Type /DSS /Certs ${certsArray}` +
    (crlsArray !== '[]' ? ` /CRLs ${crlsArray}` : '') +
    (ocspsArray !== '[]' ? ` /OCSPs ${ocspsArray}` : '') +
    ` /VRI ${vriBody}${other}>>`;

  const catalogRef = doc.catalogRef();
  const dssValue = doc.catalog().entries.get('/DSS');
  if (dssValue?.kind === 'ref') {
    objects.push({ num: dssValue.num, gen: dssValue.gen, body: dssBody });
  } else {
    const dssNum = nextNum++;
    objects.push({ num: dssNum, gen: 0, body: dssBody });
    const catalog: PdfDict = { kind: 'dict', entries: new Map(doc.catalog().entries) };
    catalog.entries.set('/DSS', { kind: 'ref', num: dssNum, gen: 0 });
    objects.push({ num: catalogRef.num, gen: catalogRef.gen, body: serialize(catalog) });
  }
  const { bytes } = appendIncrementalUpdate(
    input,
    doc,
    objects,
    nextNum,
    `DSS ${(options.date ?? new Date()).toISOString()}`,
  );
  return { bytes, files: summaries };
}

function isEmpty(s: { crls: Set<number>; ocsps: Set<number> } | undefined): boolean {
  return !s || (s.crls.size === 0 && s.ocsps.size === 0);
}

function dedupe(certs: X509Certificate[]): X509Certificate[] {
  const seen = new Set<string>();
  return certs.filter((c) => {
    if (seen.has(c.fingerprint256)) return false;
    seen.add(c.fingerprint256);
    return true;
  });
}
