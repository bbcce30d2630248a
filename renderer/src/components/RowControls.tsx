import { MoveButtons } from './MoveButtons';

type Props = {
  /** Id of the row, used to keep focus on the moved row's button. */
  rowId: string;
  /** The row's name for the move buttons' accessible names ("Flyt X op"). */
  name: string;
  index: number;
  count: number;
  onMove(toIndex: number): void;
  /** The delete button's accessible name, e.g. "Slet bilag 2". */
  deleteLabel: string;
  /** Asks before deleting (the panel shows its confirm dialog). */
  onDelete(): void;
};

/** "Op", "Ned" and "Slet" of a row in a reorderable list (agenda items, appendices). */
export function RowControls({ deleteLabel, onDelete, ...move }: Props) {
  return (
    <MoveButtons {...move}>
      <button
        type="button"
        className="button--icon button--quiet"
        aria-label={deleteLabel}
        title={deleteLabel}
        onClick={onDelete}
      >
        ✕
      </button>
    </MoveButtons>
  );
}
