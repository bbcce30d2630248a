/**
 * The model meeting in a real library behind the real dispatcher, with uploads handed to the
 * handlers as the HTTP host does, and members of a test PKI signing it (signatures:sign with an
 * uploaded PKCS#12 file). Libraries and upload folders are removed after each test
 * (storageHelpers).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { fileStorePath } from '../../main/node/storage/fileStore';
import { modelMeetingFile, type MemberFor } from '../helpers/modelMeeting';
import { dispatchExpecting, makeTempDir, newLibrary } from './storageHelpers';

/** Options of {@link setupModelMeetingLibrary}. */
export interface ModelMeetingLibraryOptions {
  /**
   * Whether the context removes an upload once a request has used it, as the HTTP host does
   * (default). `false` keeps every upload until the test ends.
   */
  isReleasingUploads?: boolean;
}

/**
 * A new library holding the imported model meeting, and a validating dispatcher whose context
 * (author "Referent Rasmussen", transport http) resolves upload ids from `uploads`. `upload`
 * stores bytes as an upload and answers its id; `logged` collects the dispatcher's log lines;
 * `storedFile` is the path of a file in the library's file store.
 */
export async function setupModelMeetingLibrary(options: ModelMeetingLibraryOptions = {}) {
  const { isReleasingUploads = true } = options;
  const library = newLibrary();
  const uploadDir = makeTempDir();
  /** Upload id → file, as the HTTP host would hand them to handlers. */
  const uploads = new Map<string, string>();
  const logged: string[] = [];
  const dispatch = createDispatcher(createHandlers(library), {
    isValidatingOutput: true,
    log: (line) => logged.push(line),
  });
  const ctx: HandlerContext = {
    transport: 'http',
    author: 'Referent Rasmussen',
    resolveUpload: (id) => {
      const file = uploads.get(id);
      if (!file) throw new Error('unknown upload');
      return { path: file, fileName: path.basename(file) };
    },
    ...(isReleasingUploads
      ? {
          releaseUpload: (id: string) => {
            const file = uploads.get(id);
            uploads.delete(id);
            if (file) fs.rmSync(file, { force: true });
          },
        }
      : {}),
  };
  const upload = (fileName: string, bytes: Buffer): string => {
    const id = createHash('md5').update(`${fileName}${uploads.size}${Math.random()}`).digest('hex');
    const file = path.join(uploadDir, `${id}-${fileName}`);
    fs.writeFileSync(file, bytes);
    uploads.set(id, file);
    return id;
  };
  const { ok, fail } = dispatchExpecting(dispatch, ctx);
  const { meetingId } = await ok('meetings:importJson', {
    json: fs.readFileSync(modelMeetingFile, 'utf8'),
  });
  const storedFile = (sha256: string) => fileStorePath(library.filesDir, sha256);
  return { library, ok, fail, meetingId, uploads, uploadDir, upload, logged, storedFile };
}

/** Options of {@link setupSigningLibrary}. */
export interface SigningLibraryOptions {
  /** The place written into each signature; none when not given. */
  signatureLocation?: string;
  /**
   * The test PKI's root, added to the library's trusted roots first (a meeting becomes signed
   * only with valid signatures, and only configured roots are trusted). None when not given.
   */
  rootPem?: string;
}

/**
 * {@link setupModelMeetingLibrary} with signing by the members of `memberFor`:
 * `signatureRequest(name)` is the input of signatures:sign for that member (their PKCS#12
 * file uploaded, reason "Referatet er godkendt"; `password` replaces theirs), and
 * `sign(name, edition)` sends it and answers the result, throwing when it fails.
 */
export async function setupSigningLibrary(
  memberFor: MemberFor,
  options: SigningLibraryOptions = {},
) {
  const t = await setupModelMeetingLibrary();
  if (options.rootPem !== undefined) await t.ok('trustedRoots:add', { pem: options.rootPem });
  const signatureRequest = (
    name: string,
    request: { edition?: 'full' | 'public'; password?: string } = {},
  ) => {
    const member = memberFor(name);
    return {
      meetingId: t.meetingId,
      edition: request.edition ?? 'full',
      p12UploadId: t.upload(`${name}.p12`, member.p12),
      password: request.password ?? member.password,
      reason: 'Referatet er godkendt',
      ...(options.signatureLocation !== undefined ? { location: options.signatureLocation } : {}),
    };
  };
  const sign = (name: string, edition: 'full' | 'public' = 'full') =>
    t.ok('signatures:sign', signatureRequest(name, { edition }));
  return { ...t, signatureRequest, sign };
}
