/**
 * The library's API as the e2e tests call it for setup and checks (`POST /api/<name>` with
 * the host's session cookie), so a test drives the UI only for what it is testing.
 */
import type { BrowserModeHost } from './browserMode';

/** Calls `name` and returns its value; a refused call throws with the API's message. */
export async function apiCall<T>(
  host: Pick<BrowserModeHost, 'origin' | 'cookie'>,
  name: string,
  input: unknown,
): Promise<T> {
  const response = await fetch(`${host.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: host.cookie ?? '' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error?.message ?? 'failed'}`);
  return result.value as T;
}

export type SeedMember = { name: string; role: 'chair' | 'vice_chair' | 'member'; party: string };

/**
 * An "Opgaveudvalg" committee with these politicians and its meeting no. 5 of 12 December 2017
 * (the model document's), whose participants are copied from the members.
 */
export async function createOpgaveudvalgMeeting(
  host: Pick<BrowserModeHost, 'origin' | 'cookie'>,
  members: readonly SeedMember[],
): Promise<{ committeeId: string; meetingId: string }> {
  const committee = await apiCall<{ id: string }>(host, 'committees:create', {
    name: 'Opgaveudvalget om Innovation',
    kind: 'paragraf17_udvalg',
    organisation: 'Gentofte Kommune',
    template: 'opgaveudvalg',
  });
  for (const member of members) {
    await apiCall(host, 'members:create', {
      committeeId: committee.id,
      member: { ...member, isCitizen: false, isActive: true },
    });
  }
  const meeting = await apiCall<{ meeting: { id: string } }>(host, 'meetings:create', {
    committeeId: committee.id,
    number: 5,
    date: '2017-12-12',
    kind: 'ordinary',
    isCopyingPrevious: false,
  });
  return { committeeId: committee.id, meetingId: meeting.meeting.id };
}

/** The fields of an agenda item a test may set; the rest are those of a plain open decision. */
export type SeedItem = {
  title: string;
  isClosed?: boolean;
  publicTitle?: string;
  caseId?: string;
  documentNumber?: string;
  presenter?: string;
  kind?: 'decision' | 'discussion' | 'orientation';
};

/** Adds an agenda item at the end of the meeting's agenda and returns its id. */
export async function createAgendaItem(
  host: Pick<BrowserModeHost, 'origin' | 'cookie'>,
  meetingId: string,
  item: SeedItem,
): Promise<string> {
  const created = await apiCall<{ id: string }>(host, 'items:create', {
    meetingId,
    item: {
      isClosed: false,
      publicTitle: '',
      caseId: '',
      documentNumber: '',
      presenter: '',
      kind: 'decision',
      ...item,
    },
  });
  return created.id;
}
