// @vitest-environment happy-dom
/**
 * Copying a selection that spans several bodies of the meeting document: the clipboard gets
 * the text as the document shows it (clean HTML and plain text), without the toolbars, buttons,
 * editing panels and the markup of the editors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  clipboardFromRange,
  isDocumentSelection,
  isWholeBodySelected,
} from '../../renderer/src/editor/documentCopy';

/** A page shaped like MeetingDocument's: a started body, a far section's preview, attendance. */
const pageHtml = `
<article class="meeting-document__page" tabindex="-1">
  <p class="meeting-document__title">(Åben) 5. møde i Opgaveudvalget den 12. december 2017</p>
  <section class="meeting-document__section">
    <div class="body-field" data-body-field="summary">
      <span class="field__label body-field__label" aria-hidden="true">Resumé</span>
      <div class="body-editor">
        <div class="editor-toolbar" role="toolbar"><button type="button">F</button></div>
        <div class="body-editor__content" contenteditable="true" role="textbox">
          <p class="editor-p" dir="ltr"><span data-lexical-text="true">Mødet indledes med </span><strong class="editor-bold" data-lexical-text="true">velkomst</strong><span data-lexical-text="true">.</span></p>
          <ol class="editor-ol" start="3"><li class="editor-li" value="3"><span data-lexical-text="true">Projektafrunding</span></li><li class="editor-li" value="4"><em class="editor-italic editor-underline" data-lexical-text="true">Evaluering</em></li></ol>
          <p class="editor-p"><a class="editor-link" href="https://gentofte.dk/"><span>gentofte.dk</span></a> og <a href="javascript:alert(1)">farlig</a></p>
        </div>
      </div>
      <div class="button-row body-field__tools"><button type="button">Historik</button></div>
    </div>
  </section>
  <section class="meeting-document__section">
    <div class="body-field" data-body-field="previousDecisions">
      <span class="field__label body-field__label" aria-hidden="true">Tidligere beslutninger</span>
      <div class="body-editor"><div class="body-editor__content" contenteditable="true"><p class="editor-p"><br></p></div></div>
    </div>
  </section>
  <section class="meeting-document__section meeting-document__item">
    <h3 class="meeting-document__ad">Ad Budget <span class="badge">Lukket</span></h3>
    <div class="meeting-document__lazy"><div class="meeting-document__preview">Godkendt.

Udvalget ønsker en status i marts.</div></div>
  </section>
  <section class="meeting-document__section meeting-document__attendance">
    <h2 class="meeting-document__heading">Medlemmer</h2>
    <ul class="meeting-document__members"><li>Ole Bendixen (formand)</li><li>Karin Schmidt</li></ul>
    <button type="button">Rediger fremmøde</button>
    <section class="panel"><h2>Fremmøde</h2><input value="Ole Bendixen"></section>
    <p class="visually-hidden" role="status">Gemt</p>
  </section>
</article>`;

function mountPage(): HTMLElement {
  document.body.innerHTML = pageHtml;
  return document.querySelector<HTMLElement>('.meeting-document__page')!;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('copying across the bodies of the meeting document', () => {
  it('puts the whole page on the clipboard as clean HTML, without controls or editor markup', () => {
    const page = mountPage();
    const range = document.createRange();
    range.selectNodeContents(page);
    const { html } = clipboardFromRange(range);
    expect(html).not.toMatch(/class=|contenteditable|data-lexical|tabindex|aria-|role=|dir=/);
    expect(html).not.toMatch(/Historik|Rediger fremmøde|<button|<input|Fremmøde|Gemt|javascript/);
    // An empty body is left out with its name, and so is an editor's empty paragraph.
    expect(html).not.toMatch(/Tidligere beslutninger|<p><br><\/p>|<p><\/p>/);
    expect(html.replace(/\s+/g, ' ')).toContain(
      '<p>Mødet indledes med <strong>velkomst</strong>.</p>',
    );
    expect(html).toContain('<h4>Resumé</h4>');
    expect(html).toContain(
      '<ol start="3"><li>Projektafrunding</li><li><em><u>Evaluering</u></em></li></ol>',
    );
    expect(html).toContain('<a href="https://gentofte.dk/">gentofte.dk</a> og farlig');
    expect(html).toContain('<h3>Ad Budget (Lukket)</h3>');
    // A far section's plain preview becomes its paragraphs.
    expect(html).toContain('<p>Godkendt.</p><p>Udvalget ønsker en status i marts.</p>');
    expect(html).toContain('<ul><li>Ole Bendixen (formand)</li><li>Karin Schmidt</li></ul>');
  });

  it('writes plain text with blocks on their own lines and list items numbered', () => {
    const page = mountPage();
    const range = document.createRange();
    range.selectNodeContents(page);
    expect(clipboardFromRange(range).text).toBe(
      [
        '(Åben) 5. møde i Opgaveudvalget den 12. december 2017',
        '',
        'Resumé',
        '',
        'Mødet indledes med velkomst.',
        '',
        '3. Projektafrunding',
        '4. Evaluering',
        '',
        'gentofte.dk og farlig',
        '',
        'Ad Budget (Lukket)',
        '',
        'Godkendt.',
        '',
        'Udvalget ønsker en status i marts.',
        '',
        'Medlemmer',
        '',
        '• Ole Bendixen (formand)',
        '• Karin Schmidt',
      ].join('\n'),
    );
  });

  it('copies a selection from a heading into the middle of a preview as far as it goes', () => {
    const page = mountPage();
    const heading = page.querySelector('h3')!;
    const preview = page.querySelector('.meeting-document__preview')!.firstChild!;
    const range = document.createRange();
    range.setStart(heading.firstChild!, 3);
    range.setEnd(preview, 'Godkendt.\n\nUdvalget'.length);
    const { text } = clipboardFromRange(range);
    expect(text).toBe(['Budget (Lukket)', '', 'Godkendt.', '', 'Udvalget'].join('\n'));
  });

  it('leaves a selection inside one body to its editor, and takes one spanning bodies', () => {
    const page = mountPage();
    const editable = page.querySelector('[contenteditable="true"]')!;
    const inside = document.createRange();
    inside.selectNodeContents(editable.querySelector('p')!);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(inside);
    expect(isDocumentSelection(selection, page)).toBe(false);

    const across = document.createRange();
    across.setStart(page.querySelector('.meeting-document__title')!.firstChild!, 0);
    across.setEnd(page.querySelector('h3')!.firstChild!, 2);
    selection.removeAllRanges();
    selection.addRange(across);
    expect(isDocumentSelection(selection, page)).toBe(true);

    selection.collapseToStart();
    expect(isDocumentSelection(selection, page)).toBe(false);
  });

  it('indents nested lists in plain text without an empty item for the holder', () => {
    document.body.innerHTML =
      '<div id="list"><ul class="editor-ul"><li>Økonomi</li><li class="editor-li--nested"><ul><li>Drift</li><li>Anlæg</li></ul></li><li>Tidsplan</li></ul></div>';
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('list')!);
    expect(clipboardFromRange(range).text).toBe(
      ['• Økonomi', '  • Drift', '  • Anlæg', '• Tidsplan'].join('\n'),
    );
  });

  it('tells a wholly selected body (or an empty one) from a partly selected one', () => {
    const page = mountPage();
    const editable = page.querySelector<HTMLElement>('[contenteditable="true"]')!;
    const selection = window.getSelection()!;
    const range = document.createRange();
    range.selectNodeContents(editable);
    selection.removeAllRanges();
    selection.addRange(range);
    expect(isWholeBodySelected(editable, selection)).toBe(true);

    const part = document.createRange();
    part.selectNodeContents(editable.querySelector('p')!);
    selection.removeAllRanges();
    selection.addRange(part);
    expect(isWholeBodySelected(editable, selection)).toBe(false);

    editable.innerHTML = '<p><br></p>';
    expect(isWholeBodySelected(editable, selection)).toBe(true);
  });
});
