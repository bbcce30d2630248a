// @vitest-environment happy-dom
/**
 * "Afleveret til arkivet" after "Arkivér": for signed minutes the form appears with the
 * package's SHA-256, "Registrér aflevering" sends that SHA-256 and the trimmed receiver, and the
 * archived meeting is handed to the meeting screen; an empty receiver is refused without a
 * request; minutes not signed get no form.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import type { Meeting, MeetingStatus } from '../../common/domain/model';
import { ShareActions } from '../../renderer/src/share/ShareActions';
import { renderInApp, setupReactTests } from './helpers/reactHarness';

setupReactTests();

const sha = 'c'.repeat(64);
const meetingId = 'm'.repeat(21);
const archivedMeeting = { id: meetingId, status: 'archived' } as Meeting;

async function archiveAs(status: MeetingStatus) {
  const calls: { name: string; input: unknown }[] = [];
  const changed: Meeting[] = [];
  const host = await renderInApp(
    <ShareActions
      meetingId={meetingId}
      status={status}
      onMeetingChanged={(meeting) => changed.push(meeting)}
    />,
    async (name: string, input: unknown) => {
      calls.push({ name, input });
      if (name === 'archive:export')
        return {
          ok: true,
          value: {
            fileName: 'pakke.zip',
            files: 4,
            bytes: 10,
            packageSha256: sha,
            downloadUrl: null,
          },
        };
      return { ok: true, value: { meeting: archivedMeeting, audit: {} } };
    },
  );
  const button = (text: string) =>
    [...host.querySelectorAll('button')].find((b) => b.textContent === text);
  await act(async () => {
    button('Arkivér')?.click();
  });
  return { host, calls, changed, button };
}

describe('the archive handover form', () => {
  it('records the handover of the package just made with the receiver; the meeting becomes archived', async () => {
    const { host, calls, changed, button } = await archiveAs('signed');
    expect(host.textContent).toContain('Afleveret til arkivet');
    expect(host.querySelector('code')?.textContent).toBe(sha);
    const input = host.querySelector('input[type="text"]') as HTMLInputElement;
    const label = host.querySelector(`label[for="${input.id}"]`);
    expect(label?.textContent).toBe('Modtager (arkiv eller system)');
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setValue?.call(input, '  Gentofte Stadsarkiv ');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      button('Registrér aflevering')?.click();
    });
    expect(calls.at(-1)).toEqual({
      name: 'meetings:recordArchiveHandover',
      input: { meetingId, packageSha256: sha, receiver: 'Gentofte Stadsarkiv' },
    });
    expect(changed).toEqual([archivedMeeting]);
    expect(host.textContent).toContain('Afleveringen til Gentofte Stadsarkiv er registreret.');
    expect(button('Registrér aflevering')).toBeUndefined();
  });

  it('an empty receiver is refused in Danish without a request', async () => {
    const { host, calls, changed, button } = await archiveAs('signed');
    await act(async () => {
      button('Registrér aflevering')?.click();
    });
    expect(calls.map((c) => c.name)).toEqual(['archive:export']);
    expect(changed).toEqual([]);
    expect(host.querySelector('[role="alert"]')?.textContent).toContain(
      'Skriv, hvem der har modtaget pakken.',
    );
  });

  it('minutes not signed get no handover form', async () => {
    const { host } = await archiveAs('approved');
    expect(host.textContent).toContain('Arkivpakken pakke.zip er gemt');
    expect(host.textContent).not.toContain('Afleveret til arkivet');
  });
});
