import { ArrowDown, ArrowUp } from 'lucide-react';
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type MoveButtonsProps = {
  /** Id of the row, used to keep focus on the moved row's button. */
  rowId: string;
  /** The row's name for the buttons' accessible names ("Flyt X op"). */
  name: string;
  index: number;
  count: number;
  onMove(toIndex: number): void;
  /** Further buttons of the row, after "Ned" (e.g. delete). */
  children?: ReactNode;
};

/**
 * "Op" / "Ned" buttons of a reorderable row. After a move the focus follows the row, so a
 * keyboard user can press the same button again.
 */
export function MoveButtons({ rowId, name, index, count, onMove, children }: MoveButtonsProps) {
  const { t } = useTranslation();
  const upRef = useRef<HTMLButtonElement>(null);
  const downRef = useRef<HTMLButtonElement>(null);
  const focusAfterMove = useRef<'up' | 'down' | null>(null);
  useEffect(() => {
    if (focusAfterMove.current === null) return;
    const target = focusAfterMove.current === 'up' ? upRef.current : downRef.current;
    const fallback = focusAfterMove.current === 'up' ? downRef.current : upRef.current;
    focusAfterMove.current = null;
    (target && !target.disabled ? target : fallback)?.focus();
  }, [index]);
  const move = (direction: 'up' | 'down') => {
    focusAfterMove.current = direction;
    onMove(direction === 'up' ? index - 1 : index + 1);
  };
  return (
    <div className="move-buttons" data-row-id={rowId}>
      <button
        ref={upRef}
        type="button"
        className="button--icon"
        disabled={index === 0}
        aria-label={t('common.moveUp', { name })}
        title={t('common.moveUp', { name })}
        onClick={() => move('up')}
      >
        <ArrowUp aria-hidden="true" size={16} />
      </button>
      <button
        ref={downRef}
        type="button"
        className="button--icon"
        disabled={index >= count - 1}
        aria-label={t('common.moveDown', { name })}
        title={t('common.moveDown', { name })}
        onClick={() => move('down')}
      >
        <ArrowDown aria-hidden="true" size={16} />
      </button>
      {children}
    </div>
  );
}

/** Alt+↑ / Alt+↓ anywhere inside a row moves it (announced in the row's hint). */
export function moveKeyHandler(index: number, count: number, onMove: (toIndex: number) => void) {
  return (event: KeyboardEvent) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowUp' && index > 0) {
      event.preventDefault();
      onMove(index - 1);
    } else if (event.key === 'ArrowDown' && index < count - 1) {
      event.preventDefault();
      onMove(index + 1);
    }
  };
}
