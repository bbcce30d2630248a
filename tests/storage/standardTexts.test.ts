/**
 * Standard decision texts through the real dispatcher on a real library: the built-in list,
 * saving, ordering, validation, the empty list and deletion with the committee's library.
 */
import { describe, expect, it } from 'vitest';
import type { RequestInput, RequestName, RequestOutput } from '../../common/contract/api';
import type { ApiError } from '../../common/contract/result';
import { defaultStandardTexts } from '../../common/editor/standardTexts';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { newLibrary, open } from './storageHelpers';

function setup(library = newLibrary()) {
  const dispatch = createDispatcher(createHandlers(library), { isValidatingOutput: true });
  const ctx: HandlerContext = { transport: 'cli', author: 'Referent' };
  const ok = async <N extends RequestName>(
    name: N,
    input: RequestInput<N>,
  ): Promise<RequestOutput<N>> => {
    const result = await dispatch(name, input, ctx);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as RequestOutput<N>;
  };
  const fail = async (name: RequestName, input: unknown): Promise<ApiError> => {
    const result = await dispatch(name, input, ctx);
    if (result.ok) throw new Error(`${name} succeeded`);
    return result.error;
  };
  return { library, ok, fail };
}

async function committee(ok: ReturnType<typeof setup>['ok']) {
  return ok('committees:create', {
    name: 'Økonomiudvalget',
    kind: 'staaende_udvalg',
    organisation: 'Gentofte Kommune',
    template: 'fagudvalg',
  });
}

describe('standard decision texts', () => {
  it('gives a new committee the built-in list', async () => {
    const { ok } = setup();
    const c = await committee(ok);
    expect(await ok('standardTexts:get', { committeeId: c.id })).toEqual({
      texts: [...defaultStandardTexts],
      isDefault: true,
    });
  });

  it('saves a committee list in order, trimmed, and keeps it after reopening the library', async () => {
    const { ok, library } = setup();
    const c = await committee(ok);
    const saved = await ok('standardTexts:save', {
      committeeId: c.id,
      texts: ['  Anbefales over for Kommunalbestyrelsen. ', 'Godkendt.', 'Udsat til næste møde.'],
    });
    expect(saved).toEqual({
      texts: ['Anbefales over for Kommunalbestyrelsen.', 'Godkendt.', 'Udsat til næste møde.'],
      isDefault: false,
    });
    const file = library.path;
    library.close();
    const reopened = setup(open(file));
    expect((await reopened.ok('standardTexts:get', { committeeId: c.id })).texts).toEqual(
      saved.texts,
    );
  });

  it('keeps each committee its own list, and an empty list returns to the built-in one', async () => {
    const { ok } = setup();
    const a = await committee(ok);
    const b = await committee(ok);
    await ok('standardTexts:save', { committeeId: a.id, texts: ['Taget til efterretning.'] });
    expect((await ok('standardTexts:get', { committeeId: b.id })).isDefault).toBe(true);
    expect(await ok('standardTexts:save', { committeeId: a.id, texts: [] })).toEqual({
      texts: [...defaultStandardTexts],
      isDefault: true,
    });
  });

  it('refuses empty, duplicate, too long and too many texts, and writes nothing', async () => {
    const { ok, fail } = setup();
    const c = await committee(ok);
    await ok('standardTexts:save', { committeeId: c.id, texts: ['Godkendt.'] });
    for (const texts of [
      ['   '],
      ['Godkendt.', ' Godkendt. '],
      ['x'.repeat(1001)],
      Array.from({ length: 51 }, (_, i) => `T${i}`),
    ]) {
      const error = await fail('standardTexts:save', { committeeId: c.id, texts });
      expect(error.code).toBe('invalid_input');
    }
    expect(
      (await fail('standardTexts:save', { committeeId: c.id, texts: ['A', 'A'] })).message,
    ).toMatch(/listed twice/);
    expect((await ok('standardTexts:get', { committeeId: c.id })).texts).toEqual(['Godkendt.']);
  });

  it('answers not_found for an unknown committee', async () => {
    const { fail } = setup();
    expect((await fail('standardTexts:get', { committeeId: 'missing' })).code).toBe('not_found');
    expect(
      (await fail('standardTexts:save', { committeeId: 'missing', texts: ['Godkendt.'] })).code,
    ).toBe('not_found');
  });
});
