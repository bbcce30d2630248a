/**
 * Copying across the bodies of the meeting document.
 *
 * Each body is an editor of its own, and a browser keeps a selection begun inside an editor
 * within that editor. A selection that spans several bodies (begun on a heading, or Ctrl+A
 * pressed again when a body is already wholly selected) is copied here as the user sees it:
 * headings, paragraphs, lists, bold, italic, underline and links as clean HTML, and as plain
 * text. Toolbars, buttons, form controls and editing panels are left out. A selection inside one
 * body is left to its editor: Lexical's own copy keeps its nodes for pasting into another body.
 */

/** What a copy puts on the clipboard. */
export type ClipboardContent = { html: string; text: string };

/** Controls and chrome that are never part of the copied text. */
const skippedSelector = [
  'button',
  'input',
  'select',
  'textarea',
  'nav',
  'form',
  'fieldset',
  'dialog',
  'script',
  'style',
  'template',
  '[hidden]',
  '[role="toolbar"]',
  '[role="alert"]',
  '[role="status"]',
  '.visually-hidden',
  '.editor-toolbar',
  '.body-field__tools',
  '.panel',
  '.document-tools',
].join(', ');

const headingTags = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** Blocks that stand on lines of their own in plain text (lists are written item by item). */
const blockTags = new Set([...headingTags, 'P', 'TABLE', 'TR']);
const keptTags = new Set([
  ...headingTags,
  'P',
  'UL',
  'OL',
  'LI',
  'BR',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TH',
  'TD',
]);
const safeHref = /^(https?:|mailto:)/i;

type Format = 'strong' | 'em' | 'u';

/** The text formats an element stands for: by its tag, or by Lexical's theme classes. */
function formatsOf(element: Element): Format[] {
  const formats: Format[] = [];
  const tag = element.tagName;
  const classes = element.classList;
  if (tag === 'STRONG' || tag === 'B' || classes.contains('editor-bold')) formats.push('strong');
  if (tag === 'EM' || tag === 'I' || classes.contains('editor-italic')) formats.push('em');
  if (tag === 'U' || classes.contains('editor-underline')) formats.push('u');
  return formats;
}

/** Whether the parts of `element` matching `selector` hold any text. */
function hasText(element: Element, selector: string): boolean {
  return [...element.querySelectorAll(selector)].some(
    (part) => (part.textContent ?? '').trim() !== '',
  );
}

/** Copies `source`'s children into `target` as clean nodes of `doc`. */
function cleanChildren(source: Node, target: Node, doc: Document): void {
  source.childNodes.forEach((child) => {
    const cleaned = cleanNode(child, doc);
    cleaned.forEach((node) => target.appendChild(node));
  });
}

/** One node of the copied selection as clean nodes: kept tags without attributes, or its children. */
function cleanNode(node: Node, doc: Document): Node[] {
  if (node.nodeType === Node.TEXT_NODE) return [doc.createTextNode(node.textContent ?? '')];
  if (!(node instanceof Element) || node.matches(skippedSelector)) return [];
  if (node.classList.contains('body-field') && !hasText(node, '.body-editor__content')) {
    // A body with no text, such as a section not written yet, is left out with its name.
    return [];
  }
  if (node.classList.contains('body-field__label')) {
    // The name of a body ("Beslutning", "Indstilling") as the document shows it above the text.
    const heading = doc.createElement('h4');
    heading.textContent = node.textContent ?? '';
    return heading.textContent.trim() ? [heading] : [];
  }
  if (node.classList.contains('badge')) return [doc.createTextNode(`(${node.textContent ?? ''})`)];
  const tag = node.tagName;
  if (tag === 'A') {
    const href = node.getAttribute('href') ?? '';
    const children = doc.createDocumentFragment();
    cleanChildren(node, children, doc);
    if (!safeHref.test(href)) return [children];
    const link = doc.createElement('a');
    link.setAttribute('href', href);
    link.appendChild(children);
    return [link];
  }
  if (keptTags.has(tag)) {
    const copy = doc.createElement(tag.toLowerCase());
    const start = tag === 'OL' ? node.getAttribute('start') : null;
    if (start && /^\d+$/.test(start)) copy.setAttribute('start', start);
    cleanChildren(node, copy, doc);
    // An empty paragraph of an editor (a <br> only) is not a line of the minutes.
    if (tag === 'P' && (copy.textContent ?? '').trim() === '') return [];
    return [copy];
  }
  if (node.classList.contains('meeting-document__preview')) {
    // A section not started yet shows its text plain, a line per block.
    return (node.textContent ?? '')
      .split(/\n+/)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const paragraph = doc.createElement('p');
        paragraph.textContent = line;
        return paragraph;
      });
  }
  const content = doc.createDocumentFragment();
  cleanChildren(node, content, doc);
  let result: Node = content;
  for (const format of formatsOf(node).reverse()) {
    const wrapper = doc.createElement(format);
    wrapper.appendChild(result);
    result = wrapper;
  }
  return [result];
}

/** A list item holding only a nested list (Lexical's shape of nesting). */
function isListHolder(item: Element): boolean {
  const children = [...item.childNodes].filter(
    (child) => child.nodeType !== Node.TEXT_NODE || (child.textContent ?? '').trim() !== '',
  );
  return (
    children.length > 0 &&
    children.every(
      (child) => child instanceof Element && (child.tagName === 'UL' || child.tagName === 'OL'),
    )
  );
}

/** Lines of plain text for a clean tree: blocks on lines of their own, list items numbered. */
function plainText(root: Node): string {
  const lines: string[] = [];
  let line = '';
  const endLine = () => {
    if (line.trim() !== '') lines.push(line.replace(/\s+$/, ''));
    line = '';
  };
  const visit = (node: Node, indent: string) => {
    if (node.nodeType === Node.TEXT_NODE) {
      line += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (!(node instanceof Element)) {
      node.childNodes.forEach((child) => visit(child, indent));
      return;
    }
    const tag = node.tagName;
    if (tag === 'BR') {
      endLine();
      return;
    }
    if (tag === 'UL' || tag === 'OL') {
      endLine();
      const start = Number(node.getAttribute('start') ?? '1') || 1;
      let index = 0;
      node.childNodes.forEach((child) => {
        if (child instanceof Element && child.tagName === 'LI' && isListHolder(child)) {
          // Lexical keeps a nested list in an item of its own, without a number.
          visit(child, `${indent}  `);
        } else if (child instanceof Element && child.tagName === 'LI') {
          endLine();
          line = `${indent}${tag === 'OL' ? `${start + index}.` : '•'} `;
          index += 1;
          visit(child, `${indent}  `);
          endLine();
        } else {
          visit(child, indent);
        }
      });
      // A blank line after a list, as after a paragraph; none after a nested one.
      if (indent === '' && lines[lines.length - 1] !== '') lines.push('');
      return;
    }
    if (tag === 'TD' || tag === 'TH') {
      if (line !== '') line += '\t';
      node.childNodes.forEach((child) => visit(child, indent));
      return;
    }
    const isBlock = blockTags.has(tag);
    if (isBlock) endLine();
    node.childNodes.forEach((child) => visit(child, indent));
    if (isBlock) {
      endLine();
      // A blank line after paragraphs and headings, as between them in the minutes.
      if (tag !== 'TR' && lines[lines.length - 1] !== '') lines.push('');
    }
  };
  visit(root, '');
  endLine();
  while (lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/**
 * The clipboard content of a selected range of the meeting document: clean HTML (headings,
 * paragraphs, lists, tables, bold, italic, underline, safe links; no classes, styles or
 * attributes) and plain text.
 */
export function clipboardFromRange(range: Range): ClipboardContent {
  const doc = range.startContainer.ownerDocument ?? document;
  const fragment = range.cloneContents();
  const clean = doc.createElement('div');
  cleanChildren(fragment, clean, doc);
  return { html: clean.innerHTML, text: plainText(clean) };
}

/**
 * Whether a selection should be copied by the document rather than by an editor: it is not
 * empty, lies within `page`, and is not inside a single body's editor.
 */
export function isDocumentSelection(selection: Selection | null, page: Element): boolean {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return false;
  const range = selection.getRangeAt(0);
  const common = range.commonAncestorContainer;
  const element = common instanceof Element ? common : common.parentElement;
  if (!element || !page.contains(element)) return false;
  // A selection inside one editor, or inside a form field, belongs to it.
  return element.closest('[contenteditable="true"], input, textarea') === null;
}

/**
 * Selects the whole minutes (the document page, without the outline and the tools) and moves
 * the focus to the page, so that keys pressed next cannot reach an editor the selection left.
 */
export function selectWholeDocument(page: HTMLElement): void {
  page.focus({ preventScroll: true });
  window.getSelection()?.selectAllChildren(page);
}

/** Whether the selection covers all the text of an editor's root (or the editor is empty). */
export function isWholeBodySelected(root: HTMLElement, selection: Selection | null): boolean {
  const text = (value: string) => value.replace(/\s+/g, '');
  const all = text(root.textContent ?? '');
  if (all === '') return true;
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return false;
  if (!root.contains(selection.getRangeAt(0).commonAncestorContainer)) return false;
  return text(selection.toString()) === all;
}
