import { useEffect, useId, useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { MenuOption } from '@lexical/react/LexicalTypeaheadMenuPlugin';

/** An option with a visible label and an optional detail line. */
export type LabelledOption = MenuOption & { label: string; detail?: string };

/**
 * The floating list of a typeahead menu ("#" appendix search, "/" commands), rendered into
 * Lexical's anchor element. A listbox with the highlighted option marked for screen readers.
 */
export function TypeaheadList<T extends LabelledOption>({
  anchor,
  label,
  options,
  selectedIndex,
  onSelect,
  onHighlight,
}: {
  anchor: HTMLElement | null;
  label: string;
  options: T[];
  selectedIndex: number | null;
  onSelect(option: T): void;
  onHighlight(index: number): void;
}) {
  const id = useId();
  const listRef = useRef<HTMLUListElement>(null);
  // Placed in view: below the caret when it fits, else above it; never below the window's edge
  // (Lexical flips only inside the body's own box, which is often a few lines high).
  useLayoutEffect(() => {
    const place = () => {
      const list = listRef.current;
      if (!list || !anchor) return;
      list.classList.remove('editor-typeahead--above');
      const rect = list.getBoundingClientRect();
      const caret = anchor.getBoundingClientRect();
      const isBelowEdge = rect.bottom > window.innerHeight - 8;
      if (isBelowEdge && caret.top - rect.height - 8 > 0) {
        list.classList.add('editor-typeahead--above');
      } else if (isBelowEdge) {
        list.scrollIntoView({ block: 'nearest' });
      }
    };
    place();
    // Lexical moves its anchor to the caret after this render: place the list again then.
    const frame = requestAnimationFrame(place);
    return () => cancelAnimationFrame(frame);
  }, [anchor, options.length]);
  useEffect(() => {
    if (!anchor) return undefined;
    // Lexical makes its positioning box a listbox named "Typeahead menu"; a listbox inside a
    // listbox is invalid (axe: aria-required-children), so the box is only layout. Lexical
    // sets the role after this effect when it attaches the box: apply again after the frame.
    const neutralize = () => {
      anchor.setAttribute('role', 'presentation');
      anchor.removeAttribute('aria-label');
    };
    neutralize();
    const frame = requestAnimationFrame(neutralize);
    return () => cancelAnimationFrame(frame);
  });
  if (!anchor || options.length === 0) return null;
  return createPortal(
    <ul ref={listRef} className="editor-typeahead" role="listbox" aria-label={label} id={id}>
      {options.map((option, index) => (
        <li
          key={option.key}
          // Lexical points the text box's aria-activedescendant at "typeahead-item-N".
          id={`typeahead-item-${index}`}
          ref={(element) => option.setRefElement(element)}
          role="option"
          aria-selected={selectedIndex === index}
          className={`editor-typeahead__option${selectedIndex === index ? ' is-selected' : ''}`}
          onMouseEnter={() => onHighlight(index)}
          onMouseDown={(event) => {
            // Keep the caret in the editor while choosing.
            event.preventDefault();
            onSelect(option);
          }}
        >
          <span className="editor-typeahead__label">{option.label}</span>
          {option.detail && <span className="editor-typeahead__detail">{option.detail}</span>}
        </li>
      ))}
    </ul>,
    anchor,
  );
}
