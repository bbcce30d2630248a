/**
 * The meeting document's one toolbar: every body editor of the document has its toolbar logic
 * (ToolbarPlugin), but only the body the user is writing in (the last one focused) shows it, in
 * one place fixed at the top of the document. Outside the document (a body edited on its own)
 * there is no slot and each editor shows its toolbar above its text.
 */
import { createContext, useContext } from 'react';

export type DocumentToolbarSlot = {
  /** The element the active body's toolbar is rendered into (null until it is mounted). */
  host: HTMLElement | null;
  /** The key (bodyKey) of the body whose toolbar is shown. */
  activeKey: string | null;
  /** Makes a body the one whose toolbar is shown (on focus). */
  activate(key: string): void;
  /** Shows this body's toolbar when no body has been chosen yet (the first body of the page). */
  claimDefault(key: string): void;
  /** The body's editor is gone (item deleted, editor remounted): no toolbar until the next focus. */
  release(key: string): void;
};

export const DocumentToolbarContext = createContext<DocumentToolbarSlot | null>(null);

/** The document's toolbar slot, or null outside a meeting document. */
export const useDocumentToolbarSlot = (): DocumentToolbarSlot | null =>
  useContext(DocumentToolbarContext);
