/**
 * The decision register and search snippets keep a decision's blocks apart: the decision text,
 * the vote (in the minutes' sentence, not only its subject) and a minority statement by party
 * letters, each its own sentence, never run together ("byrådet.Et flertal ...").
 */
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { dispatchExpecting, newLibrary } from './storageHelpers';

describe('decision register and search text', () => {
  it('separates the decision, the vote sentence and the dissent', async () => {
    const library = newLibrary();
    const dispatch = createDispatcher(createHandlers(library, { version: '9.9.9' }), {
      isValidatingOutput: true,
      log: () => {},
    });
    const ctx: HandlerContext = { transport: 'cli', author: 'Referent' };
    const { ok } = dispatchExpecting(dispatch, ctx, () => '');
    const committee = await ok('committees:create', {
      name: 'Teknik- og Miljøudvalget',
      kind: 'staaende_udvalg',
      organisation: 'Vejen Kommune',
      template: 'fagudvalg',
    });
    const detail = await ok('meetings:create', {
      committeeId: committee.id,
      number: 3,
      date: '2019-02-18',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    const item = await ok('items:create', {
      meetingId: detail.meeting.id,
      item: {
        title: 'Trafikplan',
        isClosed: false,
        publicTitle: '',
        caseId: '19/1234',
        documentNumber: '',
        presenter: '',
        kind: 'decision',
      },
    });
    await ok('bodies:save', {
      owner: { kind: 'item', itemId: item.id, field: 'decision' },
      baseRevision: 0,
      content: [
        { type: 'paragraph', children: [{ type: 'text', text: 'Anbefales over for byrådet.' }] },
        {
          type: 'vote',
          subject: 'indstillingen',
          for: { participantIds: [], parties: ['A', 'V'], count: 5 },
          against: { participantIds: [], parties: ['O'], count: 2 },
          abstained: { participantIds: [], parties: [], count: null },
          outcome: 'recommended',
        },
        {
          type: 'dissent',
          kind: 'minority',
          participantId: null,
          parties: ['O'],
          text: 'Trafikplanen tager ikke hensyn til landdistrikterne.',
        },
      ],
    });

    const register = await ok('decisions:list', { caseId: '19/1234' });
    const text = register.cases[0]?.entries[0]?.decisionText ?? '';
    // Each block its own sentence, the vote as the minutes print it (not only its subject).
    expect(text).toBe(
      'Anbefales over for byrådet. Et flertal (A og V) stemte for. To medlemmer (O) stemte imod. Indstillingen anbefales. Mindretalsudtalelse fra O: Trafikplanen tager ikke hensyn til landdistrikterne.',
    );

    const found = await ok('search:query', { text: 'landdistrikterne' });
    const snippet = JSON.stringify(found);
    expect(snippet).toContain('landdistrikterne');
    expect(snippet).not.toContain('byrådet.Et');
  });
});
