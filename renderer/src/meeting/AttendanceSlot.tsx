/**
 * The attendance part of the meeting screen's side panel: the one place the attendance editor
 * is mounted. Today the AttendancePanel form (one fieldset per participant); a compact
 * attendance table can take its place here without touching the meeting screen.
 */
import type { AgendaItemDetail } from '../../../common/contract/api';
import type { Participant } from '../../../common/domain/model';
import { AttendancePanel } from '../editor/AttendancePanel';

export type AttendanceSlotProps = {
  meetingId: string;
  participants: Participant[];
  items: AgendaItemDetail[];
  setParticipants(change: (list: Participant[]) => Participant[]): void;
  /** Approved minutes: the attendance is read-only. */
  isLocked: boolean;
};

export function AttendanceSlot({
  meetingId,
  participants,
  items,
  setParticipants,
  isLocked,
}: AttendanceSlotProps) {
  return (
    <div className="attendance-slot">
      <fieldset className="lifecycle-lock" disabled={isLocked}>
        <AttendancePanel
          meetingId={meetingId}
          participants={participants}
          items={items}
          setParticipants={setParticipants}
        />
      </fieldset>
    </div>
  );
}
