/**
 * The records a body's references are displayed from: the meeting's appendices and
 * participants, the UI language and whether the body is open (public) text.
 *
 * React components of the nodes read it from `ReferenceContext`; `getTextContent()` (copy as
 * plain text, find, tests) reads the copy registered for the editor, because Lexical calls it
 * without React. Neither stores a number in the body: "Bilag N" is resolved on every display.
 */
import { createContext, useContext } from 'react';
import { $getEditor, type LexicalEditor } from 'lexical';
import type { Participant } from '../../../common/domain/model';
import type { AppendixInfo } from '../../../common/editor/references';
import type { Lang } from '../../../common/wording/words';

/**
 * What a participant reference and a vote need to know about a participant; the role, when
 * known, helps tell members apart in the "@" search.
 */
export type ParticipantInfo = Pick<Participant, 'id' | 'name' | 'party' | 'attendance'> &
  Partial<Pick<Participant, 'role' | 'substituteForId'>>;

export type ReferenceLookup = {
  appendices: readonly AppendixInfo[];
  participants: readonly ParticipantInfo[];
  lang: Lang;
  /** True for open (public) text: a closed appendix cited here is warned about. */
  isOpenText: boolean;
  /** The meeting's Resumé, which can list the agenda points ("Indsæt dagsorden"). */
  canInsertAgenda?: boolean;
};

export const emptyLookup: ReferenceLookup = {
  appendices: [],
  participants: [],
  lang: 'da',
  isOpenText: true,
};

export const ReferenceContext = createContext<ReferenceLookup>(emptyLookup);

/** The lookup of the editor the calling component belongs to. */
export function useReferenceLookup(): ReferenceLookup {
  return useContext(ReferenceContext);
}

const lookups = new WeakMap<LexicalEditor, ReferenceLookup>();

/** Registers the lookup `getTextContent()` of this editor's reference nodes uses. */
export function setEditorReferenceLookup(editor: LexicalEditor, lookup: ReferenceLookup): void {
  lookups.set(editor, lookup);
}

/** The lookup of the active editor; call inside `editor.read()`/`update()`. */
export function $getReferenceLookup(): ReferenceLookup {
  try {
    return lookups.get($getEditor()) ?? emptyLookup;
  } catch {
    // Reading a detached editor state has no active editor: show unresolved references.
    return emptyLookup;
  }
}
