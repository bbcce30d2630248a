import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LexicalNode, NodeKey } from 'lexical';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { dissentKinds, type Dissent, type DissentKind } from '../../../../common/domain/richText';
import { dissentHeading, dissentKindName } from '../../../../common/wording/blocks';
import { personName } from '../../../../common/wording/people';
import { hasVotedAgainst } from '../../../../common/wording/votes';
import { useReferenceLookup, type ParticipantInfo } from '../referenceLookup';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { EditableBlock } from './EditableBlock';
import { EditorForm } from './EditorForm';
import { useBodyVotes } from './useBodyVotes';

/** The dissent with warnings when its author is not present or did not vote against. */
/** The dissent node as this view edits it (the node module passes its guard in, so this file need not import it). */
export type EditableDissentNode = LexicalNode & {
  setDissent(dissent: DissentChoice): unknown;
};

/** What the dialog decides: the kind, the author (a member or party letters) and the text. */
type DissentChoice = Omit<Dissent, 'type'>;

type DissentViewProps = {
  nodeKey: NodeKey;
  dissent: Dissent;
  /** The node module's `$isDissentNode`. */
  isNode(node: LexicalNode | null): node is EditableDissentNode;
};

export function DissentView({ nodeKey, dissent, isNode }: DissentViewProps) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const lookup = useReferenceLookup();
  const votes = useBodyVotes(editor);
  const author = lookup.participants.find((p) => p.id === dissent.participantId);
  const warnings: string[] = [];
  // A dissent by party letters names nobody to check.
  if (dissent.participantId !== null && dissent.participantId !== '') {
    if (!author) warnings.push(t('editor.dissent.unknownAuthor'));
    else if (author.attendance !== 'present')
      warnings.push(t('editor.dissent.notPresent', { name: author.name }));
    if (author && !hasVotedAgainst(author.id, votes, lookup.participants)) {
      warnings.push(t('editor.dissent.notAgainst', { name: author.name }));
    }
  }
  return (
    <EditableBlock
      nodeKey={nodeKey}
      isNode={isNode}
      isNew={dissent.participantId === ''}
      kind="dissent"
      editLabel={t('editor.dissent.edit')}
      renderDialog={(save, cancel) => (
        <DissentDialog
          dissent={dissent}
          participants={lookup.participants}
          onSave={(next) => save((node) => node.setDissent({ ...dissent, ...next }))}
          onCancel={cancel}
        />
      )}
    >
      {/* Exactly the text find searches (dissentBlockText), so a match maps onto it. */}
      <p data-find-block="">
        <strong>{dissentHeading(dissent, lookup.participants, lookup.lang)}:</strong> {dissent.text}
      </p>
      {warnings.map((warning) => (
        <p key={warning} className="editor-warning" role="note">
          {warning}
        </p>
      ))}
    </EditableBlock>
  );
}

/** "B, F og Ø" typed as "B, F, Ø" or "B F Ø": the party letters, or null when one is not valid. */
export function partiesFromText(text: string): string[] | null {
  const parties = text
    .split(/[\s,+]+|\bog\b/)
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean);
  return parties.every((p) => /^[A-ZÆØÅ]{1,3}$/.test(p)) ? parties : null;
}

function DissentDialog({
  dissent,
  participants,
  onSave,
  onCancel,
}: {
  dissent: Dissent;
  participants: readonly ParticipantInfo[];
  onSave(dissent: DissentChoice): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { lang } = useReferenceLookup();
  const present = participants.filter((p) => p.attendance === 'present');
  const [kind, setKind] = useState<DissentKind>(dissent.kind ?? 'dissent');
  const [madeBy, setMadeBy] = useState<'member' | 'parties'>(
    dissent.participantId === null ? 'parties' : 'member',
  );
  const [participantId, setParticipantId] = useState(
    dissent.participantId || (present[0]?.id ?? ''),
  );
  const [partiesText, setPartiesText] = useState((dissent.parties ?? []).join(', '));
  const [text, setText] = useState(dissent.text);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (text.length > 10_000) return setError(t('editor.dissent.tooLong'));
    if (madeBy === 'parties') {
      const parties = partiesFromText(partiesText);
      if (parties === null) return setError(t('editor.dissent.invalidParties'));
      if (parties.length === 0) return setError(t('editor.dissent.chooseParties'));
      return onSave({ kind, participantId: null, parties, text: text.trim() });
    }
    if (!participantId) return setError(t('editor.dissent.chooseAuthor'));
    onSave({ kind, participantId, text: text.trim() });
  };
  const authors = [
    { value: '', label: t('editor.dissent.chooseAuthor') },
    ...present.map((p) => ({ value: p.id, label: personName(p, lang) })),
  ];
  return (
    <EditorForm
      title={t('editor.dissent.title')}
      error={error}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <SelectField<DissentKind>
        label={t('editor.dissent.kind')}
        value={kind}
        options={dissentKinds.map((value) => ({ value, label: dissentKindName(value, lang) }))}
        onChange={setKind}
      />
      <SelectField<'member' | 'parties'>
        label={t('editor.dissent.madeBy')}
        value={madeBy}
        options={[
          { value: 'member', label: t('editor.dissent.byMember') },
          { value: 'parties', label: t('editor.dissent.byParties') },
        ]}
        onChange={setMadeBy}
      />
      {madeBy === 'member' ? (
        <SelectField
          label={t('editor.dissent.author')}
          value={participantId}
          options={authors}
          onChange={setParticipantId}
        />
      ) : (
        <TextField
          label={t('editor.dissent.parties')}
          hint={t('editor.dissent.partiesHint')}
          value={partiesText}
          onChange={setPartiesText}
        />
      )}
      <TextAreaField label={t('editor.dissent.text')} value={text} onChange={setText} />
    </EditorForm>
  );
}
