/**
 * The one API contract between the renderer (and every other client) and the main process.
 *
 * Each request is named `noun:verb` and has a zod schema for its input and its output.
 * The requests are defined by area in `common/contract/<area>.ts`, each served by
 * `main/node/api/handlers/<area>.ts`; this module merges the areas into `api` and re-exports
 * their schemas and types, so importers need only this one.
 * The same contract is served over Electron IPC (preload bridge) and by the local HTTP host
 * (browser mode); the CLI calls the same handlers. Results are `Result<T>` (see result.ts).
 *
 * Rule: no request accepts a file system path. Files enter through dialogs owned by the
 * main process, or as bytes uploaded by the page in browser mode.
 */
import type { z } from 'zod';
import { appApi } from './app';
import { committeesApi } from './committees';
import { profilesApi } from './profiles';
import { standardTextsApi } from './standardTexts';
import { meetingsApi } from './meetings';
import { interchangeApi } from './interchange';
import { archiveApi } from './archive';
import { recoveryApi } from './recovery';
import { searchApi } from './search';
import { lifecycleApi } from './lifecycle';
import { signaturesApi } from './signatures';
import { pdfApi } from './pdf';
import { agendaApi } from './agenda';
import type { Result } from './result';

export * from './app';
export * from './committees';
export * from './profiles';
export * from './standardTexts';
export * from './meetings';
export * from './interchange';
export * from './archive';
export * from './recovery';
export * from './search';
export * from './lifecycle';
export * from './signatures';
export * from './pdf';
export * from './agenda';

/**
 * Every request of the API, area by area. Keys are `noun:verb`; a new request goes into the
 * area it belongs to (or a new area, merged here).
 */
export const api = {
  ...appApi,
  ...committeesApi,
  ...profilesApi,
  ...standardTextsApi,
  ...meetingsApi,
  ...interchangeApi,
  ...archiveApi,
  ...recoveryApi,
  ...searchApi,
  ...lifecycleApi,
  ...signaturesApi,
  ...pdfApi,
  ...agendaApi,
} as const;

/** The API as a type: request names to schemas. */
export type Api = typeof api;
/** A request name such as `meetings:get`. */
export type RequestName = keyof Api;
/** The parsed input of a request. */
export type RequestInput<N extends RequestName> = z.input<Api[N]['input']>;
/** The output value of a request. */
export type RequestOutput<N extends RequestName> = z.output<Api[N]['output']>;

/** True when `name` is a request of the contract. */
export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}

/** The client side of the API as every transport offers it to the renderer. */
export type ApiClient = {
  call<N extends RequestName>(name: N, input: RequestInput<N>): Promise<Result<RequestOutput<N>>>;
};
