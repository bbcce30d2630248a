/**
 * "Åbn pakke" on the start screen: imports an archive package. Browser mode uploads
 * the chosen zip (`POST /upload`) and passes its id; the app lets the main process show its
 * open dialog. The package is verified completely before anything is written: a tampered one
 * is refused with the list of bad files. A meeting the library already has is never replaced
 * silently: the user chooses "Behold begge", "Erstat" or "Annullér".
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ApiError } from '../../../common/contract/result';
import type { ConversionNote } from '../../../common/format/referat1Conversion';
import { useApp } from '../appContext';
import { uploadOrStop } from '../api/upload';
import { OpenFileButton } from '../components/OpenFileButton';
import { ProblemError } from './ProblemError';
import './share.css';
import { ModalDialog } from '../components/ModalDialog';

type OnExisting = 'keepBoth' | 'replace';

/** The button, the hidden file input of browser mode, and the "already exists" question. */
export function OpenPackage() {
  const { t } = useTranslation();
  const { client, queue, navigate } = useApp();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // Set while the question is shown: the upload (browser mode) to import again with the answer.
  const [pending, setPending] = useState<{ uploadId?: string } | null>(null);
  // A package with a referat/1 meeting.json: what its conversion assumed, shown before opening.
  const [converted, setConverted] = useState<{
    meetingId: string;
    notes: ConversionNote[];
  } | null>(null);

  const runImport = async (uploadId: string | undefined, onExisting?: OnExisting) => {
    setBusy(true);
    setError(null);
    const result = await queue.run(() =>
      client.call('archive:import', {
        ...(uploadId === undefined ? {} : { uploadId }),
        ...(onExisting === undefined ? {} : { onExisting }),
      }),
    );
    setBusy(false);
    if (result.ok) {
      if (result.value.notes.length > 0) {
        setConverted({ meetingId: result.value.meetingId, notes: result.value.notes });
        return;
      }
      navigate({ screen: 'meeting', meetingId: result.value.meetingId });
      return;
    }
    if (result.error.code === 'cancelled') return;
    if (result.error.code === 'conflict' && onExisting === undefined) {
      setPending(uploadId === undefined ? {} : { uploadId });
      return;
    }
    setError(result.error);
  };

  const uploadAndImport = async (file: File) => {
    setBusy(true);
    setError(null);
    const uploadId = await uploadOrStop(client, file, (failed) => {
      setBusy(false);
      setError(failed);
    });
    if (uploadId !== null) await runImport(uploadId);
  };

  const answer = (choice: OnExisting | null) => {
    const chosen = pending;
    setPending(null);
    if (chosen && choice) void runImport(chosen.uploadId, choice);
  };

  return (
    <div className="open-package">
      <OpenFileButton
        label={t('share.openPackage')}
        chooseLabel={t('share.choosePackage')}
        accept=".zip,application/zip"
        isDisabled={isBusy}
        onOpen={(file) => {
          if (file) void uploadAndImport(file);
          else void runImport(undefined);
        }}
      />
      <div role="status" aria-live="polite">
        {isBusy && <p>{t('share.importing')}</p>}
      </div>
      <ProblemError error={error} />
      {converted && (
        <section className="open-package__converted" role="status">
          <h3>{t('share.convertedHeading')}</h3>
          <p>{t('share.convertedIntro')}</p>
          <ul>
            {converted.notes.map((note) => (
              <li key={note.kind}>{conversionNoteText(t, note)}</li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => navigate({ screen: 'meeting', meetingId: converted.meetingId })}
          >
            {t('share.openImported')}
          </button>
        </section>
      )}
      <ExistingMeetingDialog isOpen={pending !== null} onAnswer={answer} />
    </div>
  );
}

/** A conversion note in the UI language. */
function conversionNoteText(t: TFunction, note: ConversionNote): string {
  switch (note.kind) {
    case 'profile':
      return t('share.conversionNotes.profile', {
        profileId: note.profileId,
        template: note.template,
      });
    case 'defaults':
      return t('share.conversionNotes.defaults');
    default:
      return t(`share.conversionNotes.${note.kind}`, { count: note.count });
  }
}

/** "Mødet findes allerede": keep both, replace, or cancel (the safe choice has the focus). */
function ExistingMeetingDialog({
  isOpen,
  onAnswer,
}: {
  isOpen: boolean;
  onAnswer(choice: OnExisting | null): void;
}) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const textId = useId();
  return (
    <ModalDialog
      isOpen={isOpen}
      initialFocus={cancelRef}
      onCancel={() => onAnswer(null)}
      className="confirm-dialog"
      labelledBy={headingId}
      describedBy={textId}
    >
      <h2 id={headingId}>{t('share.existsHeading')}</h2>
      <p id={textId}>{t('share.existsText')}</p>
      <div className="button-row">
        <button type="button" onClick={() => onAnswer('keepBoth')}>
          {t('share.keepBoth')}
        </button>
        <button type="button" className="button--danger" onClick={() => onAnswer('replace')}>
          {t('share.replace')}
        </button>
        <button ref={cancelRef} type="button" onClick={() => onAnswer(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </ModalDialog>
  );
}
