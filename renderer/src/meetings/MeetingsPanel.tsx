import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import { formatDanishDate } from '../../../common/domain/danishDates';
import { isValidIsoDate, meetingKinds, type MeetingKind } from '../../../common/domain/model';
import { useApp } from '../appContext';
import { DateInputField } from '../components/DateTimeFields';
import { CheckboxField, NumberField, SelectField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { Section } from '../components/Section';
import { dateLanguage } from '../i18n';
import { routeHash } from '../router';

/** Newest first: by date, then by number. */
export function sortNewestFirst(meetings: readonly MeetingSummary[]): MeetingSummary[] {
  return [...meetings].sort((a, b) =>
    a.date === b.date ? (b.number ?? 0) - (a.number ?? 0) : a.date < b.date ? 1 : -1,
  );
}

/** The committee's meetings, newest first, and "Nyt møde". */
export function MeetingsPanel({
  committeeId,
  meetings,
}: {
  committeeId: string;
  meetings: MeetingSummary[];
}) {
  const { t, i18n } = useTranslation();
  const language = dateLanguage(i18n.language);
  return (
    <Section className="panel" heading={t('meetings.heading')}>
      {meetings.length === 0 ? (
        <p className="empty">{t('meetings.empty')}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t('meetings.heading')}</caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                {t('meetings.number')}
              </th>
              <th scope="col">{t('meetings.date')}</th>
              <th scope="col">{t('meetings.kind')}</th>
              <th scope="col">{t('meetings.status')}</th>
              <th scope="col" className="numeric">
                {t('meetings.itemCount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {sortNewestFirst(meetings).map((meeting) => (
              <tr key={meeting.id}>
                <td className="numeric">{meeting.number}</td>
                <th scope="row">
                  <a href={routeHash({ screen: 'meeting', meetingId: meeting.id })}>
                    {t(
                      meeting.number === null ? 'meetings.linkLabelNoNumber' : 'meetings.linkLabel',
                      {
                        number: meeting.number,
                        date: formatDanishDate(meeting.date, { language }),
                      },
                    )}
                  </a>
                </th>
                <td>{t(`meetingKinds.${meeting.kind}`)}</td>
                <td>{t(`statuses.${meeting.status}`)}</td>
                <td className="numeric">{meeting.itemCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewMeeting committeeId={committeeId} />
    </Section>
  );
}

type Proposal = { number: number; date: string; previousMeetingId: string | null };

function NewMeeting({ committeeId }: { committeeId: string }) {
  const { t, i18n } = useTranslation();
  const { client, queue, navigate } = useApp();
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [number, setNumber] = useState(1);
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<MeetingKind>('ordinary');
  const [isCopying, setCopying] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);

  const propose = async () => {
    setBusy(true);
    const result = await client.call('meetings:proposeNext', { committeeId });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setProposal(result.value);
    setNumber(result.value.number);
    setDate(result.value.date);
    setCopying(result.value.previousMeetingId !== null);
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!isValidIsoDate(date)) return;
    setBusy(true);
    const result = await queue.run(() =>
      client.call('meetings:create', {
        committeeId,
        number,
        date,
        kind,
        isCopyingPrevious: isCopying && proposal?.previousMeetingId != null,
      }),
    );
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    navigate({ screen: 'meeting', meetingId: result.value.meeting.id });
  };

  if (!proposal) {
    return (
      <div className="button-row">
        <button
          type="button"
          className="button--primary"
          disabled={isBusy}
          onClick={() => void propose()}
        >
          {t('meetings.new')}
        </button>
        <InlineError error={error} />
      </div>
    );
  }
  const isDateValid = isValidIsoDate(date);
  return (
    <form
      className="subform"
      aria-labelledby="new-meeting-heading"
      onSubmit={(event) => void create(event)}
      noValidate
    >
      <h3 id="new-meeting-heading">{t('meetings.newHeading')}</h3>
      <div className="record__row">
        <NumberField
          label={t('meetings.number')}
          value={number}
          min={1}
          max={100000}
          onChange={setNumber}
          className="field--narrow"
        />
        <DateInputField
          label={t('meetings.date')}
          value={date}
          onChange={setDate}
          isRequired
          error={isDateValid ? null : t('validation.date')}
          hint={
            isDateValid
              ? formatDanishDate(date, {
                  isWithWeekday: true,
                  language: dateLanguage(i18n.language),
                })
              : undefined
          }
        />
        <SelectField<MeetingKind>
          label={t('meetings.kind')}
          value={kind}
          onChange={setKind}
          options={meetingKinds.map((value) => ({ value, label: t(`meetingKinds.${value}`) }))}
        />
        {proposal.previousMeetingId !== null && (
          <CheckboxField
            label={t('meetings.copyPrevious')}
            checked={isCopying}
            onChange={setCopying}
          />
        )}
      </div>
      <InlineError error={error} />
      <div className="button-row">
        <button type="button" onClick={() => setProposal(null)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button--primary" disabled={isBusy || !isDateValid}>
          {t('meetings.create')}
        </button>
      </div>
    </form>
  );
}
