/**
 * `referat export MEETING_ID --format pdf [--edition full|public] [--document minutes|agenda|
 * supplementary-agenda] --out FILE.pdf`: the minutes (or the agenda) as an archival PDF/A-3b and
 * PDF/UA-1 (main/node/pdf/writePdf.ts). A public export is refused with the
 * list of places when the public edition holds a CPR number; warnings about citizen members
 * named in the text go to standard error.
 */
import { editionPdfFile } from '../../pdf/writePdf';
import { editionFileFormat } from './edition';

export const pdfExport = editionFileFormat({
  name: 'pdf',
  description:
    'the minutes or the agenda as an archival, accessible PDF (PDF/A-3b, PDF/UA-1) with meeting.json inside (--edition full or public; --document)',
  make: ({ document, request }) => editionPdfFile(document, request),
});
