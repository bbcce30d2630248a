/**
 * The dispatcher never throws: inputs nested too deep, with too many keys or values, inputs
 * whose reading throws, and handlers that throw things that cannot even be inspected all answer
 * a typed `{ok:false,error}`. Through the HTTP host such an input answers 400 with the typed
 * error (it used to overflow the stack inside zod, outside the dispatcher's error handling, and
 * answer 500).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDispatcher,
  inputLimits,
  internalErrorMessage,
  type HandlerMap,
} from '../../main/node/api/dispatch';
import { maxListDepth } from '../../common/domain/richText';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { startHost, type Host } from '../../main/node/host/httpHost';
import { openLibrary, type Library } from '../../main/node/storage/library';
import { authenticatedHeaders, sendRaw } from '../storage/storageHelpers';

/** A rich-text list nested `depth` levels deep, built without recursion. */
function deepList(depth: number): unknown {
  let list: Record<string, unknown> = { type: 'list', ordered: false, items: [] };
  for (let i = 0; i < depth; i += 1)
    list = { type: 'list', ordered: false, items: [{ children: [], sublist: list }] };
  return list;
}

/** {@link deepList} as JSON text. */
function deepListJson(depth: number): string {
  const open = '{"type":"list","ordered":false,"items":[{"children":[],"sublist":';
  return `${open.repeat(depth)}{"type":"list","ordered":false,"items":[]}${'}]}'.repeat(depth)}`;
}

/** `[[[...]]]` nested `depth` levels. */
function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

const ctx: HandlerContext = { transport: 'cli' };

function dispatcherWith(handlers: Record<string, unknown>) {
  const logged: string[] = [];
  const dispatch = createDispatcher(handlers as unknown as HandlerMap<HandlerContext>, {
    isValidatingOutput: true,
    log: (line) => logged.push(line),
  });
  return { dispatch, logged };
}

describe('the dispatcher never throws', () => {
  const owner = { kind: 'meeting', meetingId: 'm1', field: 'summary' };
  const handlers = { 'bodies:save': () => ({ revision: 1, updatedAt: '2017-12-12T10:00:00Z' }) };

  it('answers invalid_input for a 50,000-deep list in bodies:save, naming the limit', async () => {
    const { dispatch } = dispatcherWith(handlers);
    const content = [deepList(50_000)];
    const result = await dispatch('bodies:save', { owner, content, baseRevision: 0 }, ctx);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringContaining(`nested more than ${inputLimits.maxDepth} levels`),
      },
    });
  });

  it('answers invalid_input for 50,000-deep arrays in any field and at the top', async () => {
    const { dispatch } = dispatcherWith(handlers);
    for (const input of [
      deepArray(50_000),
      { owner: deepArray(50_000), content: [], baseRevision: 0 },
    ]) {
      const result = await dispatch('bodies:save', input, ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });

  it('accepts the deepest list the editor makes (well inside the limit)', async () => {
    const { dispatch } = dispatcherWith(handlers);
    const content = [deepList(maxListDepth - 1)];
    const result = await dispatch('bodies:save', { owner, content, baseRevision: 0 }, ctx);
    expect(result).toEqual({ ok: true, value: { revision: 1, updatedAt: '2017-12-12T10:00:00Z' } });
  });

  it('answers too_large for an object with too many keys and an input with too many values', async () => {
    const { dispatch } = dispatcherWith(handlers);
    const manyKeys: Record<string, number> = {};
    for (let i = 0; i <= inputLimits.maxKeys; i += 1) manyKeys[`k${i}`] = i;
    const keys = await dispatch('bodies:save', { owner: manyKeys }, ctx);
    expect(keys).toMatchObject({ ok: false, error: { code: 'too_large' } });

    const manyValues = Array.from({ length: inputLimits.maxValues + 1 }, () => 0);
    const values = await dispatch('bodies:save', { owner, content: manyValues }, ctx);
    expect(values).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('answers internal when reading the input throws (a getter, a proxy)', async () => {
    const { dispatch, logged } = dispatcherWith(handlers);
    const getter = {
      get owner(): never {
        throw new Error('boom in a getter');
      },
    };
    const proxy = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom in ownKeys');
        },
      },
    );
    for (const input of [getter, proxy]) {
      const result = await dispatch('bodies:save', input, ctx);
      expect(result).toEqual({
        ok: false,
        error: { code: 'internal', message: internalErrorMessage },
      });
    }
    expect(logged.join('\n')).toContain('boom');
  });

  it('answers internal when a handler throws something that throws when inspected', async () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom on inspection');
        },
        getPrototypeOf: () => {
          throw new Error('boom on prototype');
        },
      },
    );
    const { dispatch } = dispatcherWith({
      'bodies:save': () => {
        throw hostile;
      },
    });
    const result = await dispatch('bodies:save', { owner, content: [], baseRevision: 0 }, ctx);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: internalErrorMessage },
    });
  });
});

describe('the HTTP host answers an over-deep call with 400 and the typed error', () => {
  let tempDir: string;
  let library: Library;
  let host: Host;

  beforeAll(async () => {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'referat-dispatch-limits-'));
    const rendererDir = path.join(tempDir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Referat</title>');
    library = openLibrary(path.join(tempDir, 'library.sqlite'));
    host = await startHost({
      library,
      handlers: createHandlers(library),
      rendererDir,
      dispatcher: { log: () => undefined },
    });
  });

  afterAll(async () => {
    await host?.close();
    library?.close();
    rmSync(tempDir, { recursive: true, force: true });
  });

  it('a 50,000-deep list in bodies:save answers 400 invalid_input and the host keeps answering', async () => {
    const headers = await authenticatedHeaders(host);
    const answer = await sendRaw(host.port, {
      method: 'POST',
      path: '/api/bodies:save',
      headers: { ...headers, 'Content-Type': 'application/json' },
      // Written out by hand: JSON.stringify itself recurses and would overflow here.
      body: `{"owner":{"kind":"meeting","meetingId":"m1","field":"summary"},"content":[${deepListJson(50_000)}],"baseRevision":0}`,
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const after = await sendRaw(host.port, {
      method: 'POST',
      path: '/api/committees:list',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(after.status).toBe(200);
  });
});

describe('a handler failing while its upload is released', () => {
  it('signatures:verify of an upload that is no PDF answers a typed error, with no unhandled rejection', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'referat-verify-upload-'));
    const library = openLibrary(path.join(dir, 'library.sqlite'));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const file = path.join(dir, 'not-a.pdf');
      writeFileSync(file, 'this is not a PDF');
      let released = 0;
      const ctx: HandlerContext = {
        transport: 'http',
        resolveUpload: () => ({ path: file, fileName: 'not-a.pdf' }),
        // The release takes a while, as removing a temporary file does.
        releaseUpload: async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          released += 1;
        },
      };
      const dispatch = createDispatcher(createHandlers(library), { log: () => undefined });
      const result = await dispatch('signatures:verify', { uploadId: 'a'.repeat(32) }, ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'damaged_file' } });
      expect(released).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      library.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
