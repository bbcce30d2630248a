/**
 * `referat export MEETING_ID --format bag --out DIR|FILE.zip [--handover RECEIVER]`: the archive
 * package (BagIt 1.0), as a new folder or a zip (see main/node/archive/exportBag.ts). Prints the
 * payload summary and the package's SHA-256. With `--handover` the package is handed to the
 * archive: after it was written, the handover (package SHA-256, receiver) is recorded in the
 * audit log and the meeting becomes archived (meetings:recordArchiveHandover).
 */
import { DomainError } from '../../../../common/contract/result';
import { exportBag } from '../../archive/exportBag';
import { UsageError, type ExportFormat } from '../types';

export const bagExport: ExportFormat = {
  name: 'bag',
  description:
    'the archive package (BagIt 1.0): PDFs, meeting.json and appendix files; --out DIR or FILE.zip; ' +
    '--handover RECEIVER records that the package was handed to the archive (signed minutes only; the meeting becomes archived)',
  options: [
    {
      name: 'handover',
      kind: 'value',
      valueName: 'RECEIVER',
      description:
        'bag: record the handover of the written package to RECEIVER (the archive) and set the status archived',
    },
  ],
  canWriteToStdout: false,
  async run(ctx, { meetingId, out }) {
    const handover = ctx.options.handover;
    const receiver = typeof handover === 'string' ? handover.trim() : null;
    if (receiver !== null) {
      if (receiver === '') throw new UsageError('--handover: the receiver must not be empty');
      if (receiver.length > 300)
        throw new UsageError('--handover: the receiver must be at most 300 characters');
      // Refused before writing: no package is left behind for a handover that cannot happen.
      const { meeting } = await ctx.request('meetings:get', { id: meetingId });
      if (meeting.status !== 'signed')
        throw new DomainError(
          'conflict',
          `--handover: only signed minutes can be handed to the archive; this meeting is ${meeting.status}. Nothing was written.`,
        );
    }
    const result = await exportBag(ctx.library(), meetingId, { out: ctx.resolvePath(out) });
    const bytes = result.payload.reduce((sum, file) => sum + file.size, 0);
    const pdfs =
      result.pdfSources.full === 'signed' && result.pdfSources.public === 'signed'
        ? 'signed PDFs'
        : 'exported PDFs';
    ctx.io.stdout(
      `${result.out}: ${result.payload.length} files, ${bytes} bytes (${pdfs}), SHA-256 ${result.packageSha256}\n`,
    );
    if (receiver !== null) {
      const { audit } = await ctx.request('meetings:recordArchiveHandover', {
        meetingId,
        packageSha256: result.packageSha256,
        receiver,
      });
      ctx.io.stdout(`handed to the archive (${receiver}) at ${audit.at}; status archived\n`);
    }
  },
};
