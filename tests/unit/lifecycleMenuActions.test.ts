import { describe, expect, it } from 'vitest';
import { actionsFor } from '../../renderer/src/meeting/LifecycleMenu';

const ids = (status: Parameters<typeof actionsFor>[0]) => actionsFor(status).map((a) => a.id);

describe('the Handlinger menu offers only what the meeting status allows', () => {
  it('a draft: export, send the agenda, approve, share, history; no signing, corrections or archiving', () => {
    expect(ids('draft')).toEqual(['pdf', 'agenda', 'approve', 'share', 'history']);
  });

  it('approved and signed minutes: signing, corrections and archiving, no second approval', () => {
    for (const status of ['approved', 'signed'] as const)
      expect(ids(status)).toEqual(['pdf', 'sign', 'corrections', 'share', 'archive', 'history']);
  });

  it('archived minutes: no signing any more', () => {
    expect(ids('archived')).toEqual(['pdf', 'corrections', 'share', 'archive', 'history']);
  });

  it('each action opens the side panel part that does it', () => {
    const panels = Object.fromEntries(actionsFor('approved').map((a) => [a.id, a.panel]));
    expect(panels).toEqual({
      pdf: 'pdf',
      sign: 'lifecycle',
      corrections: 'lifecycle',
      share: 'share',
      archive: 'share',
      history: 'lifecycle',
    });
  });
});
