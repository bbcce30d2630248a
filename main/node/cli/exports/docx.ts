/**
 * `referat export MEETING_ID --format docx [--edition full|public] [--document minutes|agenda|
 * supplementary-agenda] --out FILE.docx`: the minutes (or the agenda) as a Word document
 * (main/node/docx/writeDocx.ts).
 */
import { editionDocx } from '../../docx/writeDocx';
import { editionFileFormat } from './edition';

export const docxExport = editionFileFormat({
  name: 'docx',
  description:
    'the minutes or the agenda as a Word document (--edition full or public; --document)',
  make: async ({ document, request }) => ({ file: await editionDocx(document, request) }),
});
