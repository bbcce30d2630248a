/**
 * The editor takes the meeting's and the items' text bodies from the minutes profile, in its
 * order and under its labels (as the PDF prints them), never from the template; a body with
 * text the profile has no place for is still offered; the document's find/copy/undo order
 * (`documentEntries`) is the order on screen.
 */
import { describe, expect, it } from 'vitest';
import type { MeetingDetail } from '../../common/contract/api';
import { emptyBody, type Body } from '../../common/domain/model';
import {
  builtInProfile,
  profileForTemplate,
  type MinutesProfile,
} from '../../common/domain/profiles';
import { documentEntries } from '../../renderer/src/editor/DocumentTools';
import { fieldLabel, meetingBodySlots } from '../../renderer/src/editor/itemBodyOrder';

const withText = (text: string): Body => ({
  ...emptyBody(),
  content: [{ type: 'paragraph', children: [{ type: 'text', text }] }],
});

const reversed: MinutesProfile = {
  ...profileForTemplate('opgaveudvalg'),
  id: 'omvendt',
  meetingSections: [
    { field: 'previousDecisions', label: 'Forudgående beslutninger:' },
    { field: 'summary', label: 'Dagsordenens punkter' },
  ],
};

describe('meeting-level bodies in the editor follow the minutes profile', () => {
  it('takes the sections, their order and labels from the profile', () => {
    const bodies = { summary: emptyBody(), previousDecisions: emptyBody() };
    expect(meetingBodySlots(reversed, bodies)).toEqual([
      { field: 'previousDecisions', label: 'Forudgående beslutninger:' },
      { field: 'summary', label: 'Dagsordenens punkter' },
    ]);
    expect(meetingBodySlots(profileForTemplate('opgaveudvalg'), bodies)).toEqual([
      { field: 'summary', label: 'Resumé' },
      { field: 'previousDecisions', label: 'Tidligere beslutninger:' },
    ]);
  });

  it('shows no empty meeting body a profile has no place for, but always one with text', () => {
    const protokol = builtInProfile('beslutningsprotokol');
    if (!protokol) throw new Error('missing built-in profile');
    expect(
      meetingBodySlots(protokol, { summary: emptyBody(), previousDecisions: emptyBody() }),
    ).toEqual([]);
    expect(
      meetingBodySlots(protokol, {
        summary: emptyBody(),
        previousDecisions: withText('Økonomiudvalget 3. maj 2021, pkt. 12.'),
      }),
    ).toEqual([{ field: 'previousDecisions', label: null }]);
  });

  it('names a field by the printed heading without its colon, in the UI language', () => {
    expect(fieldLabel('Tidligere beslutninger:', 'da')).toBe('Tidligere beslutninger');
    expect(fieldLabel('Tidligere beslutninger:', 'en')).toBe('Previous decisions');
    expect(fieldLabel('Sagens kerne', 'da')).toBe('Sagens kerne');
    expect(fieldLabel(null, 'da')).toBeUndefined();
  });

  it('orders the document bodies (find, copy, undo) as the screen shows them', () => {
    const protokol = builtInProfile('beslutningsprotokol');
    if (!protokol) throw new Error('missing built-in profile');
    const item = {
      id: 'item-1',
      isClosed: false,
      position: 0,
      bodies: { decision: emptyBody() },
    };
    const detail = {
      meeting: { id: 'meeting-1', template: 'opgaveudvalg' },
      profile: protokol,
      bodies: { summary: emptyBody(), previousDecisions: withText('Tidligere.') },
      items: [item],
    } as unknown as MeetingDetail;
    expect(documentEntries(detail).map((entry) => entry.key)).toEqual([
      'body:meeting:meeting-1:previousDecisions',
      'body:item:item-1:decisionAuthority',
      'body:item:item-1:summary',
      'body:item:item-1:recommendation',
      'body:item:item-1:previousDecisions',
      'body:item:item-1:decision',
      'body:item:item-1:casePresentation',
      'body:item:item-1:consultation',
      'body:item:item-1:finances',
    ]);
    expect(documentEntries({ ...detail, profile: reversed }).map((entry) => entry.key)).toEqual([
      'body:meeting:meeting-1:previousDecisions',
      'body:meeting:meeting-1:summary',
      'body:item:item-1:decision',
    ]);
  });
});
