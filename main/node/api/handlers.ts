/**
 * The implementation of every request of the API contract (common/contract/api.ts) over an
 * open library. Transports (Electron IPC, the HTTP host, the CLI) call these through the one
 * dispatcher (dispatch.ts), which validates the input first; handlers receive parsed input and
 * a HandlerContext (types.ts).
 *
 * Every handler's failures are DomainErrors: SQLite errors are mapped here (busy, damaged
 * library, constraint) so the dispatcher only ever sees typed errors or genuine bugs.
 */
import { getSetting, setSetting } from '../storage/queries/settings';
import packageJson from '../../../package.json';
import {
  readReferatDocument,
  referatFileName,
  serializeReferatDocument,
} from '../../../common/format/referatJson';
import { backupNow, listBackups } from '../storage/backup';
import { storeFile } from '../storage/fileStore';
import { exportMeetingDocument, importMeetingDocument } from '../storage/interchange';
import { storageErrorOf } from '../storage/errors';
import { secretaryNameSetting, type Library } from '../storage/library';
import {
  attachFileToAppendix,
  createAppendix,
  deleteAppendix,
  getAppendix,
  moveAppendix,
  updateAppendix,
} from '../storage/queries/appendices';
import { bodyHistory, saveBody } from '../storage/queries/bodies';
import { createCommittee, listCommittees, updateCommittee } from '../storage/queries/committees';
import { createItem, deleteItem, moveItem, updateItem } from '../storage/queries/items';
import {
  createMeeting,
  deleteMeeting,
  getMeetingDetail,
  listMeetings,
  proposeNextMeeting,
  requireDraftMeeting,
  updateMeeting,
} from '../storage/queries/meetings';
import { createMember, listMembers, moveMember, updateMember } from '../storage/queries/members';
import {
  createParticipant,
  deleteParticipant,
  updateParticipant,
} from '../storage/queries/participants';
import { createArchiveHandlers } from './handlers/archive';
import { createRecoveryHandlers } from './handlers/recovery';
import { createSearchHandlers } from './handlers/search';
import { createLifecycleHandlers } from './handlers/lifecycle';
import { createPdfHandlers } from './handlers/pdf';
import { createAgendaHandlers } from './handlers/agenda';
import { createSignatureHandlers } from './handlers/signatures';
import { createProfilesHandlers } from './handlers/profiles';
import { createStandardTextsHandlers } from './handlers/standardTexts';
import { incomingFile, mediaTypeFor, safeFileName } from './incomingFile';
import type { HandlerContext, Handlers } from './types';

export type { Handlers } from './types';

export type HandlerOptions = {
  /** Shown by `app:info`; defaults to package.json's version. */
  version?: string;
  /** Largest appendix file accepted. Default 500 MB. */
  maxAttachmentBytes?: number;
  /**
   * The platform appendix copies are made for (Windows marks them as downloaded). Default: the
   * running one; tests choose another.
   */
  platform?: NodeJS.Platform;
};

/**
 * Creates the handlers over `library` (which the caller opens and closes). Features with their
 * own area file (`handlers/<area>.ts`) are merged here; the `Handlers` type makes a request
 * without a handler a type error.
 */
export function createHandlers(library: Library, options: HandlerOptions = {}): Handlers {
  const db = library.db;
  const version = options.version ?? packageJson.version;
  const maxAttachmentBytes = options.maxAttachmentBytes ?? 500 * 1024 * 1024;
  const authorOf = (ctx: HandlerContext) => ctx.author ?? library.author;

  const handlers: Handlers = {
    'app:info': (_input, ctx) => ({ version, transport: ctx.transport, libraryName: library.name }),

    'settings:get': () => ({ secretaryName: getSetting(db, secretaryNameSetting) ?? null }),
    'settings:set': (input) => {
      setSetting(db, secretaryNameSetting, input.secretaryName);
      return { secretaryName: input.secretaryName };
    },

    'committees:list': () => listCommittees(db),
    'committees:create': (input) => createCommittee(db, input),
    'committees:update': (input) => updateCommittee(db, input),

    'members:list': (input) => listMembers(db, input),
    'members:create': (input) => createMember(db, input),
    'members:update': (input) => updateMember(db, input),
    'members:move': (input) => moveMember(db, input),

    'meetings:list': (input) => listMeetings(db, input),
    'meetings:proposeNext': (input) => proposeNextMeeting(db, input),
    'meetings:create': (input) => createMeeting(db, input),
    'meetings:get': (input) => getMeetingDetail(db, input.id),
    'meetings:update': (input) => updateMeeting(db, input),
    'meetings:delete': (input) => deleteMeeting(db, input),

    'participants:create': (input) => createParticipant(db, input),
    'participants:update': (input) => updateParticipant(db, input),
    'participants:delete': (input) => deleteParticipant(db, input),

    'items:create': (input) => createItem(db, input),
    'items:update': (input) => updateItem(db, input),
    'items:move': (input) => moveItem(db, input),
    'items:delete': (input) => deleteItem(db, input),

    'bodies:save': (input, ctx) => saveBody(db, { ...input, author: authorOf(ctx) }),
    'bodies:history': (input) => bodyHistory(db, input),

    'appendices:create': (input) => createAppendix(db, input),
    'appendices:update': (input) => updateAppendix(db, input),
    'appendices:move': (input) => moveAppendix(db, input),
    'appendices:delete': (input) => deleteAppendix(db, input),
    'appendices:attachFile': async (input, ctx) => {
      // Refuse before a dialog opens or bytes are copied.
      requireDraftMeeting(db, getAppendix(db, input.id).meetingId);
      const file = await incomingFile(input.uploadId, ctx);
      const stored = await storeFile(library.filesDir, file.path, { maxBytes: maxAttachmentBytes });
      const appendix = attachFileToAppendix(db, {
        id: input.id,
        file: {
          ...stored,
          name: safeFileName(file.fileName),
          mediaType: file.mediaType ?? mediaTypeFor(file.fileName),
        },
      });
      if (input.uploadId !== undefined) await ctx.releaseUpload?.(input.uploadId);
      return appendix;
    },

    'meetings:exportJson': (input) => {
      const document = exportMeetingDocument(db, input.id);
      return { fileName: referatFileName(document), json: serializeReferatDocument(document) };
    },
    'meetings:importJson': (input, ctx) => {
      const { document, notes } = readReferatDocument(input.json);
      const { meetingId } = importMeetingDocument(db, document, {
        onExisting: input.onExisting ?? 'refuse',
        author: authorOf(ctx),
      });
      return { meetingId, notes };
    },

    'library:backups': () => listBackups(library.path),
    'library:backupNow': () => backupNow(library),
    ...createRecoveryHandlers(library),

    ...createSearchHandlers(library),
    ...createArchiveHandlers(library, { maxAttachmentBytes, platform: options.platform }),
    ...createLifecycleHandlers(library),
    ...createSignatureHandlers(library),
    ...createStandardTextsHandlers(library),
    ...createProfilesHandlers(library),
    ...createPdfHandlers(library),
    ...createAgendaHandlers(library),
  };
  return withErrorMapping(handlers, library.path);
}

/** Wraps every handler so SQLite and file-system errors surface as DomainErrors. */
function withErrorMapping(handlers: Handlers, file: string): Handlers {
  const wrapped: Record<string, (input: unknown, ctx: HandlerContext) => unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [
    string,
    (input: unknown, ctx: HandlerContext) => unknown,
  ][]) {
    wrapped[name] = (input, ctx) => {
      try {
        const value = handler(input, ctx);
        return value instanceof Promise
          ? value.catch((error: unknown) => Promise.reject(mapped(error, file)))
          : value;
      } catch (error) {
        throw mapped(error, file);
      }
    };
  }
  return wrapped as unknown as Handlers;
}

/**
 * Typed errors pass; SQLite and file-system errors with a known meaning are mapped naming the
 * library; anything else (a bug, a zod error) passes to the dispatcher, which logs it.
 */
function mapped(error: unknown, file: string): unknown {
  return storageErrorOf(error, file) ?? error;
}
