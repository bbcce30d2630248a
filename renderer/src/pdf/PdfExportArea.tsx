/**
 * "Eksportér PDF" on the meeting screen: edition choice, the personal-data check before
 * a public export (CPR numbers block, citizen names are acknowledged), progress of the export
 * running in a worker on the main side (pdf:start / pdf:status / pdf:cancel), save or download,
 * and the preview: the exported PDF in an iframe beside the document, refreshed on demand.
 */
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type {
  PdfExportHandleOutput,
  PersonalDataFindingOutput,
} from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import type { Edition } from '../../../common/export/editions';
import { useApp } from '../appContext';
import { EditionPicker } from '../components/EditionPicker';
import { InlineError } from '../components/LoadState';
import { receiveFile } from '../share/download';
import './pdf.css';

type Findings = { errors: PersonalDataFindingOutput[]; warnings: PersonalDataFindingOutput[] };

type Progress =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'running'; exportId: string; page: number; pages: number }
  | { state: 'done'; handle: PdfExportHandleOutput }
  | { state: 'cancelled' }
  | { state: 'failed'; error: ApiError };

/** How often a running export is asked for its progress. */
const pollMs = 250;

/**
 * The export controls (rendered into `controlsHost`, the meeting screen's side panel, while it
 * shows them) and the preview beside or over the meeting's content (`children`): beside it only
 * when the window leaves the document a comfortable writing width, else as a drawer over it.
 * The area stays mounted while the panel is closed, so a running export keeps its progress.
 */
export function PdfExportArea({
  meetingId,
  controlsHost = null,
  children,
}: {
  meetingId: string;
  controlsHost?: HTMLElement | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [edition, setEdition] = useState<Edition>('full');
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const [findings, setFindings] = useState<Findings | null>(null);
  const [preview, setPreview] = useState<PdfExportHandleOutput | null>(null);
  const [saveNote, setSaveNote] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const runningRef = useRef<string | null>(null);
  const previewHeadingId = useId();
  const headingId = useId();

  // Leaving the meeting stops a running export: its result would have nowhere to go.
  useEffect(
    () => () => {
      const exportId = runningRef.current;
      runningRef.current = null;
      if (exportId) void client.call('pdf:cancel', { exportId });
    },
    [client],
  );

  const run = useCallback(
    async (chosen: Edition) => {
      setSaveNote(null);
      setSaveError(null);
      // Pending edits are sent first: the PDF shows what the user sees.
      const started = await queue.run(() =>
        client.call('pdf:start', { meetingId, edition: chosen }),
      );
      if (!started.ok) {
        setProgress({ state: 'failed', error: started.error });
        return;
      }
      const { exportId } = started.value;
      runningRef.current = exportId;
      setProgress({ state: 'running', exportId, page: 0, pages: 0 });
      while (runningRef.current === exportId) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        if (runningRef.current !== exportId) return;
        const status = await client.call('pdf:status', { exportId });
        if (runningRef.current !== exportId) return;
        if (!status.ok) {
          runningRef.current = null;
          setProgress({ state: 'failed', error: status.error });
          return;
        }
        const value = status.value;
        if (value.state === 'running') {
          setProgress({ state: 'running', exportId, page: value.page, pages: value.pages });
          continue;
        }
        runningRef.current = null;
        if (value.state === 'done' && value.result) {
          setProgress({ state: 'done', handle: value.result });
          setPreview(value.result);
        } else if (value.state === 'cancelled') {
          setProgress({ state: 'cancelled' });
        } else {
          setProgress({ state: 'failed', error: value.error ?? { code: 'internal', message: '' } });
        }
      }
    },
    [client, meetingId, queue],
  );

  /** Checks a public edition first; exports at once when nothing is found. */
  const start = useCallback(
    async (chosen: Edition) => {
      if (runningRef.current) return;
      if (chosen === 'public') {
        setProgress({ state: 'checking' });
        const check = await queue.run(() =>
          client.call('pdf:check', { meetingId, edition: chosen }),
        );
        if (!check.ok) {
          setProgress({ state: 'failed', error: check.error });
          return;
        }
        if (check.value.errors.length > 0 || check.value.warnings.length > 0) {
          setProgress({ state: 'idle' });
          setFindings(check.value);
          return;
        }
      }
      await run(chosen);
    },
    [client, meetingId, queue, run],
  );

  const cancel = () => {
    const exportId = runningRef.current;
    if (!exportId) return;
    runningRef.current = null;
    setProgress({ state: 'cancelled' });
    void client.call('pdf:cancel', { exportId });
  };

  const save = async (handle: PdfExportHandleOutput) => {
    setSaveNote(null);
    setSaveError(null);
    const saved = await client.call('pdf:save', { exportId: handle.exportId });
    const file = receiveFile(saved, setSaveError);
    if (file) setSaveNote(t('pdf.saved', { fileName: file.fileName }));
  };

  const isBusy = progress.state === 'running' || progress.state === 'checking';
  const done = progress.state === 'done' ? progress.handle : null;

  const controls = (
    <section className="panel pdf-export" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('pdf.heading')}</h2>
      <EditionPicker
        className="pdf-export__editions"
        legend={t('pdf.edition')}
        value={edition}
        onChange={setEdition}
        isDisabled={isBusy}
      />
      <div className="button-row">
        <button type="button" disabled={isBusy} onClick={() => void start(edition)}>
          {t('pdf.export')}
        </button>
        {progress.state === 'running' && (
          <button type="button" onClick={cancel}>
            {t('pdf.cancel')}
          </button>
        )}
        {done &&
          (done.downloadUrl ? (
            <a className="pdf-export__link" href={done.downloadUrl} download={done.fileName}>
              {t('pdf.download')}
            </a>
          ) : (
            <button type="button" onClick={() => void save(done)}>
              {t('pdf.save')}
            </button>
          ))}
      </div>
      <div className="pdf-export__status" role="status" aria-live="polite">
        {progress.state === 'checking' && <p>{t('pdf.checking')}</p>}
        {progress.state === 'running' && (
          <>
            <label>
              {progress.pages === 0
                ? t('pdf.layout')
                : t('pdf.progress', { page: progress.page, pages: progress.pages })}{' '}
              <progress
                className="pdf-export__progress"
                aria-label={t('pdf.progressLabel')}
                max={progress.pages || undefined}
                value={progress.pages === 0 ? undefined : progress.page}
              />
            </label>
          </>
        )}
        {done && (
          <p>
            {t('pdf.done', {
              count: done.pages,
              edition: t(`pdf.editions.${done.edition}`),
              fileName: done.fileName,
            })}
          </p>
        )}
        {done && done.warnings.length > 0 && (
          <p>{t('pdf.doneWithWarnings', { count: done.warnings.length })}</p>
        )}
        {progress.state === 'cancelled' && <p>{t('pdf.cancelled')}</p>}
        {saveNote && <p>{saveNote}</p>}
      </div>
      {progress.state === 'failed' && <InlineError error={progress.error} />}
      <InlineError error={saveError} />
    </section>
  );

  return (
    <>
      {controlsHost && createPortal(controls, controlsHost)}
      <div className={preview ? 'pdf-layout pdf-layout--with-preview' : 'pdf-layout'}>
        <div className="pdf-layout__document">{children}</div>
        {preview && (
          <aside className="pdf-preview panel" aria-labelledby={previewHeadingId}>
            <div className="pdf-preview__bar">
              <h2 id={previewHeadingId}>{t('pdf.preview')}</h2>
              <div className="button-row">
                <button type="button" disabled={isBusy} onClick={() => void start(preview.edition)}>
                  {t('pdf.refresh')}
                </button>
                <button type="button" onClick={() => setPreview(null)}>
                  {t('pdf.closePreview')}
                </button>
              </div>
            </div>
            <iframe
              key={preview.exportId}
              className="pdf-preview__frame"
              src={preview.previewUrl}
              title={t('pdf.previewTitle', {
                edition: t(`pdf.editions.${preview.edition}`),
                fileName: preview.fileName,
              })}
            />
          </aside>
        )}
      </div>
      <FindingsDialog
        findings={findings}
        onClose={() => setFindings(null)}
        onExportAnyway={() => {
          setFindings(null);
          void run('public');
        }}
      />
    </>
  );
}

/**
 * The personal-data findings of a public edition: CPR numbers block (only "Luk"), citizen
 * names are listed and must be acknowledged ("Eksportér alligevel").
 */
function FindingsDialog({
  findings,
  onClose,
  onExportAnyway,
}: {
  findings: Findings | null;
  onClose(): void;
  onExportAnyway(): void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (findings && !dialog.open) {
      dialog.showModal();
      closeRef.current?.focus();
    } else if (!findings && dialog.open) {
      dialog.close();
    }
  }, [findings]);
  const isBlocked = (findings?.errors.length ?? 0) > 0;
  return (
    <dialog
      ref={ref}
      className="confirm-dialog pdf-findings"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={headingId}>{isBlocked ? t('pdf.blockedHeading') : t('pdf.warningsHeading')}</h2>
      {findings && isBlocked && (
        <>
          <p>{t('pdf.blockedText')}</p>
          <FindingList findings={findings.errors} />
        </>
      )}
      {findings && findings.warnings.length > 0 && (
        <>
          <p>{t('pdf.warningsText')}</p>
          <FindingList findings={findings.warnings} />
        </>
      )}
      <div className="button-row">
        <button ref={closeRef} type="button" onClick={onClose}>
          {isBlocked ? t('pdf.close') : t('common.cancel')}
        </button>
        {!isBlocked && (
          <button type="button" onClick={onExportAnyway}>
            {t('pdf.exportAnyway')}
          </button>
        )}
      </div>
    </dialog>
  );
}

function FindingList({ findings }: { findings: PersonalDataFindingOutput[] }) {
  return (
    <ul className="pdf-findings__list">
      {findings.map((finding) => (
        <li key={`${finding.path}:${finding.text}`}>
          <strong>{finding.location}</strong>: {finding.text}
        </li>
      ))}
    </ul>
  );
}
