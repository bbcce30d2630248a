/**
 * Handlers of the agenda (dagsorden): its export (PDF, DOCX, HTML; the agenda or the
 * tillægsdagsorden), Udsend dagsorden (export, hand over, then record and freeze), and the
 * changes since sending. The rules live in main/node/services/agendaExport.ts and
 * main/node/storage/queries/agenda.ts.
 */
import { createHash } from 'node:crypto';
import { agendaDocx } from '../../docx/writeDocx';
import { htmlEdition } from '../../html/htmlEdition';
import { writeFileAtomically } from '../../services/atomicFile';
import {
  agendaChangeViews,
  agendaPdfBytes,
  agendaSnapshot,
  agendaSource,
} from '../../services/agendaExport';
import { editionFileName, meetingFileBase } from '../../services/editionExport';
import { handOverFile } from '../../services/handOver';
import { handOverHtmlEdition } from '../../services/htmlHandOver';
import type { Library } from '../../storage/library';
import {
  listAgendaSendings,
  recordAgendaSending,
  requireAgendaSendable,
} from '../../storage/queries/agenda';
import type { Handlers } from '../types';

/** The agenda requests. */
export type AgendaRequestName = 'agenda:status' | 'agenda:export' | 'agenda:send';

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The label of an agenda's file names: `dagsorden` or `tillaegsdagsorden`. */
export function agendaFileLabel(kind: 'agenda' | 'supplementary-agenda'): string {
  return kind === 'agenda' ? 'dagsorden' : 'tillaegsdagsorden';
}

export function createAgendaHandlers(library: Library): Pick<Handlers, AgendaRequestName> {
  const db = library.db;
  return {
    'agenda:status': (input) => {
      const sendings = listAgendaSendings(db, input.meetingId);
      const source = agendaSource(db, input.meetingId);
      return {
        sendings,
        changes: agendaChangeViews(source),
        supplementaryItemIds: source.document.agendaItems
          .filter((item) => item.isSupplementary === true)
          .map((item) => item.id),
      };
    },

    'agenda:export': async (input, ctx) => {
      const source = agendaSource(db, input.meetingId);
      const label = agendaFileLabel(input.document);
      const stem = meetingFileBase(db, input.meetingId);
      const notes = source.notes ? { changes: source.notes } : {};
      if (input.format === 'html') {
        const edition = htmlEdition(source.document, {
          filesDir: library.filesDir,
          agenda: { kind: input.document, ...notes },
        });
        const name = editionFileName(stem, 'public', 'html', label);
        const handed = await handOverHtmlEdition(ctx, name, edition.files);
        return {
          fileName: handed.fileName,
          bytes: edition.files.length,
          downloadUrl: handed.downloadUrl,
        };
      }
      const bytes =
        input.format === 'pdf'
          ? await agendaPdfBytes(source, input.document, input.edition)
          : await agendaDocx(source.document, {
              edition: input.edition,
              kind: input.document,
              ...notes,
            });
      const handed = await handOverFile(ctx, {
        fileName: editionFileName(stem, input.edition, input.format, label),
        mediaType: input.format === 'pdf' ? 'application/pdf' : docxType,
        write: (out) => writeFileAtomically(out, bytes),
      });
      return { fileName: handed.fileName, bytes: bytes.length, downloadUrl: handed.downloadUrl };
    },

    'agenda:send': async (input, ctx) => {
      // Refused before anything is exported or handed over.
      requireAgendaSendable(db, input.meetingId);
      const source = agendaSource(db, input.meetingId);
      const bytes = await agendaPdfBytes(source, 'agenda', 'full');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const handed = await handOverFile(ctx, {
        fileName: editionFileName(meetingFileBase(db, input.meetingId), 'full', 'pdf', 'dagsorden'),
        mediaType: 'application/pdf',
        write: (out) => writeFileAtomically(out, bytes),
      });
      // Recorded once the file has reached the user (a dismissed dialog records nothing).
      const sending = recordAgendaSending(db, {
        meetingId: input.meetingId,
        author: ctx.author ?? library.author,
        sha256,
        size: bytes.length,
        snapshot: agendaSnapshot(source.document),
      });
      return {
        fileName: handed.fileName,
        bytes: bytes.length,
        downloadUrl: handed.downloadUrl,
        sending,
      };
    },
  };
}
