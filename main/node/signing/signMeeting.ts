/**
 * One more signature on a meeting's edition kept in the library, made in the app, shared by
 * `signatures:sign` and `referat sign --meeting`. The first signature of a round signs the
 * round's export (made and recorded now unless a signing file was handed out already); later
 * ones sign the newest stored file as an incremental update, unless corrections were added
 * after that file's export: then a fresh export (with the corrections) starts a new round.
 * The signature is made in the PDF worker thread and recorded by acceptSignedFile (the signer
 * matched to a participant present; the status changes when the round is complete and valid).
 */
import type { SignedPdf } from '../../../common/contract/api';
import { DomainError } from '../../../common/contract/result';
import type { Meeting } from '../../../common/domain/model';
import type { Edition } from '../../../common/export/editions';
import type { Library } from '../storage/library';
import type { RevocationFile } from './dss';
import {
  acceptSignedFile,
  reasonWithReservation,
  requireSignable,
  signingTip,
  tipBytes,
  verifyWithLibraryRoots,
} from './recordSignatures';
import { signPdfInWorker } from './verifyInWorker';

export { requireSignable } from './recordSignatures';

export type SignMeetingArgs = {
  meetingId: string;
  edition: Edition;
  p12: Buffer;
  /** Used for this one signature; never stored or logged. */
  password: string;
  reason: string;
  location?: string;
  signerName?: string;
  /**
   * The participant signing, as the secretary confirms it; needed when the certificate's name
   * is not the participant's (logged as signer_confirmed). Default: matched by name.
   */
  participantId?: string;
  /** A reservation (forbehold) the member signs with; written into the signature's /Reason. */
  reservation?: string;
  /**
   * CRLs and OCSP responses to embed (PAdES B-LT) in a Document Security Store just before the
   * signature, which then covers them; refused unless each concerns a signer's chain.
   */
  revocation?: RevocationFile[];
  /** Who is logged in the audit log. */
  author: string;
};

export type SignMeetingResult = {
  signedPdf: SignedPdf;
  meeting: Meeting;
  /** This signature began a new round on a fresh export (corrections added since the last file). */
  isNewRound: boolean;
};

/**
 * Signs the edition, stores the verified file and records it; marks the meeting signed when the
 * round is complete and every signature is valid. Nothing is stored when signing fails, the
 * signature is not valid (other than an issuer not trusted yet) or the signer is not a member
 * present who has still to sign.
 * @throws DomainError conflict (draft, signer), locked (archived), invalid_input (wrong password)
 */
export async function signMeeting(
  library: Library,
  args: SignMeetingArgs,
): Promise<SignMeetingResult> {
  requireSignable(library.db, args.meetingId);
  const tip = await signingTip(library, args.meetingId, args.edition, 'exportUnrecorded');
  if (!tip) throw new DomainError('internal', 'No revision to sign was made.');
  // The password lives only in this call; a wrong one throws before anything is stored.
  const signed = await signPdfInWorker(tipBytes(library, tip), {
    p12: args.p12,
    password: args.password,
    reason: reasonWithReservation(args.reason, args.reservation),
    ...(args.location ? { location: args.location } : {}),
    ...(args.signerName ? { name: args.signerName } : {}),
    ...(args.revocation?.length ? { revocation: args.revocation } : {}),
  });
  const report = await verifyWithLibraryRoots(library, signed);
  const field = report.signatures[report.signatures.length - 1]?.field;
  const result = await acceptSignedFile(library, {
    meetingId: args.meetingId,
    tip,
    pdf: signed,
    report,
    confirmations:
      args.participantId && field ? [{ field, participantId: args.participantId }] : [],
    author: args.author,
  });
  return { signedPdf: result.signedPdf, meeting: result.meeting, isNewRound: result.isNewRound };
}
