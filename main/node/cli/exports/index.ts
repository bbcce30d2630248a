/**
 * The formats of `referat export --format`. Add a format by writing `<format>.ts` (an
 * `ExportFormat`) and adding one line here.
 */
import type { ExportFormat } from '../types';
import { bagExport } from './bag';
import { docxExport } from './docx';
import { htmlExport } from './html';
import { jsonExport } from './json';
import { pdfExport } from './pdf';

export const exportFormats: readonly ExportFormat[] = [
  jsonExport,
  bagExport,
  docxExport,
  pdfExport,
  htmlExport,
];
