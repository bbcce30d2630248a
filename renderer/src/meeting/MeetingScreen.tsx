import { Info, Paperclip, Users } from 'lucide-react';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
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
import { AttendanceSlot } from './AttendanceSlot';
import { MeetingHeader } from './MeetingHeader';
import { PdfExportArea } from '../pdf/PdfExportArea';
import { ShareActions } from '../share/ShareActions';
import { AgendaSendPanel } from '../agendaSending/AgendaSendPanel';
import { LifecyclePanel } from '../lifecycle/LifecyclePanel';
import { DocumentToolbarContext, type DocumentToolbarSlot } from '../editor/documentToolbar';
import { LifecycleMenu } from './LifecycleMenu';
import { MeetingSidePanel, type MeetingPanel } from './MeetingSidePanel';
import './meeting.css';

/** Local updates of the loaded meeting, shared by the panels. */
export type MeetingUpdate = (change: (detail: MeetingDetail) => MeetingDetail) => void;

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

/** The document's one toolbar: which body shows its toolbar, and where. */
function useToolbarSlot(): [DocumentToolbarSlot, (element: HTMLElement | null) => void] {
  const [host, setHost] = useState<HTMLElement | null>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const activate = useCallback((key: string) => setActiveKey(key), []);
  const claimDefault = useCallback((key: string) => setActiveKey((current) => current ?? key), []);
  const release = useCallback(
    (key: string) => setActiveKey((current) => (current === key ? null : current)),
    [],
  );
  const slot = useMemo(
    () => ({ host, activeKey, activate, claimDefault, release }),
    [host, activeKey, activate, claimDefault, release],
  );
  return [slot, setHost];
}

/**
 * The sticky meeting bar's height and bottom edge as `--meeting-bar-height` and
 * `--meeting-bar-bottom` on the screen: the outline and the side panel stick below it, the PDF
 * preview drawer starts below it. Set on the element directly (no render per scroll).
 */
function useBarMetrics(): (bar: HTMLDivElement | null) => void {
  const cleanup = useRef<(() => void) | null>(null);
  return useCallback((bar: HTMLDivElement | null) => {
    cleanup.current?.();
    cleanup.current = null;
    const screen = bar?.parentElement;
    if (!bar || !screen) return;
    const measure = () => {
      screen.style.setProperty('--meeting-bar-height', `${bar.offsetHeight}px`);
      const bottom = Math.max(0, bar.getBoundingClientRect().bottom);
      screen.style.setProperty('--meeting-bar-bottom', `${bottom}px`);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(bar);
    window.addEventListener('scroll', measure, { passive: true });
    cleanup.current = () => {
      observer.disconnect();
      window.removeEventListener('scroll', measure);
    };
  }, []);
}

/**
 * The meeting screen: the minutes as the screen (MeetingDocument) below a slim bar with the
 * title, the status, the records' buttons, the lifecycle menu and the one toolbar of the body
 * being written in; the records and actions open in the side panel.
 */
export function MeetingScreen({ meetingId }: { meetingId: string }) {
  const { t, i18n } = useTranslation();
  const { client, queue } = useApp();
  const load = useCallback(
    () => client.call('meetings:get', { id: meetingId }),
    [client, meetingId],
  );
  const { resource, reload, update } = useResource(load);
  const [panel, setPanel] = useState<MeetingPanel | null>(null);
  const [pdfHost, setPdfHost] = useState<HTMLElement | null>(null);
  const [toolbarSlot, setToolbarHost] = useToolbarSlot();
  // Bumped when an item's bodies were replaced outside its editors: the document reloads them.
  const [bodyGenerations, setBodyGenerations] = useState<Record<string, number>>({});
  const [moveError, setMoveError] = useState<string | null>(null);
  const barRef = useBarMetrics();
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
  /** Reorders the agenda from the outline (Alt+ArrowUp/Down), as the agenda form does. */
  const onMoveItem = useCallback(
    async (itemId: string, toIndex: number) => {
      const result = await queue.run(() =>
        client.call('items:move', { id: itemId, position: toIndex }),
      );
      if (!result.ok) {
        setMoveError(result.error.message);
        return;
      }
      setMoveError(null);
      update((d) => {
        const byId = new Map(d.items.map((record) => [record.id, record]));
        return {
          ...d,
          items: result.value.map((record) => ({
            ...record,
            bodies: byId.get(record.id)?.bodies ?? ({} as AgendaItemDetail['bodies']),
          })),
        };
      });
    },
    [client, queue, update],
  );
  const onBodiesReplaced = useCallback(
    (itemId: string) =>
      setBodyGenerations((current) => ({ ...current, [itemId]: (current[itemId] ?? 0) + 1 })),
    [],
  );
  // Where the focus was when a panel part was opened: closing the panel returns it there.
  const panelOpener = useRef<HTMLElement | null>(null);
  const closePanel = useCallback(() => {
    const panelElement = document.getElementById('meeting-side-panel');
    const hadFocus = panelElement?.contains(document.activeElement) === true;
    setPanel(null);
    if (!hadFocus) return;
    const opener = panelOpener.current;
    requestAnimationFrame(() =>
      (opener?.isConnected
        ? opener
        : document.querySelector<HTMLElement>('.meeting-bar__menu-button')
      )?.focus(),
    );
  }, []);
  const openPanel = useCallback((next: MeetingPanel) => {
    const active = document.activeElement;
    // A menu item disappears with its menu; its trigger then takes the focus back.
    if (active instanceof HTMLElement && !active.closest('[role="menu"], #meeting-side-panel'))
      panelOpener.current = active;
    else if (active?.closest('[role="menu"]')) panelOpener.current = null;
    setPanel(next);
    // After a menu has given the focus back to its button: the panel takes it.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => document.getElementById('meeting-side-panel')?.focus()),
    );
  }, []);

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

  const renderPanel = (part: MeetingPanel): ReactNode => {
    switch (part) {
      case 'details':
        return (
          // Approved minutes are read-only: corrections are added with the approval.
          <fieldset className="lifecycle-lock" disabled={records.isLocked}>
            <MeetingHeader meeting={meeting} setMeeting={setMeeting} isLocked={records.isLocked} />
            <AgendaPanel
              meeting={meeting}
              profile={detail.profile}
              items={detail.items}
              setItems={setItems}
              hasBodies={false}
              onBodiesReplaced={onBodiesReplaced}
            />
          </fieldset>
        );
      case 'attendance':
        return (
          <AttendanceSlot
            meetingId={meeting.id}
            participants={detail.participants}
            items={detail.items}
            setParticipants={setParticipants}
            isLocked={records.isLocked === true}
          />
        );
      case 'appendices':
        return (
          <AppendicesPanel
            meetingId={meeting.id}
            appendices={detail.appendices}
            items={detail.items}
            setAppendices={setAppendices}
          />
        );
      case 'lifecycle':
        return (
          <LifecyclePanel
            key={`lifecycle-${meeting.id}`}
            meeting={meeting}
            onMeetingChanged={(next) => setMeeting(() => next)}
          />
        );
      case 'share':
        return (
          <ShareActions
            key={`share-${meeting.id}`}
            meetingId={meeting.id}
            status={meeting.status}
            onMeetingChanged={(next) => setMeeting(() => next)}
          />
        );
      case 'agenda':
        return (
          <AgendaSendPanel
            key={`agenda-${meeting.id}`}
            meetingId={meeting.id}
            status={meeting.status}
          />
        );
      case 'pdf':
        return <div ref={setPdfHost} className="side-panel__pdf" />;
    }
  };

  const recordButton = (part: MeetingPanel, icon: ReactNode, label: string) => (
    <button
      type="button"
      className="meeting-bar__button"
      aria-pressed={panel === part}
      aria-controls={panel === part ? 'meeting-side-panel' : undefined}
      title={t(`meeting.panel.${part}`)}
      onClick={() => (panel === part ? closePanel() : openPanel(part))}
    >
      {icon}
      <span>{label}</span>
    </button>
  );

  return (
    <MeetingRecordsContext.Provider value={records}>
      <DocumentToolbarContext.Provider value={toolbarSlot}>
        <article className="screen meeting meeting-screen" aria-labelledby="meeting-heading">
          <HeaderPlace
            text={t('app.meetingPlace', {
              committee: committee.name,
              number: meeting.number,
              date: isValidIsoDate(meeting.date)
                ? formatDanishDate(meeting.date, { language })
                : meeting.date,
            })}
          />
          <div ref={barRef} className="meeting-bar">
            <div className="meeting-bar__row">
              <div className="meeting-bar__titles">
                <nav aria-label={t('nav.breadcrumbs')} className="breadcrumbs">
                  <a href="#/committees">{t('committees.heading')}</a>
                  <span aria-hidden="true"> › </span>
                  <a href={routeHash({ screen: 'committee', committeeId: committee.id })}>
                    {committee.name}
                  </a>
                </nav>
                <h1 id="meeting-heading">{title}</h1>
              </div>
              <p className={`status-badge status-badge--${meeting.status}`}>
                <span className="visually-hidden">{t('meetings.status')}: </span>
                {t(`statuses.${meeting.status}`)}
              </p>
              <div className="meeting-bar__actions">
                {recordButton(
                  'details',
                  <Info size={16} aria-hidden="true" />,
                  t('meeting.panel.details'),
                )}
                {recordButton(
                  'attendance',
                  <Users size={16} aria-hidden="true" />,
                  t('meeting.panel.attendance'),
                )}
                {recordButton(
                  'appendices',
                  <Paperclip size={16} aria-hidden="true" />,
                  t('meeting.panel.appendices'),
                )}
                <LifecycleMenu status={meeting.status} onOpen={openPanel} />
              </div>
            </div>
            {!records.isLocked && (
              <div ref={setToolbarHost} className="meeting-bar__toolbar">
                {toolbarSlot.activeKey === null && (
                  <p className="meeting-bar__toolbar-hint">{t('editor.toolbarEmpty')}</p>
                )}
              </div>
            )}
          </div>
          {moveError && (
            <p className="error" role="alert">
              {moveError}
            </p>
          )}
          <PdfExportArea key={meeting.id} meetingId={meeting.id} controlsHost={pdfHost}>
            <div
              className={
                panel
                  ? `meeting-workspace meeting-workspace--panel meeting-workspace--${panel}`
                  : 'meeting-workspace'
              }
            >
              <MeetingDocument
                detail={detail}
                title={title}
                onMeetingBodySaved={onMeetingBodySaved}
                setParticipants={setParticipants}
                onItemBodySaved={onItemBodySaved}
                onMoveItem={onMoveItem}
                bodyGenerations={bodyGenerations}
              />
              <MeetingSidePanel panel={panel} onClose={closePanel} render={renderPanel} />
            </div>
          </PdfExportArea>
        </article>
      </DocumentToolbarContext.Provider>
    </MeetingRecordsContext.Provider>
  );
}
