/**
 * The HTML edition: layout blocks (the same blocks the PDF is typeset from, layoutMinutes.ts or
 * an agenda's) rendered as one accessible HTML5 page for a municipality's website, and the
 * committee's index page listing its published meetings.
 *
 * WCAG 2.1 AA by construction: `lang` on the document, a skip link to `<main>`, landmarks
 * (header, nav for the table of contents and the index, main, footer), headings without skipped
 * levels, lists as lists, links with visible focus (the stylesheet), no scripts, no inline
 * styles. Every text and attribute is escaped; only http(s), mailto and the edition's own
 * relative links become links, anything else stays text.
 *
 * Pure core: strings in, a string out (the Node side writes the folder).
 */
import type { LayoutBlock, LayoutList, LayoutTable, Span } from './layoutMinutes';
import { isLanguageTag } from './typeset';
import type { Lang } from '../domain/lang';

/** Texts of the page chrome, in the page's language. */
export type HtmlLabels = {
  /** The skip link: "Gå til indhold". */
  skipToContent: string;
  /** The accessible name of the table of contents when it has no heading. */
  contents: string;
  /** The footer line ("Udgivet med Referat"). */
  footer: string;
};

export const htmlLabels: Record<Lang, HtmlLabels> = {
  da: {
    skipToContent: 'Gå til indhold',
    contents: 'Indholdsfortegnelse',
    footer: 'Offentlig udgave, udgivet med Referat.',
  },
  en: {
    skipToContent: 'Skip to content',
    contents: 'Contents',
    footer: 'Public edition, published with Referat.',
  },
};

/** What a page has besides its blocks. */
export type HtmlPageOptions = {
  lang: Lang;
  /** The document title (`<title>`), usually the H1's text. */
  title: string;
  /** Relative address of the stylesheet (`referat.css`). */
  stylesheet: string;
  /** The banner: the municipality, the committee, the edition. Empty lines are left out. */
  banner: readonly string[];
  /**
   * The address of an image block's file (the folder holds the logo beside the page); without
   * it an image is embedded as a data URL.
   */
  imageSrc?: (image: Extract<LayoutBlock, { kind: 'image' }>) => string;
  /** A link back up (from a meeting to its committee's index). */
  up?: { href: string; label: string };
  labels?: HtmlLabels;
};

/** Escapes text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The address a link may have: http(s) and mailto, a fragment (`#item-…`) or a relative path of
 * the edition's own files (no scheme, not protocol-relative; `..` only as leading parent folders). Anything else: null (text only).
 */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  if (/^#[A-Za-z0-9_.:-]+$/.test(trimmed)) return trimmed;
  // A relative path: up to the parent folders first ("../index.html"), then plain names.
  const rest = trimmed.replace(/^(\.\.\/)+/, '');
  if (/^[A-Za-z0-9%_~-][A-Za-z0-9%._~/-]*$/.test(rest) && !rest.includes('..')) return trimmed;
  return null;
}

/** A full HTML5 page of `blocks`. */
export function renderHtmlPage(blocks: readonly LayoutBlock[], options: HtmlPageOptions): string {
  const labels = options.labels ?? htmlLabels[options.lang];
  // What stands above the first heading (logo, municipality, document title) is the banner.
  const firstHeading = blocks.findIndex((block) => block.kind === 'heading');
  const head = firstHeading < 0 ? [] : blocks.slice(0, firstHeading);
  const body = firstHeading < 0 ? blocks : blocks.slice(firstHeading);
  return page(
    options,
    labels,
    renderBlocks(body, labels, options),
    renderBlocks(head, labels, options),
  );
}

/** One published meeting on a committee's index page. */
export type IndexEntry = { href: string; title: string; date: string; detail?: string };

/** A committee's index page: its published meetings, newest first as given. */
export function renderIndexPage(
  entries: readonly IndexEntry[],
  options: HtmlPageOptions & { heading: string; listLabel: string; empty: string },
): string {
  const labels = options.labels ?? htmlLabels[options.lang];
  const items = entries
    .map((entry) => {
      const href = safeHref(entry.href);
      const title = escapeHtml(entry.title);
      const link = href === null ? title : `<a href="${escapeHtml(href)}">${title}</a>`;
      const detail = entry.detail ? ` <span class="detail">${escapeHtml(entry.detail)}</span>` : '';
      return `<li>${link} <span class="date">${escapeHtml(entry.date)}</span>${detail}</li>`;
    })
    .join('\n');
  const body = [
    `<h1>${escapeHtml(options.heading)}</h1>`,
    entries.length === 0
      ? `<p>${escapeHtml(options.empty)}</p>`
      : `<nav aria-label="${escapeHtml(options.listLabel)}">\n<ul class="meetings">\n${items}\n</ul>\n</nav>`,
  ].join('\n');
  return page(options, labels, body, '');
}

function page(options: HtmlPageOptions, labels: HtmlLabels, body: string, head: string): string {
  const banner = options.banner.filter((line) => line.trim() !== '');
  const logo = head === '' ? '' : `${head}\n`;
  const lines = banner.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  const up =
    options.up && safeHref(options.up.href) !== null
      ? `<p class="up"><a href="${escapeHtml(options.up.href)}">${escapeHtml(options.up.label)}</a></p>\n`
      : '';
  return `<!DOCTYPE html>
<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Referat">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${escapeHtml(options.stylesheet)}">
</head>
<body>
<a class="skip-link" href="#indhold">${escapeHtml(labels.skipToContent)}</a>
<header class="banner">
${logo}${lines}
${up}</header>
<main id="indhold" tabindex="-1">
${body}
</main>
<footer>
<p>${escapeHtml(labels.footer)}</p>
</footer>
</body>
</html>
`;
}

/**
 * The blocks as HTML. A run of table-of-contents entries, with the headings just before it,
 * becomes a `nav` landmark named by its first heading. Heading levels never skip (a level deeper
 * than the previous heading's next level is lifted), as screen-reader users navigate by them.
 */
function renderBlocks(
  blocks: readonly LayoutBlock[],
  labels: HtmlLabels,
  options: HtmlPageOptions,
): string {
  const out: string[] = [];
  let lastLevel = 0;
  const tocStart = blocks.findIndex((block) => block.kind === 'tocEntry');
  let navFrom = -1;
  let navTo = -1;
  if (tocStart >= 0) {
    navFrom = tocStart;
    while (navFrom > 0 && blocks[navFrom - 1]?.kind === 'heading') navFrom--;
    // A heading of the top level (the document title) stays outside the contents.
    while (navFrom < tocStart && (blocks[navFrom] as { level?: number }).level === 1) navFrom++;
    // The contents run on while only headings and entries follow; it ends at its last entry.
    for (let at = navFrom; at < blocks.length; at++) {
      const kind = blocks[at]?.kind;
      if (kind === 'tocEntry') navTo = at;
      else if (kind !== 'heading') break;
    }
  }
  let tocList: string[] | null = null;
  const closeTocList = () => {
    if (tocList === null) return;
    out.push(`<ul class="toc">\n${tocList.join('\n')}\n</ul>`);
    tocList = null;
  };
  blocks.forEach((block, index) => {
    if (index === navFrom) {
      const first = blocks[navFrom];
      const named = first?.kind === 'heading' ? 'aria-labelledby="indholdsfortegnelse"' : '';
      out.push(
        named === ''
          ? `<nav class="contents" aria-label="${escapeHtml(labels.contents)}">`
          : `<nav class="contents" ${named}>`,
      );
    }
    if (block.kind !== 'tocEntry') closeTocList();
    switch (block.kind) {
      case 'heading': {
        const level = Math.min(block.level, lastLevel + 1);
        lastLevel = level;
        const id =
          index === navFrom
            ? ' id="indholdsfortegnelse"'
            : block.anchor !== undefined
              ? ` id="${escapeHtml(block.anchor)}"`
              : '';
        out.push(`<h${level}${id}>${spansHtml(block.spans)}</h${level}>`);
        break;
      }
      case 'paragraph': {
        const variant =
          block.variant && block.variant !== 'body' ? ` class="${block.variant}"` : '';
        out.push(`<p${variant}>${spansHtml(block.spans)}</p>`);
        break;
      }
      case 'list':
        out.push(listHtml(block));
        break;
      case 'table':
        out.push(tableHtml(block));
        break;
      case 'tocEntry': {
        tocList ??= [];
        const href = safeHref(`#${block.target}`);
        const text = spansHtml(block.spans);
        tocList.push(
          `<li>${href === null ? text : `<a href="${escapeHtml(href)}">${text}</a>`}</li>`,
        );
        break;
      }
      case 'signature': {
        const detail = block.detail === '' ? '' : ` ${escapeHtml(block.detail)}`;
        out.push(`<p class="signature">${escapeHtml(block.name)}${detail}</p>`);
        break;
      }
      case 'image': {
        const src =
          options.imageSrc?.(block) ?? `data:${block.mediaType};base64,${block.dataBase64}`;
        out.push(`<img class="logo" src="${escapeHtml(src)}" alt="${escapeHtml(block.altText)}">`);
        break;
      }
      case 'pageBreak':
        // A page break means nothing on screen; the print stylesheet paginates by itself.
        break;
      default:
        return unknownBlock(block);
    }
    if (index === navTo) {
      closeTocList();
      out.push('</nav>');
    }
  });
  closeTocList();
  return out.join('\n');
}

/** Every kind of block must be rendered: a new kind fails the type check here. */
function unknownBlock(block: never): never {
  throw new Error(`The HTML edition cannot render a block of kind ${JSON.stringify(block)}`);
}

function listHtml(list: LayoutList): string {
  const tag = list.ordered ? 'ol' : 'ul';
  const items = list.items
    .map((item) => {
      // The label is the printed one ("1.", "a)", "•"): kept as text, the list's own markers off.
      const label = list.ordered ? `<span class="label">${escapeHtml(item.label)}</span> ` : '';
      const sublist = item.sublist ? `\n${listHtml(item.sublist)}` : '';
      return `<li>${label}${spansHtml(item.spans)}${sublist}</li>`;
    })
    .join('\n');
  return `<${tag}${list.ordered ? ' class="labelled"' : ''}>\n${items}\n</${tag}>`;
}

/**
 * A table: the header row in `thead` with `th scope="col"` (screen readers announce each
 * cell's column heading), a cell of several paragraphs as paragraphs.
 */
function tableHtml(table: LayoutTable): string {
  const cellHtml = (paragraphs: readonly Span[][]) =>
    paragraphs.length <= 1
      ? spansHtml(paragraphs[0] ?? [])
      : paragraphs.map((spans) => `<p>${spansHtml(spans)}</p>`).join('');
  const rowHtml = (cells: readonly Span[][][], tag: 'th' | 'td') =>
    `<tr>${cells
      .map((cell) =>
        tag === 'th' ? `<th scope="col">${cellHtml(cell)}</th>` : `<td>${cellHtml(cell)}</td>`,
      )
      .join('')}</tr>`;
  const [first, ...rest] = table.rows;
  const head = table.headerRow && first ? `<thead>\n${rowHtml(first, 'th')}\n</thead>\n` : '';
  const body = (table.headerRow ? rest : table.rows).map((row) => rowHtml(row, 'td'));
  return `<table>\n${head}${body.length > 0 ? `<tbody>\n${body.join('\n')}\n</tbody>\n` : ''}</table>`;
}

function spansHtml(spans: readonly Span[]): string {
  let out = '';
  for (const span of spans) {
    let html = escapeHtml(span.text).replace(/\r?\n/g, '<br>');
    if (span.underline) html = `<u>${html}</u>`;
    if (span.italic) html = `<em>${html}</em>`;
    if (span.bold) html = `<strong>${html}</strong>`;
    if (span.lang !== undefined && isLanguageTag(span.lang))
      html = `<span lang="${escapeHtml(span.lang)}">${html}</span>`;
    const href = span.link === undefined ? null : safeHref(span.link);
    if (href !== null) html = `<a href="${escapeHtml(href)}">${html}</a>`;
    out += html;
  }
  return out;
}

/**
 * The edition's one stylesheet: readable measure, visible focus on every link, a skip link that
 * shows when focused, contrast above 4.5:1, and a print stylesheet (no banner chrome, link
 * addresses printed, headings kept with their text).
 */
export const htmlStylesheet = `/* Referat: public edition of the minutes */
:root { color-scheme: light; }
html { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 100%; line-height: 1.5; color: #1a1a1a; background: #ffffff; }
body { margin: 0 auto; max-width: 48rem; padding: 0 1rem 2rem; }
a { color: #0b4f8a; text-decoration: underline; }
a:hover { color: #062f52; }
a:focus, a:focus-visible { outline: 3px solid #b35c00; outline-offset: 2px; background: #fff4e0; color: #062f52; }
main:focus { outline: none; }
.skip-link { position: absolute; left: 1rem; top: -4rem; padding: 0.5rem 1rem; background: #0b4f8a; color: #ffffff; z-index: 10; }
.skip-link:focus { top: 0.5rem; color: #ffffff; background: #0b4f8a; }
.banner { border-bottom: 2px solid #0b4f8a; padding: 1rem 0 0.5rem; margin-bottom: 1.5rem; }
.banner p { margin: 0.1rem 0; font-weight: bold; }
.banner .up { font-weight: normal; margin-top: 0.5rem; }
.logo { max-height: 4rem; max-width: 14rem; display: block; margin-bottom: 0.5rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.4rem; }
h4, h5, h6 { font-size: 1rem; margin: 1rem 0 0.3rem; }
p { margin: 0 0 0.75rem; }
p.meta { color: #333333; margin-bottom: 0.25rem; }
p.note { font-style: italic; }
ul, ol { margin: 0 0 0.75rem; padding-left: 1.5rem; }
ol.labelled { list-style: none; padding-left: 0.5rem; }
ol.labelled > li { padding-left: 0; }
.label { display: inline-block; min-width: 1.5rem; }
.contents { border: 1px solid #c8d3de; padding: 0.5rem 1rem; margin: 1rem 0 1.5rem; }
.contents h2 { margin-top: 0.5rem; }
.toc { list-style: none; padding-left: 0; }
.toc li { margin: 0.25rem 0; }
.meetings { padding-left: 1.25rem; }
.meetings li { margin: 0.5rem 0; }
.date, .detail { color: #333333; }
table { border-collapse: collapse; margin: 0 0 1rem; }
th, td { border: 1px solid #8a99a8; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f6; }
th p, td p { margin: 0 0 0.25rem; }
footer { border-top: 1px solid #c8d3de; margin-top: 2rem; padding-top: 0.5rem; font-size: 0.9rem; color: #333333; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; color: #000000; }
  .skip-link, .banner .up, footer { display: none; }
  a { color: #000000; }
  main a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 90%; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  li, p { orphans: 2; widows: 2; }
  .contents { border: none; padding: 0; }
}
`;
