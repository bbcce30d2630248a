/**
 * Paste keeps tables: Word's clipboard HTML (mso- styles, <o:p>, the header row Word repeats,
 * colspan, its conditional width row) and LibreOffice's (thead/th, rowspan, a table inside a
 * cell) become table blocks; merged cells are simplified honestly and the paste says so.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  maxTableColumns,
  maxTableRows,
  richTextSchema,
  type RichText,
  type Table,
} from '../../common/domain/richText';
import { pastedHtmlWithNotes } from '../../common/editor/htmlToRichText';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/paste/${name}`, import.meta.url), 'utf8');
const text = (value: string, format: { bold?: true; italic?: true } = {}) => ({
  type: 'text' as const,
  text: value,
  ...format,
});
const paragraph = (...children: ReturnType<typeof text>[]) => ({
  type: 'paragraph' as const,
  children,
});
const cell = (...paragraphs: ReturnType<typeof paragraph>[]) => ({ children: paragraphs });
const plain = (value: string) => cell(paragraph(text(value)));
const empty = { children: [] };

function paste(html: string): { content: RichText; notes: string[] } {
  const result = pastedHtmlWithNotes(html);
  expect(richTextSchema.safeParse(result.content).success).toBe(true);
  return result;
}

describe('pasting tables', () => {
  it('keeps a Word table: the header row Word repeats, cells of several paragraphs, colspan simplified, the width row and <o:p> dropped', () => {
    const { content, notes } = paste(fixture('word-table.html'));
    expect(content).toEqual([
      paragraph(text('Udvalget godkendte budgettet:')),
      {
        type: 'table',
        headerRow: true,
        rows: [
          {
            cells: [
              cell(paragraph(text('Post', { bold: true }))),
              cell(paragraph(text('2024', { bold: true }))),
              cell(paragraph(text('2025', { bold: true }))),
            ],
          },
          { cells: [plain('Administration'), plain('1.250.000'), plain('1.300.000')] },
          {
            cells: [
              cell(
                paragraph(text('Drift af '), text('Innovationshuset', { italic: true })),
                paragraph(text('inkl. husleje')),
              ),
              plain('Afventer budgetforlig'),
              empty,
            ],
          },
          {
            cells: [plain('I alt'), cell(paragraph(text('1.250.000', { bold: true }))), empty],
          },
        ],
      },
    ]);
    expect(notes).toEqual(['mergedCells']);
  });

  it('keeps a LibreOffice table: header from thead/th, rowspan simplified, a table in a cell flattened to its rows', () => {
    const { content, notes } = paste(fixture('libreoffice-table.html'));
    expect(content).toEqual([
      paragraph(text('Tilskud fra puljen:')),
      {
        type: 'table',
        headerRow: true,
        rows: [
          { cells: [plain('Ansøger'), plain('Formål'), plain('Beløb')] },
          { cells: [plain('Foreningen Æblehaven'), plain('Sommerlejr'), plain('25.000 kr.')] },
          // The rowspan's second row: its first cell is empty, the row's own cells move right.
          { cells: [empty, plain('Juletræsfest'), plain('5.000 kr.')] },
          {
            cells: [
              plain('Øresunds Roklub'),
              cell(paragraph(text('Både | 2 stk.')), paragraph(text('Årer | 8 stk.'))),
              plain('12.500 kr.'),
            ],
          },
        ],
      },
    ]);
    expect(notes.sort()).toEqual(['mergedCells', 'nestedTable']);
  });

  it('keeps an Excel range as a table (text straight in the cells, no header row claimed)', () => {
    const excel = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta name=ProgId content=Excel.Sheet><meta name=Generator content="Microsoft Excel 15">
<style><!--table {mso-displayed-decimal-separator:"\\,";} .xl65 {font-weight:700;} --></style></head>
<body link="#0563C1" vlink="#954F72">
<table border=0 cellpadding=0 cellspacing=0 width=256 style='border-collapse:collapse;width:192pt'>
<!--StartFragment-->
 <col width=128 style='width:96pt'>
 <col width=64 span=2 style='width:48pt'>
 <tr height=20 style='height:15.0pt'>
  <td height=20 class=xl65 width=128 style='height:15.0pt;width:96pt'>Navn</td>
  <td class=xl65 width=64 style='width:48pt'>For</td>
  <td class=xl65 width=64 style='width:48pt'>Imod</td>
 </tr>
 <tr height=20 style='height:15.0pt'>
  <td height=20 style='height:15.0pt'>Lone Hansen</td>
  <td align=right x:num>1</td>
  <td></td>
 </tr>
<!--EndFragment-->
</table>
</body>
</html>`;
    expect(paste(excel)).toEqual({
      content: [
        {
          type: 'table',
          headerRow: false,
          rows: [
            { cells: [plain('Navn'), plain('For'), plain('Imod')] },
            { cells: [plain('Lone Hansen'), plain('1'), empty] },
          ],
        },
      ],
      notes: [],
    });
  });

  it('keeps a Google Docs table with its bold header text', () => {
    const docs =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-4f2c"><div dir="ltr" style="margin-left:0pt;" align="left"><table style="border:none;border-collapse:collapse;"><colgroup><col width="200" /><col width="200" /></colgroup><tbody><tr style="height:0pt"><td style="border-left:solid #000000 1pt;vertical-align:top;padding:5pt 5pt 5pt 5pt;"><p dir="ltr" style="line-height:1.2;margin-top:0pt;margin-bottom:0pt;"><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:700;">Forslag</span></p></td><td style="vertical-align:top;"><p dir="ltr" style="line-height:1.2;"><span style="font-size:11pt;font-weight:700;">Resultat</span></p></td></tr><tr style="height:0pt"><td><p dir="ltr"><span style="font-weight:400;">Ændringsforslag fra V</span></p></td><td><p dir="ltr"><span style="font-weight:400;font-style:italic;">Forkastet</span></p></td></tr></tbody></table></div></b>';
    expect(paste(docs).content).toEqual([
      {
        type: 'table',
        headerRow: false,
        rows: [
          {
            cells: [
              cell(paragraph(text('Forslag', { bold: true }))),
              cell(paragraph(text('Resultat', { bold: true }))),
            ],
          },
          {
            cells: [
              plain('Ændringsforslag fra V'),
              cell(paragraph(text('Forkastet', { italic: true }))),
            ],
          },
        ],
      },
    ]);
  });

  it('takes the header row from th cells without thead, and none when the first row has td', () => {
    const withTh = paste(
      '<table><tr><th>Navn</th><th>Parti</th></tr><tr><td>Lone</td><td>C</td></tr></table>',
    ).content[0] as Table;
    expect(withTh.headerRow).toBe(true);
    const mixed = paste(
      '<table><tr><th>Navn</th><td>Parti</td></tr><tr><td>Lone</td><td>C</td></tr></table>',
    ).content[0] as Table;
    expect(mixed.headerRow).toBe(false);
  });

  it("takes Word's repeated heading rows as a header row even when the first row is not the last of them", () => {
    const table = paste(
      "<table class=MsoTableGrid><tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'><td><p class=MsoNormal>Budget<o:p></o:p></p></td><td></td></tr><tr style='mso-yfti-irow:1;mso-yfti-lastfirstrow:yes'><td><p class=MsoNormal>Post</p></td><td><p class=MsoNormal>Beløb</p></td></tr><tr style='mso-yfti-irow:2;mso-yfti-lastrow:yes'><td><p class=MsoNormal>Drift</p></td><td><p class=MsoNormal>10</p></td></tr></table>",
    ).content[0] as Table;
    expect(table.headerRow).toBe(true);
    const plainWord = paste(
      "<table class=MsoTableGrid><tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'><td><p class=MsoNormal>Post</p></td></tr><tr style='mso-yfti-irow:1;mso-yfti-lastrow:yes'><td><p class=MsoNormal>Drift</p></td></tr></table>",
    ).content[0] as Table;
    expect(plainWord.headerRow).toBe(false);
  });

  it('closes cells and rows whose end tags are left out, and fills short rows', () => {
    const { content, notes } = paste('<table><tr><td>a<td>b<tr><td>c</table><p>efter</p>');
    expect(content).toEqual([
      {
        type: 'table',
        headerRow: false,
        rows: [{ cells: [plain('a'), plain('b')] }, { cells: [plain('c'), empty] }],
      },
      paragraph(text('efter')),
    ]);
    expect(notes).toEqual([]);
  });

  it('keeps the text of a table wider or longer than the model allows, and says so', () => {
    const wide = `<table><tr>${Array.from({ length: maxTableColumns + 3 }, (_, i) => `<td>k${i + 1}</td>`).join('')}</tr></table>`;
    const result = paste(wide);
    const table = result.content[0] as Table;
    expect(table.rows[0]?.cells).toHaveLength(maxTableColumns);
    expect(table.rows[0]?.cells[maxTableColumns - 1]?.children.map((p) => p.children)).toEqual([
      [text(`k${maxTableColumns}`)],
      [text(`k${maxTableColumns + 1}`)],
      [text(`k${maxTableColumns + 2}`)],
      [text(`k${maxTableColumns + 3}`)],
    ]);
    expect(result.notes).toEqual(['largeTable']);
    const long = `<table>${Array.from({ length: maxTableRows + 1 }, (_, i) => `<tr><td>r${i}</td></tr>`).join('')}</table>`;
    const tables = paste(long).content;
    expect(tables.map((block) => (block as Table).rows.length)).toEqual([maxTableRows, 1]);
  });

  it('drops hidden rows and scripts in cells, keeps only safe links', () => {
    const { content } = paste(
      '<table><tr style="display:none"><td>skjult</td></tr><tr><td><script>x()</script><a href="javascript:alert(1)">a</a> <a href="https://gentofte.dk">b</a></td></tr></table>',
    );
    expect(content).toEqual([
      {
        type: 'table',
        headerRow: false,
        rows: [
          {
            cells: [
              cell({
                type: 'paragraph',
                children: [
                  text('a '),
                  { type: 'link', url: 'https://gentofte.dk', children: [text('b')] },
                ] as never,
              }),
            ],
          },
        ],
      },
    ]);
  });
});
