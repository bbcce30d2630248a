/**
 * Handing a produced file (a PDF, a Word file, an archive package, a signed PDF) over to the
 * user: in Electron through the save dialog, in browser mode as a one-time download link.
 */

/** A file the main side hands to the user (browser mode: as a download). */
export type OutgoingFile = {
  /** Absolute path of the bytes (a temporary file or the file store). */
  path: string;
  /** The name the browser saves it under. */
  fileName: string;
  mediaType: string;
  /** Cleans up a temporary file once it was downloaded (or never will be). */
  onDone?: () => void;
};
