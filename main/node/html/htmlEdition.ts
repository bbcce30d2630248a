/**
 * The HTML edition of the public minutes as a self-contained folder for a municipality's website:
 * `index.html` (common/export/renderHtml.ts), one stylesheet `referat.css`, the profile's logo
 * (`logo.png` / `logo.jpg`) and the public appendices' files under `bilag/`, linked from their
 * lines. Only the public edition exists: it is built and checked for personal data by
 * prepareEdition (a CPR number refuses the export), so closed text and closed appendices never
 * reach the folder.
 *
 * A committee's published set (`publishCommittee`): one such folder per meeting past draft,
 * named by the meeting's file stem, and an `index.html` listing them newest first. Writing is
 * idempotent: a file whose bytes are already at its place is not rewritten (a web server or the
 * CMS sees no change); every other file is written atomically (services/atomicFile.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { uniqueSafeFileNames } from '../../../common/archive/bagit';
import { DomainError } from '../../../common/contract/result';
import { formatDanishDate } from '../../../common/domain/danishDates';
import type { PersonalDataFinding } from '../../../common/export/personalData';
import { layoutEdition, type AgendaChoice } from '../../../common/export/editionLayout';
import { appendixLine, type LayoutBlock } from '../../../common/export/layoutMinutes';
import {
  htmlStylesheet,
  renderHtmlPage,
  renderIndexPage,
  type IndexEntry,
} from '../../../common/export/renderHtml';
import type { ReferatDocument } from '../../../common/format/referat1';
import { meetingFileStem } from '../../../common/format/referatJson';
import { fileStorePath } from '../storage/fileStore';
import type { ReadDb } from '../storage/db';
import { exportMeetingDocument } from '../storage/interchange';
import { listCommittees } from '../storage/queries/committees';
import { listMeetings } from '../storage/queries/meetings';
import { copyFileAtomically, writeAtomically, writeFileAtomically } from '../services/atomicFile';
import type { Lang } from '../../../common/domain/lang';

/** The stylesheet's file name in every folder. */
export const stylesheetName = 'referat.css';

/** One file of the edition: bytes made here, or a file of the library's store. */
export type HtmlEditionFile =
  { path: string; bytes: Buffer } | { path: string; source: string; sha256: string };

export type HtmlEdition = {
  title: string;
  files: HtmlEditionFile[];
  /** Personal-data warnings of the public edition (citizen members named in the text). */
  warnings: PersonalDataFinding[];
};

const labels = {
  da: {
    up: 'Alle møder i',
    meetings: 'Møder',
    none: 'Ingen udgivne møder.',
  },
  en: {
    up: 'All meetings of',
    meetings: 'Meetings',
    none: 'No published meetings.',
  },
};

/**
 * The files of the HTML edition of `doc` (the meeting's full document; the public edition is
 * derived and checked here). `filesDir` is the library's file store (the appendix files).
 * @throws DomainError personal_data (a CPR number in the public edition)
 */
export function htmlEdition(
  doc: ReferatDocument,
  options: {
    filesDir: string;
    lang?: Lang;
    up?: { href: string; label: string };
    /** The agenda (dagsorden) or tillægsdagsorden instead of the minutes. */
    agenda?: AgendaChoice;
  },
): HtmlEdition {
  const lang = options.lang ?? 'da';
  const { document, report, blocks, title, editionLabel } = layoutEdition(doc, {
    edition: 'public',
    lang,
    agenda: options.agenda,
  });
  const files: HtmlEditionFile[] = [];

  // The public appendices' files, each linked from its line.
  const withFiles = document.appendices.filter((appendix) => appendix.file !== null);
  const names = uniqueSafeFileNames(
    withFiles.map((appendix) => appendix.file?.name ?? 'bilag'),
    [],
  );
  const linkOf = new Map<string, string>();
  withFiles.forEach((appendix, index) => {
    const file = appendix.file;
    const name = names[index];
    if (!file || name === undefined) return;
    const source = fileStorePath(options.filesDir, file.sha256);
    if (!fs.existsSync(source))
      throw new DomainError(
        'not_found',
        `Bilag ${appendix.number ?? ''} "${appendix.title}": its file (${file.sha256}) is missing from the library's file store.`,
      );
    files.push({ path: `bilag/${name}`, source, sha256: file.sha256 });
    const isNumbered = document.profile.appendixNumbering !== 'none';
    linkOf.set(appendixLine(appendix, lang, { isNumbered }), `bilag/${encodeURIComponent(name)}`);
  });
  const linked = blocks.map((block): LayoutBlock => {
    if (block.kind !== 'paragraph' || block.spans.length !== 1) return block;
    const span = block.spans[0];
    const link = span === undefined ? undefined : linkOf.get(span.text);
    return link === undefined || span === undefined
      ? block
      : { ...block, spans: [{ ...span, link }] };
  });

  const logo = document.profile.logo;
  const logoName = logo ? `logo.${logo.mediaType === 'image/png' ? 'png' : 'jpg'}` : null;
  if (logo && logoName)
    files.push({ path: logoName, bytes: Buffer.from(logo.dataBase64, 'base64') });

  // The layout puts the logo and the municipality above the title (the page's banner); the
  // banner adds the committee's organisation when the profile names no municipality.
  const banner = [
    ...(document.profile.municipality.trim() === '' ? [document.committee.organisation] : []),
    editionLabel,
  ];
  const html = renderHtmlPage(linked, {
    lang,
    title,
    stylesheet: stylesheetName,
    banner,
    ...(logoName ? { imageSrc: () => logoName } : {}),
    ...(options.up ? { up: options.up } : {}),
  });
  files.unshift(
    { path: 'index.html', bytes: Buffer.from(html, 'utf8') },
    { path: stylesheetName, bytes: Buffer.from(htmlStylesheet, 'utf8') },
  );
  return { title, files, warnings: report.warnings };
}

/** What writing a set of files did. */
export type FolderWrite = { written: string[]; unchanged: string[] };

/**
 * Writes files into `dir` (created when missing), each atomically, leaving alone every file
 * whose bytes are already there.
 */
export function writeHtmlFolder(dir: string, files: readonly HtmlEditionFile[]): FolderWrite {
  const result: FolderWrite = { written: [], unchanged: [] };
  const root = path.resolve(dir);
  fs.mkdirSync(root, { recursive: true });
  for (const file of files) {
    const target = path.join(root, ...file.path.split('/'));
    if (!target.startsWith(root + path.sep)) throw new Error(`${file.path} leaves the folder`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const wanted = 'bytes' in file ? sha256(file.bytes) : file.sha256;
    if (fs.existsSync(target) && sha256(fs.readFileSync(target)) === wanted) {
      result.unchanged.push(file.path);
      continue;
    }
    if ('bytes' in file) writeFileAtomically(target, file.bytes);
    else copyFileAtomically(file.source, target);
    result.written.push(file.path);
  }
  return result;
}

/**
 * The same files as one zip (browser mode's download): a top-level folder named like the zip,
 * written atomically.
 */
export async function writeHtmlZip(
  target: string,
  files: readonly HtmlEditionFile[],
): Promise<void> {
  const folder = path.basename(target).replace(/\.zip$/i, '');
  await writeAtomically(target, async (temp) => {
    const zip = new yazl.ZipFile();
    const mtime = new Date(0);
    for (const file of files) {
      const name = `${folder}/${file.path}`;
      if ('bytes' in file) zip.addBuffer(file.bytes, name, { mtime });
      else zip.addFile(file.source, name, { mtime });
    }
    zip.end();
    await pipeline(zip.outputStream, fs.createWriteStream(temp, { flags: 'wx' }));
  });
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A committee's published set: what was written, and the meetings it holds. */
export type PublishResult = FolderWrite & {
  committee: string;
  meetings: { id: string; folder: string; title: string }[];
  warnings: PersonalDataFinding[];
};

/**
 * Publishes a committee (by name, or by id) into `dir`: every meeting past draft as its HTML
 * edition in `<file stem>/`, and `index.html` listing them. Idempotent (see writeHtmlFolder).
 * @throws DomainError not_found (no such committee), personal_data (a meeting's public edition)
 */
export function publishCommittee(
  db: ReadDb,
  filesDir: string,
  committeeName: string,
  dir: string,
  lang: Lang = 'da',
): PublishResult {
  const wanted = committeeName.trim().toLocaleLowerCase('da');
  const committee = listCommittees(db).find(
    (candidate) =>
      candidate.id === committeeName || candidate.name.trim().toLocaleLowerCase('da') === wanted,
  );
  if (!committee)
    throw new DomainError('not_found', `There is no committee named "${committeeName}".`);
  const published = listMeetings(db, { committeeId: committee.id }).filter(
    (meeting) => meeting.status !== 'draft',
  );
  // Every edition first: a personal-data refusal of one meeting writes nothing at all.
  const stems = uniqueSafeFileNames(
    published.map((meeting) =>
      meetingFileStem({
        committeeName: committee.name,
        date: meeting.date,
        number: meeting.number,
      }),
    ),
  );
  const editions = published.map((meeting, index) => ({
    meeting,
    folder: stems[index] ?? meeting.id,
    edition: htmlEdition(exportMeetingDocument(db, meeting.id), {
      filesDir,
      lang,
      up: { href: '../index.html', label: `${labels[lang].up} ${committee.name}` },
    }),
  }));
  const entries: IndexEntry[] = editions.map(({ meeting, folder, edition }) => ({
    href: `${encodeURIComponent(folder)}/index.html`,
    title: edition.title,
    date: formatDanishDate(meeting.date, { language: lang }),
  }));
  const index = renderIndexPage(entries, {
    lang,
    title: committee.name,
    heading: committee.name,
    listLabel: labels[lang].meetings,
    empty: labels[lang].none,
    stylesheet: stylesheetName,
    banner: [committee.organisation],
  });
  const result: PublishResult = {
    committee: committee.name,
    written: [],
    unchanged: [],
    meetings: [],
    warnings: [],
  };
  for (const { meeting, folder, edition } of editions) {
    const wrote = writeHtmlFolder(path.join(dir, folder), edition.files);
    result.written.push(...wrote.written.map((file) => `${folder}/${file}`));
    result.unchanged.push(...wrote.unchanged.map((file) => `${folder}/${file}`));
    result.meetings.push({ id: meeting.id, folder, title: edition.title });
    result.warnings.push(...edition.warnings);
  }
  const top = writeHtmlFolder(dir, [
    { path: 'index.html', bytes: Buffer.from(index, 'utf8') },
    { path: stylesheetName, bytes: Buffer.from(htmlStylesheet, 'utf8') },
  ]);
  result.written.push(...top.written);
  result.unchanged.push(...top.unchanged);
  return result;
}
