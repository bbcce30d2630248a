/**
 * A small PDF/A-3b made by pdfkit for signing tests: tagged (H1 + P in the structure tree),
 * DejaVu embedded, an sRGB output intent (pdfkit's), language da-DK and `meeting.json` attached.
 */
import path from 'node:path';
import PDFDocument from 'pdfkit';

type TaggedDoc = PDFKit.PDFDocument & {
  struct(type: string, options?: Record<string, unknown>, children?: unknown): unknown;
  addStructure(element: unknown): TaggedDoc;
  file(data: Buffer, options: Record<string, unknown>): unknown;
};

const fontDir = path.resolve(import.meta.dirname, '../../resources/fonts');

/** Renders `pages` pages of minutes-like text; resolves with the PDF bytes. */
export function makeSamplePdf(pages = 2): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    tagged: true,
    lang: 'da-DK',
    displayTitle: true,
    autoFirstPage: false,
    info: {
      Title: 'Opgaveudvalget for innovation – referat',
      CreationDate: new Date(Date.UTC(2017, 11, 12, 15)),
    },
  } as PDFKit.PDFDocumentOptions) as TaggedDoc;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  doc.registerFont('body', path.join(fontDir, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(fontDir, 'DejaVuSans-Bold.ttf'));
  const meeting = JSON.stringify({
    format: 'referat/1',
    committee: 'Opgaveudvalget for innovation',
    date: '2017-12-12',
  });
  doc.file(Buffer.from(meeting), {
    name: 'meeting.json',
    type: 'application/json',
    relationship: 'Source',
    description: 'Mødets data (referat/1)',
    creationDate: new Date(Date.UTC(2017, 11, 12)),
    modifiedDate: new Date(Date.UTC(2017, 11, 12)),
  });
  for (let p = 0; p < pages; p++) {
    doc.addPage({ size: 'A4', margin: 56 });
    doc.addStructure(
      doc.struct('H1', {}, () => {
        doc
          .font('bold')
          .fontSize(16)
          .text(`Punkt ${p + 1}. Godkendelse af dagsorden – æøå ÆØÅ`);
      }),
    );
    doc.addStructure(
      doc.struct('P', {}, () => {
        doc
          .font('body')
          .fontSize(11)
          .text('Udvalget godkendte dagsordenen. Beslutning: tiltrådt. '.repeat(8));
      }),
    );
  }
  doc.end();
  return done;
}
