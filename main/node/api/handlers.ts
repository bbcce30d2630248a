/**
 * The implementation of every request of the API contract (common/contract/api.ts) over an
 * open library, assembled from one handler file per contract area (handlers/<area>.ts).
 * Transports (Electron IPC, the HTTP host, the CLI) call these through the one dispatcher
 * (dispatch.ts), which validates the input first; handlers receive parsed input and a
 * HandlerContext (types.ts).
 *
 * Every handler's failures are DomainErrors: SQLite errors are mapped here (busy, damaged
 * library, constraint) so the dispatcher only ever sees typed errors or genuine bugs.
 */
import packageJson from '../../../package.json';
import { storageErrorOf } from '../storage/errors';
import type { Library } from '../storage/library';
import { createAppHandlers } from './handlers/app';
import { createArchiveHandlers } from './handlers/archive';
import { createCommitteesHandlers } from './handlers/committees';
import { createInterchangeHandlers } from './handlers/interchange';
import { createLifecycleHandlers } from './handlers/lifecycle';
import { createMeetingsHandlers } from './handlers/meetings';
import { createPdfHandlers } from './handlers/pdf';
import { createAgendaHandlers } from './handlers/agenda';
import { createProfilesHandlers } from './handlers/profiles';
import { createRecoveryHandlers } from './handlers/recovery';
import { createSearchHandlers } from './handlers/search';
import { createSignatureHandlers } from './handlers/signatures';
import { createStandardTextsHandlers } from './handlers/standardTexts';
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
 * Creates the handlers over `library` (which the caller opens and closes): one area file
 * (`handlers/<area>.ts`) per contract area (`common/contract/<area>.ts`), merged here; the
 * `Handlers` type makes a request without a handler a type error.
 */
export function createHandlers(library: Library, options: HandlerOptions = {}): Handlers {
  const maxAttachmentBytes = options.maxAttachmentBytes ?? 500 * 1024 * 1024;
  const handlers: Handlers = {
    ...createAppHandlers(library, options.version ?? packageJson.version),
    ...createCommitteesHandlers(library),
    ...createProfilesHandlers(library),
    ...createStandardTextsHandlers(library),
    ...createMeetingsHandlers(library, maxAttachmentBytes),
    ...createInterchangeHandlers(library),
    ...createArchiveHandlers(library, { maxAttachmentBytes, platform: options.platform }),
    ...createRecoveryHandlers(library),
    ...createSearchHandlers(library),
    ...createLifecycleHandlers(library),
    ...createSignatureHandlers(library),
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
