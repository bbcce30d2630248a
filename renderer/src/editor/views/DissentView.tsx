import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LexicalNode, NodeKey } from 'lexical';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { Dissent } from '../../../../common/domain/richText';
import { dissentHeading } from '../../../../common/wording/blocks';
import { personName } from '../../../../common/wording/people';
import { hasVotedAgainst } from '../../../../common/wording/votes';
import { useReferenceLookup, type ParticipantInfo } from '../referenceLookup';
import { SelectField, TextAreaField } from '../../components/fields';
import { EditableBlock } from './EditableBlock';
import { EditorForm } from './EditorForm';
import { useBodyVotes } from './useBodyVotes';

/** The dissent with warnings when its author is not present or did not vote against. */
/** The dissent node as this view edits it (the node module passes its guard in, so this file need not import it). */
export type EditableDissentNode = LexicalNode & {
  setDissent(dissent: Pick<Dissent, 'participantId' | 'text'>): unknown;
};

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

function DissentDialog({
  dissent,
  participants,
  onSave,
  onCancel,
}: {
  dissent: Dissent;
  participants: readonly ParticipantInfo[];
  onSave(dissent: Pick<Dissent, 'participantId' | 'text'>): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const { lang } = useReferenceLookup();
  const present = participants.filter((p) => p.attendance === 'present');
  // A dissent by party letters keeps its parties; only its text is edited here.
  const isByParties = dissent.participantId === null;
  const [participantId, setParticipantId] = useState(
    dissent.participantId || (present[0]?.id ?? ''),
  );
  const [text, setText] = useState(dissent.text);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (text.length > 10_000) return setError(t('editor.dissent.tooLong'));
    if (isByParties) return onSave({ participantId: null, text: text.trim() });
    if (!participantId) return setError(t('editor.dissent.chooseAuthor'));
    onSave({ participantId, text: text.trim() });
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
      {!isByParties && (
        <SelectField
          label={t('editor.dissent.author')}
          value={participantId}
          options={authors}
          onChange={setParticipantId}
        />
      )}
      <TextAreaField label={t('editor.dissent.text')} value={text} onChange={setText} />
    </EditorForm>
  );
}
