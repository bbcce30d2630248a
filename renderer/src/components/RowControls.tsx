import { X } from 'lucide-react';
import { MoveButtons, type MoveButtonsProps } from './MoveButtons';

type Props = Omit<MoveButtonsProps, 'children'> & {
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
        <X aria-hidden="true" size={16} />
      </button>
    </MoveButtons>
  );
}
