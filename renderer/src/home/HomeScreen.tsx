/**
 * The start screen "Møder": the library's meetings across its committees, the ones that need
 * the secretary first (drafts, minutes awaiting signatures), then the coming and the latest
 * ones (homeSections.ts). Each row is one link into the meeting. The committees are one step
 * away ("Udvalg"), and "Åbn pakke" stays here. An empty library leads to creating a committee.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '../../../common/contract/api';
import { copenhagenToday, formatDanishDate } from '../../../common/domain/danishDates';
import { useApp } from '../appContext';
import { useResource } from '../api/useResource';
import { NewCommitteeForm } from '../committees/CommitteesScreen';
import { dateLanguage } from '../i18n';
import { routeHash } from '../router';
import { homeSections } from './homeSections';
import { OverviewScreen } from './OverviewScreen';
import './home.css';

export function HomeScreen() {
  const { client } = useApp();
  // Both are cheap (no bodies): the committees only tell an empty library from one without meetings.
  const load = useCallback(async () => {
    const [meetings, committees] = await Promise.all([
      client.call('meetings:list', {}),
      client.call('committees:list', {}),
    ]);
    if (!meetings.ok) return meetings;
    if (!committees.ok) return committees;
    return {
      ok: true as const,
      value: { meetings: meetings.value, committeeCount: committees.value.length },
    };
  }, [client]);
  const { resource, reload } = useResource(load);

  return (
    <OverviewScreen
      current="home"
      className="home"
      resource={resource}
      onRetry={reload}
      content={(value) => (
        <HomeContent meetings={value.meetings} committeeCount={value.committeeCount} />
      )}
    />
  );
}

function HomeContent({
  meetings,
  committeeCount,
}: {
  meetings: MeetingSummary[];
  committeeCount: number;
}) {
  const { t } = useTranslation();
  if (committeeCount === 0) {
    return (
      <>
        <div className="home__empty">
          <h2>{t('home.emptyHeading')}</h2>
          <p>{t('home.emptyLibrary')}</p>
        </div>
        <NewCommitteeForm />
      </>
    );
  }
  if (meetings.length === 0) {
    return (
      <div className="home__empty">
        <h2>{t('home.noMeetingsHeading')}</h2>
        <p>{t('home.noMeetings')}</p>
        <p>
          <a href={routeHash({ screen: 'committees' })}>{t('home.toCommittees')}</a>
        </p>
      </div>
    );
  }
  const { sections, hiddenRecent } = homeSections(meetings, copenhagenToday(Date.now()));
  return (
    <>
      {sections.map((section) => (
        <section key={section.id} className="home__section" aria-labelledby={`home-${section.id}`}>
          <h2 id={`home-${section.id}`}>
            {t(`home.sections.${section.id}`)}{' '}
            <span className="home__count">({section.meetings.length})</span>
          </h2>
          <ul className="meeting-rows">
            {section.meetings.map((meeting) => (
              <li key={meeting.id}>
                <MeetingRow meeting={meeting} />
              </li>
            ))}
          </ul>
          {section.id === 'recent' && hiddenRecent > 0 && (
            <p className="hint">
              {t('home.moreRecent', { count: hiddenRecent })}{' '}
              <a href={routeHash({ screen: 'committees' })}>{t('home.toCommittees')}</a>
            </p>
          )}
        </section>
      ))}
    </>
  );
}

function MeetingRow({ meeting }: { meeting: MeetingSummary }) {
  const { t, i18n } = useTranslation();
  const language = dateLanguage(i18n.language);
  const title =
    meeting.number === null
      ? t('home.meetingNoNumber')
      : t('home.meetingNumber', { number: meeting.number });
  const kind = meeting.kind === 'ordinary' ? '' : ` (${t(`meetingKinds.${meeting.kind}`)})`;
  return (
    <a className="meeting-row" href={routeHash({ screen: 'meeting', meetingId: meeting.id })}>
      <span className="meeting-row__committee">{meeting.committeeName}</span>
      <span className="meeting-row__title">
        {title}
        {kind}
      </span>
      <span className="meeting-row__date">{formatDanishDate(meeting.date, { language })}</span>
      <span className={`status-badge status-badge--${meeting.status}`}>
        {t(`statuses.${meeting.status}`)}
      </span>
    </a>
  );
}
