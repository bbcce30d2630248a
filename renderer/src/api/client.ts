/**
 * The renderer's side of the one API contract. In Electron the preload bridge
 * (`window.referat.call`) carries requests over IPC; in browser mode they go to the local HTTP
 * host as `POST /api/<name>`, authenticated by the session cookie the host set when the start
 * address's one-time launch code was exchanged (HttpOnly: this page never sees it).
 */
import type {
  ApiClient,
  RequestInput,
  RequestName,
  RequestOutput,
} from '../../../common/contract/api';
import type { ApiError, Result } from '../../../common/contract/result';

/** What the Electron preload exposes through contextBridge. */
export type ReferatBridge = {
  call(name: string, input: unknown): Promise<Result<unknown>>;
};

declare global {
  interface Window {
    referat?: ReferatBridge;
  }
}

/** Bodies up to this size are sent with `keepalive`, so a save started while the page unloads completes. */
const keepaliveLimit = 60 * 1024;

/** The client the app uses, plus the browser-mode upload and transport facts. */
export type RendererClient = ApiClient & {
  /** True in the Electron app (files are chosen by main's dialog, not uploaded). */
  readonly isElectron: boolean;
  /**
   * Uploads a file's bytes to the HTTP host (browser mode only) and answers the upload id
   * to pass to `appendices:attachFile`.
   */
  upload(file: File): Promise<Result<{ uploadId: string }>>;
};

function failure(code: ApiError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { ok?: unknown; error?: unknown };
  if (record.ok === true) return 'value' in record;
  if (record.ok !== false || typeof record.error !== 'object' || record.error === null)
    return false;
  const error = record.error as { code?: unknown; message?: unknown };
  return typeof error.code === 'string' && typeof error.message === 'string';
}

async function readResult(response: Response): Promise<Result<unknown>> {
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    return failure('internal', `The host answered ${response.status} without a readable result.`);
  }
  if (isResult(parsed)) return parsed;
  return failure('internal', `The host answered ${response.status} with an unexpected result.`);
}

function networkFailure(error: unknown): Result<never> {
  const detail = error instanceof Error ? error.message : String(error);
  return failure('internal', `No connection to Referat (${detail}).`);
}

/** The HTTP transport of browser mode (same origin: the session cookie goes along). */
export function createHttpClient(base = ''): RendererClient {
  return {
    isElectron: false,
    async call<N extends RequestName>(
      name: N,
      input: RequestInput<N>,
    ): Promise<Result<RequestOutput<N>>> {
      const body = JSON.stringify(input ?? {});
      try {
        const response = await fetch(`${base}/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body,
          credentials: 'same-origin',
          cache: 'no-store',
          keepalive: body.length < keepaliveLimit,
        });
        return (await readResult(response)) as Result<RequestOutput<N>>;
      } catch (error) {
        return networkFailure(error);
      }
    },
    async upload(file: File): Promise<Result<{ uploadId: string }>> {
      try {
        const response = await fetch(`${base}/upload`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/octet-stream',
            'X-Referat-Filename': encodeURIComponent(file.name),
          },
          body: file,
          credentials: 'same-origin',
          cache: 'no-store',
        });
        const result = await readResult(response);
        if (!result.ok) return result;
        const value = result.value as { uploadId?: unknown };
        if (typeof value?.uploadId !== 'string')
          return failure('internal', 'The upload answer has no uploadId.');
        return { ok: true, value: { uploadId: value.uploadId } };
      } catch (error) {
        return networkFailure(error);
      }
    },
  };
}

/** The IPC transport of the Electron app. */
export function createBridgeClient(bridge: ReferatBridge): RendererClient {
  return {
    isElectron: true,
    async call<N extends RequestName>(
      name: N,
      input: RequestInput<N>,
    ): Promise<Result<RequestOutput<N>>> {
      try {
        const result = await bridge.call(name, input ?? {});
        if (isResult(result)) return result as Result<RequestOutput<N>>;
        return failure('internal', 'The main process answered with an unexpected result.');
      } catch (error) {
        return failure('internal', error instanceof Error ? error.message : String(error));
      }
    },
    upload(): Promise<Result<{ uploadId: string }>> {
      return Promise.resolve(
        failure(
          'invalid_input',
          'Uploads are for browser mode; the app attaches files through its dialog.',
        ),
      );
    },
  };
}

/** The client for this window: the preload bridge when present, else HTTP with the session cookie. */
export function createClient(): RendererClient {
  if (window.referat && typeof window.referat.call === 'function')
    return createBridgeClient(window.referat);
  return createHttpClient();
}
