/**
 * The meeting screen's side panel: the records and actions that are not the minutes' text
 * (meeting details and agenda, attendance, appendices, approval and signing with the history,
 * sharing and archiving, PDF export) open here beside the document instead of above it. Docked
 * when the window is wide; over the document's right edge otherwise, so the text keeps a
 * comfortable writing width. A part stays mounted once opened (hidden while another is shown),
 * so a running export or an archive's handover form is not lost by looking elsewhere.
 */
import { X } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The parts of the side panel. */
export const meetingPanels = [
  'details',
  'attendance',
  'appendices',
  'agenda',
  'lifecycle',
  'share',
  'pdf',
] as const;
export type MeetingPanel = (typeof meetingPanels)[number];

export function MeetingSidePanel({
  panel,
  onClose,
  render,
}: {
  /** The part shown, or null when the panel is closed. */
  panel: MeetingPanel | null;
  onClose(): void;
  /** The content of a part. */
  render(panel: MeetingPanel): ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const [visited, setVisited] = useState<readonly MeetingPanel[]>([]);
  useEffect(() => {
    if (panel !== null && !visited.includes(panel)) setVisited((list) => [...list, panel]);
  }, [panel, visited]);
  if (panel === null && visited.length === 0) return null;
  return (
    <aside
      ref={ref}
      id="meeting-side-panel"
      className="side-panel"
      aria-label={panel ? t(`meeting.panel.${panel}`) : t('meeting.panel.label')}
      hidden={panel === null}
      tabIndex={-1}
      onKeyDown={(event) => {
        // Escape in a dialog of the panel closes that dialog only.
        if (
          event.key === 'Escape' &&
          !(event.target instanceof Element && event.target.closest('dialog, [role="dialog"]'))
        ) {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      {/* The parts have their own headings; the bar holds only the close button. */}
      <div className="side-panel__bar">
        <button
          type="button"
          className="icon-button"
          aria-label={t('meeting.panel.close')}
          title={t('meeting.panel.close')}
          onClick={onClose}
        >
          <X size={18} aria-hidden="true" />
        </button>
      </div>
      {/* The attendance part is AttendanceSlot.tsx: the mount point of the attendance editor. */}
      {[...visited, ...(panel !== null && !visited.includes(panel) ? [panel] : [])].map((part) => (
        <div
          key={part}
          className={`side-panel__part side-panel__part--${part}`}
          hidden={part !== panel}
        >
          {render(part)}
        </div>
      ))}
    </aside>
  );
}
