import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDanishDate } from '../../../common/domain/danishDates';
import { isValidIsoDate, meetingKinds, type Meeting } from '../../../common/domain/model';
import { useApp } from '../appContext';
import { TemplateField } from '../committees/CommitteeFields';
import { DateInputField, TimeInputField } from '../components/DateTimeFields';
import { NumberField, SelectField, TextField } from '../components/fields';
import { Section } from '../components/Section';
import { ProfileField } from '../components/ProfileField';
import { dateLanguage } from '../i18n';
import { mergePatches } from '../save/saveQueue';

type HeaderPatch = Partial<Omit<Meeting, 'id' | 'committeeId' | 'status' | 'number'>> & {
  number?: number;
};

/** The meeting's header fields, autosaved. */
export function MeetingHeader({
  meeting,
  setMeeting,
  isLocked = false,
}: {
  meeting: Meeting;
  /** Approved minutes: the date and time fields are disabled like the fieldset's native inputs. */
  isLocked?: boolean;
  setMeeting(change: (meeting: Meeting) => Meeting): void;
}) {
  const { t, i18n } = useTranslation();
  const { client, queue } = useApp();
  // The profiles the meeting can be laid out with (its own choice overrides the committee's).
  const [profiles, setProfiles] = useState<Array<{ id: string; name: string }>>([]);
  useEffect(() => {
    let isCurrent = true;
    void client.call('profiles:list', {}).then((result) => {
      if (isCurrent && result.ok) setProfiles(result.value.profiles);
    });
    return () => {
      isCurrent = false;
    };
  }, [client]);

  /** Shows the edit at once; sends it only when it is valid (invalid text stays on screen, marked). */
  const patch = (change: HeaderPatch, isSendable = true) => {
    setMeeting((current) => ({ ...current, ...change }));
    if (!isSendable) return;
    queue.schedule(`meeting:${meeting.id}`, change, {
      merge: mergePatches,
      send: (merged) => client.call('meetings:update', { id: meeting.id, patch: merged }),
    });
  };

  const isDateValid = isValidIsoDate(meeting.date);
  const isEndBeforeStart =
    meeting.startTime !== null && meeting.endTime !== null && meeting.endTime < meeting.startTime;

  return (
    <Section className="panel" heading={t('meeting.headerHeading')}>
      <div className="field-grid">
        <NumberField
          label={t('meetings.number')}
          value={meeting.number}
          min={1}
          max={100000}
          onChange={(number) => patch({ number })}
          className="field--narrow"
        />
        <SelectField
          label={t('meetings.kind')}
          value={meeting.kind}
          onChange={(kind) => patch({ kind })}
          options={meetingKinds.map((value) => ({ value, label: t(`meetingKinds.${value}`) }))}
        />
        <DateInputField
          label={t('meetings.date')}
          isDisabled={isLocked}
          value={meeting.date}
          isRequired
          error={isDateValid ? null : t('validation.date')}
          hint={
            isDateValid
              ? formatDanishDate(meeting.date, {
                  isWithWeekday: true,
                  language: dateLanguage(i18n.language),
                })
              : undefined
          }
          onChange={(date) => patch({ date }, isValidIsoDate(date))}
        />
        <TimeInputField
          label={t('meeting.startTime')}
          isDisabled={isLocked}
          value={meeting.startTime ?? ''}
          onChange={(value) => patch({ startTime: value === '' ? null : value })}
        />
        <TimeInputField
          label={t('meeting.endTime')}
          isDisabled={isLocked}
          value={meeting.endTime ?? ''}
          error={isEndBeforeStart ? t('validation.endBeforeStart') : null}
          onChange={(value) => patch({ endTime: value === '' ? null : value })}
        />
        <TextField
          label={t('meeting.location')}
          value={meeting.location}
          maxLength={300}
          onChange={(location) => patch({ location })}
        />
        <TextField
          label={t('common.caseId')}
          value={meeting.caseId}
          maxLength={100}
          onChange={(caseId) => patch({ caseId })}
        />
        <SelectField<'open' | 'closed'>
          label={t('meeting.access')}
          value={meeting.isClosed ? 'closed' : 'open'}
          onChange={(value) => patch({ isClosed: value === 'closed' })}
          options={[
            { value: 'open', label: t('meeting.open') },
            { value: 'closed', label: t('meeting.closed') },
          ]}
        />
        <TemplateField value={meeting.template} onChange={(template) => patch({ template })} />
        <ProfileField
          label={t('committees.profile')}
          value={meeting.profileId}
          noneLabel={t('meeting.profileOfCommittee')}
          profiles={profiles}
          onChange={(profileId) => patch({ profileId })}
        />
      </div>
    </Section>
  );
}
