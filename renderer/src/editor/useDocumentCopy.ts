/**
 * Select-all and copy for the meeting document as a whole (documentCopy.ts): Ctrl+A (Cmd+A) in
 * a body selects the body, as in any editor; pressed again with the body wholly selected, or
 * pressed on the page outside the bodies, it selects the whole minutes. Copying a selection that
 * spans several bodies puts the text as the document shows it on the clipboard; cutting one
 * copies it and says why nothing was removed (the bodies are separate records).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  clipboardFromRange,
  isDocumentSelection,
  isWholeBodySelected,
  selectWholeDocument,
} from './documentCopy';

const pageSelector = '.meeting-document__page';

const isSelectAllKey = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) &&
  !event.altKey &&
  !event.shiftKey &&
  !event.getModifierState?.('AltGraph') &&
  event.code === 'KeyA';

/** Returns the announcement for a live region (empty when there is nothing to say). */
export function useDocumentCopy(host: () => HTMLElement | null): string {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const pageOf = () => host()?.querySelector<HTMLElement>(pageSelector) ?? null;

    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSelectAllKey(event) || event.defaultPrevented) return;
      const page = pageOf();
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (!page || !target || !host()?.contains(target)) return;
      // Form fields and the find bar select their own text.
      if (target.closest('input, textarea, select')) return;
      const editable = target.closest<HTMLElement>('[contenteditable="true"]');
      if (editable && !isWholeBodySelected(editable, window.getSelection())) return;
      // Before the editor: it would select its own text again.
      event.preventDefault();
      event.stopPropagation();
      selectWholeDocument(page);
      setAnnouncement(t('editor.document.wholeSelected'));
    };

    const onCopy = (event: ClipboardEvent, isCut: boolean) => {
      const page = pageOf();
      const selection = window.getSelection();
      if (!page || !event.clipboardData || !isDocumentSelection(selection, page)) return;
      const content = clipboardFromRange(selection!.getRangeAt(0));
      event.preventDefault();
      event.stopPropagation();
      event.clipboardData.setData('text/html', content.html);
      event.clipboardData.setData('text/plain', content.text);
      setAnnouncement(isCut ? t('editor.document.cutAcross') : '');
    };
    const copy = (event: ClipboardEvent) => onCopy(event, false);
    const cut = (event: ClipboardEvent) => onCopy(event, true);
    // A selection that left the bodies collapses with the first click or key.
    const clear = () => setAnnouncement('');

    window.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('copy', copy, true);
    document.addEventListener('cut', cut, true);
    document.addEventListener('pointerdown', clear, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('copy', copy, true);
      document.removeEventListener('cut', cut, true);
      document.removeEventListener('pointerdown', clear, true);
    };
  }, [host, t]);

  return announcement;
}
