/**
 * The author of revisions, corrections and approvals is the secretary's name from the library
 * setting (`settings:set`), never the operating-system login; before it is set the author is
 * "Referat". Bad names are refused by the contract and nothing is stored.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { dispatchExpecting, newLibrary } from './storageHelpers';

function setup() {
  // No `author` option: the library decides, as in the app and browser mode.
  const library = newLibrary({ author: undefined });
  const dispatch = createDispatcher(createHandlers(library, { version: '9.9.9' }), {
    isValidatingOutput: true,
    log: () => {},
  });
  const ctx: HandlerContext = { transport: 'http' };
  return { library, ...dispatchExpecting(dispatch, ctx) };
}

describe('the secretary name setting', () => {
  it('is null at first, and the author is "Referat", not the OS login', async () => {
    const { library, ok } = setup();
    expect(await ok('settings:get', {})).toEqual({ secretaryName: null });
    expect(library.author).toBe('Referat');
    const login = (() => {
      try {
        return os.userInfo().username;
      } catch {
        return null;
      }
    })();
    if (login && login !== 'Referat') expect(library.author).not.toBe(login);
  });

  it('names the author of an approval once set (trimmed)', async () => {
    const { library, ok } = setup();
    expect(await ok('settings:set', { secretaryName: '  Mette Holm ' })).toEqual({
      secretaryName: 'Mette Holm',
    });
    expect(await ok('settings:get', {})).toEqual({ secretaryName: 'Mette Holm' });
    expect(library.author).toBe('Mette Holm');
    const committee = await ok('committees:create', {
      name: 'Opgaveudvalget om Innovation',
      kind: 'paragraf17_udvalg',
      organisation: 'Gentofte Kommune',
      template: 'opgaveudvalg',
    });
    const { meeting } = await ok('meetings:create', {
      committeeId: committee.id,
      number: 5,
      date: '2017-12-12',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    await ok('meetings:approve', { id: meeting.id });
    const audit = await ok('audit:list', { meetingId: meeting.id });
    expect(audit.map((entry) => entry.author)).toEqual(['Mette Holm']);
  });

  it('refuses a blank or over-long name and keeps the old one', async () => {
    const { fail, ok } = setup();
    await ok('settings:set', { secretaryName: 'Mette Holm' });
    expect((await fail('settings:set', { secretaryName: '   ' })).code).toBe('invalid_input');
    expect((await fail('settings:set', { secretaryName: 'x'.repeat(201) })).code).toBe(
      'invalid_input',
    );
    expect(await ok('settings:get', {})).toEqual({ secretaryName: 'Mette Holm' });
  });
});
