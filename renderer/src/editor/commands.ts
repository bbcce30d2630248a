/**
 * The editor's own commands. Toolbar buttons, shortcuts and the slash menu all dispatch these,
 * so each action has one implementation (InsertCommandsPlugin).
 */
import { createCommand, type LexicalCommand } from 'lexical';

export type BlockType = 'paragraph' | 'h1' | 'h2' | 'h3';

/** Turns the selected blocks into paragraphs or headings. */
export const SET_BLOCK_TYPE_COMMAND: LexicalCommand<BlockType> =
  createCommand('SET_BLOCK_TYPE_COMMAND');
/** Inserts an empty vote after the current block (its editor opens at once). */
export const INSERT_VOTE_COMMAND: LexicalCommand<void> = createCommand('INSERT_VOTE_COMMAND');
/** Inserts a dissent (protokoltilførsel) after the current block. */
export const INSERT_DISSENT_COMMAND: LexicalCommand<void> = createCommand('INSERT_DISSENT_COMMAND');
/** Inserts a reference to the appendix with this id at the caret. */
export const INSERT_APPENDIX_REFERENCE_COMMAND: LexicalCommand<string> = createCommand(
  'INSERT_APPENDIX_REFERENCE_COMMAND',
);
/** Inserts a reference to the participant with this id at the caret. */
export const INSERT_PARTICIPANT_REFERENCE_COMMAND: LexicalCommand<string> = createCommand(
  'INSERT_PARTICIPANT_REFERENCE_COMMAND',
);
/**
 * Inserts the meeting's agenda points with their presenters ("Indsæt dagsorden"); handled only
 * in the meeting's Resumé (AgendaPlugin), elsewhere it does nothing.
 */
export const INSERT_AGENDA_COMMAND: LexicalCommand<void> = createCommand('INSERT_AGENDA_COMMAND');
/** Inserts a standard decision text ("Godkendt.") at the caret. */
export const INSERT_STANDARD_TEXT_COMMAND: LexicalCommand<string> = createCommand(
  'INSERT_STANDARD_TEXT_COMMAND',
);
/** Opens the appendix picker (toolbar, slash menu). */
export const OPEN_APPENDIX_PICKER_COMMAND: LexicalCommand<void> = createCommand(
  'OPEN_APPENDIX_PICKER_COMMAND',
);
/** Opens the link dialog (toolbar, Ctrl+K). */
export const OPEN_LINK_DIALOG_COMMAND: LexicalCommand<void> = createCommand(
  'OPEN_LINK_DIALOG_COMMAND',
);
