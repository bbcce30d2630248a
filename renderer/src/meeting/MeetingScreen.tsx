import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemDetail, MeetingDetail } from '../../../main/common/contract/api';
import { formatDanishDate } from '../../../main/common/domain/danishDates';
import {
  isValidIsoDate,
  type Appendix,
  type Meeting,
  type Participant,
} from '../../../main/common/domain/model';
import { meetingBodyFieldsOf } from '../../../main/common/domain/templates';
import { useApp } from '../appContext';
import { useResource } from '../api/useResource';
import { LoadState } from '../components/LoadState';
import { MeetingDocument } from '../editor/MeetingDocument';
import { MeetingRecordsContext } from '../editor/meetingRecords';
import { useStandardTexts } from '../editor/useStandardTexts';
import { dateLanguage } from '../i18n';
import { routeHash } from '../router';
import { AgendaPanel } from './AgendaPanel';
import { AppendicesPanel } from './AppendicesPanel';
import { AttendancePanel } from './AttendancePanel';
import { BodyField } from './BodyField';
import { emptyBody } from './bodies';
import { MeetingHeader } from './MeetingHeader';
import { PdfExportArea } from '../pdf/PdfExportArea';
import { ShareActions } from '../share/ShareActions';
import { LifecyclePanel } from '../lifecycle/LifecyclePanel';

/** Local updates of the loaded meeting, shared by the panels. */
export type MeetingUpdate = (change: (detail: MeetingDetail) => MeetingDetail) => void;

/** The meeting screen: header, attendance, meeting bodies, agenda items with their bodies, appendices. */
export function MeetingScreen({ meetingId }: { meetingId: string }) {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const load = useCallback(
    () => client.call('meetings:get', { id: meetingId }),
    [client, meetingId],
  );
  const { resource, reload, update } = useResource(load);
  // The minutes as one document (editor view) or the records as forms.
  const [view, setView] = useState<'form' | 'document'>('form');
  const standardTexts = useStandardTexts(
    resource.status === 'loaded' ? resource.value.committee.id : null,
  );

  if (resource.status === 'loading') return <LoadState />;
  if (resource.status === 'failed') return <LoadState error={resource.error} onRetry={reload} />;
  const detail = resource.value;
  const { meeting, committee } = detail;
  const language = dateLanguage(i18n.language);

  const setMeeting = (change: (meeting: Meeting) => Meeting) =>
    update((d) => ({ ...d, meeting: change(d.meeting) }));
  const setParticipants = (change: (list: Participant[]) => Participant[]) =>
    update((d) => ({ ...d, participants: change(d.participants) }));
  const setItems = (change: (list: AgendaItemDetail[]) => AgendaItemDetail[]) =>
    update((d) => ({ ...d, items: change(d.items) }));
  const setAppendices = (change: (list: Appendix[]) => Appendix[]) =>
    update((d) => ({ ...d, appendices: change(d.appendices) }));

  const title = t('meeting.title', {
    access: meeting.isClosed ? t('meeting.closed') : t('meeting.open'),
    number: meeting.number,
    committee: committee.name,
    date: isValidIsoDate(meeting.date)
      ? formatDanishDate(meeting.date, { language })
      : meeting.date,
  });

  const records = {
    appendices: detail.appendices,
    participants: detail.participants,
    items: detail.items,
    isMeetingClosed: meeting.isClosed,
    standardTexts,
    isLocked: meeting.status !== 'draft',
  };

  return (
    <MeetingRecordsContext.Provider value={records}>
      <article className="screen meeting" aria-labelledby="meeting-heading">
        <nav aria-label={t('nav.breadcrumbs')} className="breadcrumbs">
          <a href="#/">{t('committees.heading')}</a>
          <span aria-hidden="true"> › </span>
          <a href={routeHash({ screen: 'committee', committeeId: committee.id })}>
            {committee.name}
          </a>
        </nav>
        <h1 id="meeting-heading">{title}</h1>
        <p className="meeting__status">
          {t('meetings.status')}: {t(`statuses.${meeting.status}`)}
        </p>
        <ShareActions key={`share-${meeting.id}`} meetingId={meeting.id} />
        <LifecyclePanel
          key={`lifecycle-${meeting.id}`}
          meeting={meeting}
          onMeetingChanged={(next) => setMeeting(() => next)}
        />
        <div className="button-row" role="group" aria-label={t('editor.document.view')}>
          <button type="button" aria-pressed={view === 'form'} onClick={() => setView('form')}>
            {t('editor.document.viewForm')}
          </button>
          <button
            type="button"
            aria-pressed={view === 'document'}
            onClick={() => setView('document')}
          >
            {t('editor.document.viewDocument')}
          </button>
        </div>
        <PdfExportArea key={meeting.id} meetingId={meeting.id}>
        {view === 'document' ? (
          <MeetingDocument
            detail={detail}
            title={title}
            onMeetingBodySaved={(field, body) =>
              update((d) => ({ ...d, bodies: { ...d.bodies, [field]: body } }))
            }
            setParticipants={setParticipants}
            onItemBodySaved={(itemId, field, body) =>
              setItems((list) =>
                list.map((item) =>
                  item.id === itemId
                    ? { ...item, bodies: { ...item.bodies, [field]: body } }
                    : item,
                ),
              )
            }
          />
        ) : (
          <>
            {/* Approved minutes are read-only: corrections are added in the lifecycle panel. */}
            <fieldset className="lifecycle-lock" disabled={records.isLocked}>
            <MeetingHeader meeting={meeting} setMeeting={setMeeting} />
            <AttendancePanel
              meetingId={meeting.id}
              participants={detail.participants}
              items={detail.items}
              setParticipants={setParticipants}
            />
            {meetingBodyFieldsOf(meeting.template).length > 0 && (
              <section className="panel" aria-labelledby="meeting-bodies-heading">
                <h2 id="meeting-bodies-heading">{t('meeting.bodiesHeading')}</h2>
                {meetingBodyFieldsOf(meeting.template).map((field) => (
                  <BodyField
                    key={field}
                    owner={{ kind: 'meeting', meetingId: meeting.id, field }}
                    body={detail.bodies[field] ?? emptyBody()}
                    onSaved={(body) =>
                      update((d) => ({ ...d, bodies: { ...d.bodies, [field]: body } }))
                    }
                  />
                ))}
              </section>
            )}
            <AgendaPanel meeting={meeting} items={detail.items} setItems={setItems} />
            </fieldset>
            <AppendicesPanel
              meetingId={meeting.id}
              appendices={detail.appendices}
              items={detail.items}
              setAppendices={setAppendices}
            />
          </>
        )}
        </PdfExportArea>
      </article>
    </MeetingRecordsContext.Provider>
  );
}
