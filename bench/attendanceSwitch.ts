/**
 * "Switch to the attendance of a 31-member committee" (part of the editor group): on the open
 * meeting screen of a meeting whose 31 members are its participants, the time from pressing
 * "Fremmøde" on the meeting bar to the painted attendance table with all 31 rows in the side
 * panel (the click stamped in the page, then animation frames until the rows are there, plus one
 * frame for the paint). The side panel keeps a part mounted once opened, so each run reloads
 * the meeting first: every run mounts the table anew. The figure is the median of the runs.
 */
import {
  createAgendaItem,
  createOpgaveudvalgMeeting,
  type SeedMember,
} from '../tests/e2e/helpers/api';
import type { BrowserSession } from '../tests/e2e/helpers/browserMode';

const memberCount = 31;
const parties = ['A', 'V', 'C', 'O', 'F', 'B', 'Ø'];

export type AttendanceSwitchResult = {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
};

export async function measureAttendanceSwitch(
  session: BrowserSession,
  runs = 5,
): Promise<AttendanceSwitchResult> {
  const members: SeedMember[] = Array.from({ length: memberCount }, (_, i) => ({
    name: `Medlem ${i + 1} Jensen`,
    role: i === 0 ? 'chair' : 'member',
    party: parties[i % parties.length] ?? 'A',
  }));
  const { meetingId } = await createOpgaveudvalgMeeting(session.host, members);
  for (let n = 1; n <= 10; n++) {
    await createAgendaItem(session.host, meetingId, { title: `Punkt ${n}` });
  }
  const { page } = session;
  await page.goto(session.host.url);
  await page.evaluate((id) => {
    window.location.hash = `#/meetings/${id}`;
  }, meetingId);
  const open = page.getByRole('button', { name: 'Fremmøde', exact: true });
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    await page.reload();
    await open.waitFor();
    await page.getByRole('navigation', { name: 'Dagsorden' }).waitFor();
    // No named functions inside: tsx would wrap them in a helper the page does not have.
    const ms = await open.evaluate(async (button, count) => {
      const start = performance.now();
      (button as HTMLElement).click();
      while (document.querySelectorAll('.attendance-table tr.attendance-table__row').length < count)
        await new Promise((resolve) => requestAnimationFrame(resolve));
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - start;
    }, memberCount);
    times.push(ms);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
    minMs: sorted[0] ?? 0,
    maxMs: sorted[sorted.length - 1] ?? 0,
    runs: times.length,
  };
}
