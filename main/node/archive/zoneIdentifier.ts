/**
 * Windows' "Mark of the Web": an NTFS alternate data stream `Zone.Identifier` saying a file came
 * from the Internet zone (ZoneId=3). Windows then applies its own protections (SmartScreen, the
 * "open this file?" warning, Office's Protected View) to a copy Referat makes of a file that
 * arrived from elsewhere, exactly as for a browser download.
 */
import fs from 'node:fs';

/** The stream's content as browsers write it (the Internet zone). */
export const zoneIdentifierContent = '[ZoneTransfer]\r\nZoneId=3\r\n';

/** The alternate data stream of `file` that carries the mark. */
export function zoneIdentifierPath(file: string): string {
  return `${file}:Zone.Identifier`;
}

/** Only NTFS on Windows knows the mark; elsewhere the name would be an ordinary file beside it. */
export function shouldMarkAsDownloaded(platform: NodeJS.Platform): boolean {
  return platform === 'win32';
}

export type MarkOptions = {
  /** Default: the running platform. */
  platform?: NodeJS.Platform;
  /** Default: `fs.writeFileSync`. */
  writeFile?: (target: string, text: string) => void;
};

/**
 * Marks `file` as downloaded from the Internet where the platform has the mark. Answers
 * whether it wrote the mark. Call it before making the file read-only.
 */
export function markAsDownloaded(file: string, options: MarkOptions = {}): boolean {
  if (!shouldMarkAsDownloaded(options.platform ?? process.platform)) return false;
  const write =
    options.writeFile ?? ((target: string, text: string) => fs.writeFileSync(target, text));
  write(zoneIdentifierPath(file), zoneIdentifierContent);
  return true;
}
