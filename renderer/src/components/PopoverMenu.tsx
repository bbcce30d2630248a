/**
 * A menu (React Aria) drawn in a popover by its MenuTrigger's button, flipped to stay in view:
 * arrows move, Enter picks, and `onAction` gets the picked item's id.
 */
import type { ReactNode } from 'react';
import { Menu, Popover, type Key } from 'react-aria-components';

export function PopoverMenu({
  label,
  placement,
  onAction,
  children,
}: {
  label: string;
  placement: 'bottom start' | 'bottom end';
  onAction(key: Key): void;
  /** The menu's MenuItems. */
  children: ReactNode;
}) {
  return (
    <Popover className="popover" placement={placement} shouldFlip>
      <Menu className="menu" aria-label={label} onAction={onAction}>
        {children}
      </Menu>
    </Popover>
  );
}
