import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemDetail, MeetingDetail } from '../../../common/contract/api';
import { formatDanishDate } from '../../../common/domain/danishDates';
import {
  isValidIsoDate,
  type Appendix,
  type Body,
  type ItemBodyField,
  type Meeting,
  type MeetingBodyField,
  type Participant,
} from '../../../common/domain/model';
import { fieldLabel, meetingBodySlots } from '../editor/itemBodyOrder';
import { useApp } from '../appContext';
import { HeaderPlace } from '../headerPlace';
import { useResource } from '../api/useResource';
import { LoadState } from '../components/LoadState';
import { MeetingDocument } from '../editor/MeetingDocument';
import { MeetingRecordsContext, type MeetingRecords } from '../editor/meetingRecords';
import { useStandardTexts } from '../editor/useStandardTexts';
import { dateLanguage } from '../i18n';
import { routeHash } from '../router';
import { AgendaPanel } from './AgendaPanel';
import { AppendicesPanel } from './AppendicesPanel';
import { AttendancePanel } from '../editor/AttendancePanel';
import { BodyField } from '../editor/BodyField';
import { emptyBody } from '../../../common/domain/model';
import { MeetingHeader } from './MeetingHeader';
import { PdfExportArea } from '../pdf/PdfExportArea';
import { ShareActions } from '../share/ShareActions';
import { AgendaSendPanel } from '../agendaSending/AgendaSendPanel';
import { LifecyclePanel } from '../lifecycle/LifecyclePanel';

/** Local updates of the loaded meeting, shared by the panels. */
export type MeetingUpdate = (change: (detail: MeetingDetail) => MeetingDetail) => void;

/** The minutes as one document (the default), or the records (details, agenda, appendices) as forms. */
export type MeetingView = 'document' | 'records';

const viewStorageKey = 'referat.meetingView';

function storedView(): MeetingView {
  try {
    return window.localStorage.getItem(viewStorageKey) === 'records' ? 'records' : 'document';
  } catch {
    return 'document';
  }
}

function rememberView(view: MeetingView): void {
  try {
    window.localStorage.setItem(viewStorageKey, view);
  } catch {
    // Private windows may refuse storage; the switch still applies to this meeting.
  }
}

type AgendaSummary = MeetingRecords['items'];

/**
 * The items as the body editors need them (no bodies). Saving a body replaces its item in
 * `detail.items`; deriving the summary from a string keeps the records context the same object
 * then, so one save does not re-render every body of a 300-page meeting.
 */
function useAgendaSummary(items: readonly AgendaItemDetail[] | null): AgendaSummary {
  const key = JSON.stringify(
    items?.map(({ id, isClosed, title, presenter, position, publicTitle }) => ({
      id,
      isClosed,
      title,
      presenter,
      position,
      publicTitle,
    })) ?? [],
  );
  return useMemo(() => JSON.parse(key) as AgendaSummary, [key]);
}

/** The meeting screen: header, attendance, meeting bodies, agenda items with their bodies, appendices. */
export function MeetingScreen({ meetingId }: { meetingId: string }) {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const load = useCallback(
    () => client.call('meetings:get', { id: meetingId }),
    [client, meetingId],
  );
  const { resource, reload, update } = useResource(load);
  const [view, setViewState] = useState<MeetingView>(storedView);
  const setView = useCallback((next: MeetingView) => {
    setViewState(next);
    rememberView(next);
  }, []);
  const detail = resource.status === 'loaded' ? resource.value : null;
  const standardTexts = useStandardTexts(detail ? detail.committee.id : null);
  const agenda = useAgendaSummary(detail ? detail.items : null);
  const appendices = detail?.appendices;
  const participants = detail?.participants;
  const isMeetingClosed = detail?.meeting.isClosed === true;
  const isLocked = detail !== null && detail.meeting.status !== 'draft';
  // One object while the records stay the same: every BodyField reads this context.
  const records = useMemo<MeetingRecords>(
    () => ({
      appendices: appendices ?? [],
      participants: participants ?? [],
      items: agenda,
      isMeetingClosed,
      ...(standardTexts ? { standardTexts } : {}),
      isLocked,
    }),
    [appendices, participants, agenda, isMeetingClosed, standardTexts, isLocked],
  );

  // Stable callbacks: the document's sections are memoized and re-render only when their item changes.
  const setParticipants = useCallback(
    (change: (list: Participant[]) => Participant[]) =>
      update((d) => ({ ...d, participants: change(d.participants) })),
    [update],
  );
  const onMeetingBodySaved = useCallback(
    (field: MeetingBodyField, body: Body) =>
      update((d) => ({ ...d, bodies: { ...d.bodies, [field]: body } })),
    [update],
  );
  const onItemBodySaved = useCallback(
    (itemId: string, field: ItemBodyField, body: Body) =>
      update((d) => ({
        ...d,
        items: d.items.map((item) =>
          item.id === itemId ? { ...item, bodies: { ...item.bodies, [field]: body } } : item,
        ),
      })),
    [update],
  );

  if (resource.status === 'failed') return <LoadState error={resource.error} onRetry={reload} />;
  if (detail === null) return <LoadState />;
  const { meeting, committee } = detail;
  const language = dateLanguage(i18n.language);

  const setMeeting = (change: (meeting: Meeting) => Meeting) =>
    update((d) => ({ ...d, meeting: change(d.meeting) }));
  const setItems = (change: (list: AgendaItemDetail[]) => AgendaItemDetail[]) =>
    update((d) => ({ ...d, items: change(d.items) }));
  const setAppendices = (change: (list: Appendix[]) => Appendix[]) =>
    update((d) => ({ ...d, appendices: change(d.appendices) }));

  const title = t(meeting.number === null ? 'meeting.titleNoNumber' : 'meeting.title', {
    access: meeting.isClosed ? t('meeting.closed') : t('meeting.open'),
    number: meeting.number,
    committee: committee.name,
    date: isValidIsoDate(meeting.date)
      ? formatDanishDate(meeting.date, { language })
      : meeting.date,
  });

  return (
    <MeetingRecordsContext.Provider value={records}>
      <article className="screen meeting" aria-labelledby="meeting-heading">
        <nav aria-label={t('nav.breadcrumbs')} className="breadcrumbs">
          <a href="#/committees">{t('committees.heading')}</a>
          <span aria-hidden="true"> › </span>
          <a href={routeHash({ screen: 'committee', committeeId: committee.id })}>
            {committee.name}
          </a>
        </nav>
        <HeaderPlace
          text={t('app.meetingPlace', {
            committee: committee.name,
            number: meeting.number,
            date: isValidIsoDate(meeting.date)
              ? formatDanishDate(meeting.date, { language })
              : meeting.date,
          })}
        />
        <h1 id="meeting-heading">{title}</h1>
        <p className="meeting__status">
          {t('meetings.status')}: {t(`statuses.${meeting.status}`)}
        </p>
        <ShareActions
          key={`share-${meeting.id}`}
          meetingId={meeting.id}
          status={meeting.status}
          onMeetingChanged={(next) => setMeeting(() => next)}
        />
        <AgendaSendPanel
          key={`agenda-${meeting.id}`}
          meetingId={meeting.id}
          status={meeting.status}
        />
        <LifecyclePanel
          key={`lifecycle-${meeting.id}`}
          meeting={meeting}
          onMeetingChanged={(next) => setMeeting(() => next)}
        />
        <div className="button-row" role="group" aria-label={t('editor.document.view')}>
          <button
            type="button"
            aria-pressed={view === 'document'}
            onClick={() => setView('document')}
          >
            {t('editor.document.viewDocument')}
          </button>
          <button
            type="button"
            aria-pressed={view === 'records'}
            onClick={() => setView('records')}
          >
            {t('editor.document.viewForm')}
          </button>
        </div>
        <PdfExportArea key={meeting.id} meetingId={meeting.id}>
          {view === 'document' ? (
            <MeetingDocument
              detail={detail}
              title={title}
              onMeetingBodySaved={onMeetingBodySaved}
              setParticipants={setParticipants}
              onItemBodySaved={onItemBodySaved}
            />
          ) : (
            <>
              {/* Approved minutes are read-only: corrections are added in the lifecycle panel. */}
              <fieldset className="lifecycle-lock" disabled={records.isLocked}>
                <MeetingHeader
                  meeting={meeting}
                  setMeeting={setMeeting}
                  isLocked={records.isLocked}
                />
                <AttendancePanel
                  meetingId={meeting.id}
                  participants={detail.participants}
                  items={detail.items}
                  setParticipants={setParticipants}
                />
                {meetingBodySlots(detail.profile, detail.bodies).length > 0 && (
                  <section className="panel" aria-labelledby="meeting-bodies-heading">
                    <h2 id="meeting-bodies-heading">{t('meeting.bodiesHeading')}</h2>
                    {meetingBodySlots(detail.profile, detail.bodies).map(({ field, label }) => (
                      <BodyField
                        key={field}
                        label={fieldLabel(label, i18n.language === 'en' ? 'en' : 'da')}
                        owner={{ kind: 'meeting', meetingId: meeting.id, field }}
                        body={detail.bodies[field] ?? emptyBody()}
                        onSaved={(body) => onMeetingBodySaved(field, body)}
                      />
                    ))}
                  </section>
                )}
                <AgendaPanel
                  meeting={meeting}
                  profile={detail.profile}
                  items={detail.items}
                  setItems={setItems}
                />
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
