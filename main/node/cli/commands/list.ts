/** `referat list`: one line per meeting, newest first: id, date, committee, number, status (tab-separated). */
import type { CliCommand } from '../types';

export const listCommand: CliCommand = {
  name: 'list',
  summary: 'list the meetings of the library, newest first',
  positionals: [],
  options: [],
  library: 'existing',
  details: () =>
    'Prints one line per meeting, fields separated by tabs:\n  ID  DATE  COMMITTEE  NUMBER  STATUS',
  async run(ctx) {
    const meetings = await ctx.request('meetings:list', {});
    const lines = meetings.map((meeting) =>
      [
        meeting.id,
        meeting.date,
        oneLine(meeting.committeeName),
        String(meeting.number),
        meeting.status,
      ].join('\t'),
    );
    if (lines.length > 0) ctx.io.stdout(`${lines.join('\n')}\n`);
  },
};

/** Committee names come from users: keep each meeting on one line and the columns intact. */
function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}
