/**
 * The meeting's lifecycle on the meeting screen: the status steps (Kladde → Godkendt →
 * Underskrevet → Arkiveret), approval with a confirmation (the recorded SHA-256 is shown
 * afterwards), corrections as additions, signing (SignPanel) and the audit log. Approval makes
 * the text read-only; the meeting screen learns the new status through `onMeetingChanged`.
 * Signed minutes with corrections not yet signed keep the status `signed` (the earlier round
 * stays valid for the approved text); the status line says the corrections still need signing.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, MeetingCorrection, SignedPdf } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import type { Meeting } from '../../../common/domain/model';
import { useApp } from '../appContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { TextAreaField, TextField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { Section } from '../components/Section';
import { SignPanel, signingStates } from './SignPanel';
import { formatTime } from './time';
import './lifecycle.css';

const steps = ['draft', 'approved', 'signed', 'archived'] as const;

export function LifecyclePanel({
  meeting,
  onMeetingChanged,
}: {
  meeting: Meeting;
  onMeetingChanged(meeting: Meeting): void;
}) {
  const { t, i18n } = useTranslation();
  const { client, queue } = useApp();
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [corrections, setCorrections] = useState<MeetingCorrection[]>([]);
  const [isConfirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [signed, setSigned] = useState<SignedPdf[]>([]);

  const refresh = useCallback(async () => {
    const [log, list] = await Promise.all([
      client.call('audit:list', { meetingId: meeting.id }),
      client.call('corrections:list', { meetingId: meeting.id }),
    ]);
    if (log.ok) setAudit(log.value);
    else setError(log.error);
    if (list.ok) setCorrections(list.value);
  }, [client, meeting.id]);

  useEffect(() => {
    void refresh();
  }, [refresh, meeting.status]);

  const approve = async () => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    // Pending edits go first: the approved text is what the library holds.
    if (queue.hasUnsaved()) await queue.flushAll();
    const result = await client.call('meetings:approve', { id: meeting.id });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onMeetingChanged(result.value.meeting);
  };

  const approved = audit.find((entry) => entry.action === 'approved');
  const full = signingStates(signed).full;
  // Truthful status: signed minutes whose corrections are not signed by everyone yet.
  const isCorrectionUnsigned =
    meeting.status === 'signed' && full !== undefined && (full.needsResigning || full.isRoundOpen);
  const current = steps.indexOf(meeting.status);
  const lang = i18n.language;

  return (
    <Section className="panel lifecycle" heading={t('lifecycle.heading')}>
      <ol className="lifecycle__steps" aria-label={t('lifecycle.stepsLabel')}>
        {steps.map((step, index) => (
          <li
            key={step}
            className={
              index <= current ? 'lifecycle__step lifecycle__step--done' : 'lifecycle__step'
            }
            aria-current={index === current ? 'step' : undefined}
          >
            {t(`statuses.${step}`)}
            {step === 'signed' && isCorrectionUnsigned && (
              <span className="lifecycle__step-note"> — {t('lifecycle.correctionsUnsigned')}</span>
            )}
          </li>
        ))}
      </ol>
      {meeting.status === 'draft' ? (
        <div className="button-row">
          <button type="button" disabled={isBusy} onClick={() => setConfirming(true)}>
            {t('lifecycle.approve')}
          </button>
        </div>
      ) : (
        <p className="lifecycle__locked" role="note">
          {t('lifecycle.lockedNote')}
        </p>
      )}
      {approved && (
        <p className="lifecycle__hash">
          {t('lifecycle.approvedHash', {
            time: formatTime(approved.at, lang),
            author: approved.author,
          })}{' '}
          <code data-testid="approved-sha256">{approved.revisionSha256}</code>
        </p>
      )}
      <InlineError error={error} />
      <ConfirmDialog
        message={isConfirming ? t('lifecycle.approveConfirm') : null}
        confirmLabel={t('lifecycle.approve')}
        onConfirm={() => void approve()}
        onCancel={() => setConfirming(false)}
      />
      {meeting.status !== 'draft' && (
        <CorrectionsSection
          meeting={meeting}
          corrections={corrections}
          onAdded={() => void refresh()}
        />
      )}
      {(meeting.status === 'approved' || meeting.status === 'signed') && (
        <SignPanel
          meeting={meeting}
          correctionCount={corrections.length}
          onSigningChanged={(list) => {
            setSigned(list);
            // A new round or a completed one is in the audit log.
            void refresh();
          }}
          onMeetingChanged={(next) => {
            onMeetingChanged(next);
            void refresh();
          }}
        />
      )}
      <AuditLog entries={audit} />
    </Section>
  );
}

function CorrectionsSection({
  meeting,
  corrections,
  onAdded,
}: {
  meeting: Meeting;
  corrections: MeetingCorrection[];
  onAdded(): void;
}) {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);
  // A correction can never be removed, so it is saved only after the secretary confirms.
  const [isConfirming, setConfirming] = useState(false);
  const isArchived = meeting.status === 'archived';

  const add = async () => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    const result = await client.call('corrections:add', { meetingId: meeting.id, reason, text });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setReason('');
    setText('');
    onAdded();
  };

  return (
    <Section className="lifecycle__section" heading={t('lifecycle.corrections.heading')} level={3}>
      {corrections.length === 0 ? (
        <p className="empty">{t('lifecycle.corrections.empty')}</p>
      ) : (
        <ol className="lifecycle__corrections" aria-label={t('lifecycle.corrections.listLabel')}>
          {corrections.map((c) => (
            <li key={c.id} className="lifecycle__correction">
              <p className="lifecycle__correction-meta">
                {t('lifecycle.corrections.meta', {
                  number: c.position,
                  time: formatTime(c.createdAt, i18n.language),
                  author: c.author,
                  reason: c.reason,
                })}
              </p>
              <p className="lifecycle__correction-text">{c.text}</p>
            </li>
          ))}
        </ol>
      )}
      {!isArchived && (
        <form
          className="lifecycle__form"
          aria-label={t('lifecycle.corrections.add')}
          onSubmit={(event) => {
            event.preventDefault();
            setConfirming(true);
          }}
        >
          <p className="hint">
            {t('lifecycle.corrections.hint', {
              date: formatTime(new Date().toISOString(), i18n.language),
            })}
          </p>
          <TextField
            label={t('lifecycle.corrections.reason')}
            value={reason}
            maxLength={1000}
            isRequired
            onChange={setReason}
          />
          <TextAreaField
            label={t('lifecycle.corrections.text')}
            value={text}
            rows={4}
            onChange={setText}
          />
          <div className="button-row">
            <button type="submit" disabled={isBusy || reason.trim() === '' || text.trim() === ''}>
              {t('lifecycle.corrections.add')}
            </button>
          </div>
          <InlineError error={error} />
        </form>
      )}
      <ConfirmDialog
        message={isConfirming ? t('lifecycle.corrections.confirm') : null}
        confirmLabel={t('lifecycle.corrections.confirmButton')}
        onConfirm={() => void add()}
        onCancel={() => setConfirming(false)}
      />
    </Section>
  );
}

function AuditLog({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  return (
    <section className="lifecycle__section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('lifecycle.audit.heading')}</h3>
      {entries.length === 0 ? (
        <p className="empty">{t('lifecycle.audit.empty')}</p>
      ) : (
        <div
          className="lifecycle__table-wrap"
          tabIndex={0}
          role="region"
          aria-labelledby={headingId}
        >
          <table className="lifecycle__table">
            <thead>
              <tr>
                <th scope="col">{t('lifecycle.audit.time')}</th>
                <th scope="col">{t('lifecycle.audit.author')}</th>
                <th scope="col">{t('lifecycle.audit.action')}</th>
                <th scope="col">{t('lifecycle.audit.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq}>
                  <td>{formatTime(entry.at, i18n.language)}</td>
                  <td>{entry.author}</td>
                  <td>
                    {t(`lifecycle.audit.actions.${entry.action}`)}
                    {entry.detail !== '' && (
                      <span className="lifecycle__detail"> — {entry.detail}</span>
                    )}
                  </td>
                  <td>
                    <code className="lifecycle__sha">{entry.revisionSha256}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
