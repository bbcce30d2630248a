import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createDispatcher,
  internalErrorMessage,
  type HandlerMap,
} from '../../main/node/api/dispatch';
import { DomainError } from '../../common/contract/result';

type Ctx = { transport: 'cli' };
const ctx: Ctx = { transport: 'cli' };

const committee = {
  id: 'c1',
  name: 'Opgaveudvalget om Innovation',
  kind: 'paragraf17_udvalg',
  organisation: 'Gentofte Kommune',
  template: 'opgaveudvalg',
};

/** A dispatcher over a few hand-written handlers; the log lines are collected for assertions. */
function setup(
  handlers: Record<string, (input: never, ctx: Ctx) => unknown>,
  isValidatingOutput = true,
) {
  const logged: string[] = [];
  const dispatch = createDispatcher(handlers as unknown as HandlerMap<Ctx>, {
    isValidatingOutput,
    log: (line) => logged.push(line),
  });
  return { dispatch, logged };
}

describe('dispatch', () => {
  it('answers unknown_request for names outside the contract', async () => {
    const { dispatch } = setup({});
    for (const name of ['nope:nothing', '__proto__', 'constructor', 42, null, undefined]) {
      const result = await dispatch(name, {}, ctx);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('unknown_request');
    }
  });

  it('answers unknown_request for a contract request without a handler', async () => {
    const { dispatch } = setup({});
    const result = await dispatch('committees:list', {}, ctx);
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown_request', message: 'The request committees:list is not available.' },
    });
  });

  it('validates input and lists every issue with its path, without calling the handler', async () => {
    let calls = 0;
    const { dispatch } = setup({
      'committees:create': () => {
        calls += 1;
        return committee;
      },
    });
    const result = await dispatch(
      'committees:create',
      { name: '  ', kind: 'club', organisation: 5, extra: true },
      ctx,
    );
    expect(calls).toBe(0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/^Invalid input for committees:create: /);
    for (const part of [
      'name: must not be empty',
      'kind:',
      'organisation:',
      'template:',
      '"extra"',
    ]) {
      expect(result.error.message).toContain(part);
    }
  });

  it('names nested paths in input issues', async () => {
    const { dispatch } = setup({
      'members:create': () => {
        throw new Error('not called');
      },
    });
    const result = await dispatch(
      'members:create',
      {
        committeeId: 'c1',
        member: { name: 'A', role: 'boss', party: 'a', isCitizen: false, isActive: true },
      },
      ctx,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('member.role:');
      expect(result.error.message).toContain('member.party: must be a party letter');
    }
  });

  it('passes validated input and the context to the handler and answers its value', async () => {
    const seen: unknown[] = [];
    const { dispatch } = setup({
      'committees:list': (input, context) => {
        seen.push(input, context);
        return [];
      },
    });
    // An absent input counts as {} for requests without fields.
    expect(await dispatch('committees:list', undefined, ctx)).toEqual({ ok: true, value: [] });
    expect(seen).toEqual([{}, ctx]);
  });

  it('maps a DomainError to its code and message', async () => {
    const { dispatch, logged } = setup({
      'meetings:get': () => {
        throw new DomainError('not_found', 'Meeting m9 does not exist.');
      },
    });
    expect(await dispatch('meetings:get', { id: 'm9' }, ctx)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'Meeting m9 does not exist.' },
    });
    expect(logged).toEqual([]);
  });

  it('maps a zod error raised inside a handler to invalid_input with paths', async () => {
    const { dispatch } = setup({
      'meetings:importJson': () =>
        z.object({ meeting: z.object({ number: z.number() }) }).parse({ meeting: { number: 'x' } }),
    });
    const result = await dispatch('meetings:importJson', { json: '{}' }, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toContain('meeting.number:');
    }
  });

  it('maps SQLITE_BUSY to busy', async () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const { dispatch } = setup({
      'committees:list': () => {
        throw busy;
      },
    });
    const result = await dispatch('committees:list', {}, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('busy');
  });

  it('hides the details of unexpected errors and logs them without the input', async () => {
    const { dispatch, logged } = setup({
      'committees:create': async () => {
        throw new TypeError('cannot read secret-internal-detail of undefined');
      },
    });
    const input = {
      name: 'Hemmeligt-kodeord-123',
      kind: 'staaende_udvalg',
      organisation: '',
      template: 'fagudvalg',
    };
    const result = await dispatch('committees:create', input, ctx);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: internalErrorMessage },
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('secret-internal-detail');
    expect(logged[0]).not.toContain('Hemmeligt-kodeord-123');
  });

  it('turns an output that breaks the contract into internal when validating output', async () => {
    const { dispatch, logged } = setup({
      'committees:create': () => ({ ...committee, kind: 'club' }),
    });
    const input = { name: 'X', kind: 'staaende_udvalg', organisation: '', template: 'fagudvalg' };
    const result = await dispatch('committees:create', input, ctx);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: internalErrorMessage },
    });
    expect(logged[0]).toContain('kind:');

    const lenient = setup({ 'committees:create': () => ({ ...committee, kind: 'club' }) }, false);
    expect((await lenient.dispatch('committees:create', input, ctx)).ok).toBe(true);
  });
});
