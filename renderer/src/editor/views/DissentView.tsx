import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { $getNodeByKey, type NodeKey } from 'lexical';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { Dissent } from '../../../../main/common/domain/richText';
import { hasVotedAgainst, type Lang } from '../../../../main/common/editor/voteText';
import { $isDissentNode } from '../nodes/DissentNode';
import { useReferenceLookup, type ParticipantInfo } from '../referenceLookup';
import { EditorDialog } from './EditorDialog';
import { useBodyVotes } from './useBodyVotes';

/** "Protokoltilførsel fra Katja S. Johansen (O)" as the dissent's lead-in. */
export function dissentHeading(
  participantId: string,
  participants: readonly ParticipantInfo[],
  lang: Lang,
): string {
  const p = participants.find((candidate) => candidate.id === participantId);
  const name = p
    ? `${p.name}${p.party ? ` (${p.party})` : ''}`
    : lang === 'da'
      ? '? (fjernet deltager)'
      : '? (removed participant)';
  return lang === 'da' ? `Protokoltilførsel fra ${name}` : `Minute note by ${name}`;
}

/** The dissent with warnings when its author is not present or did not vote against. */
export function DissentView({ nodeKey, dissent }: { nodeKey: NodeKey; dissent: Dissent }) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const lookup = useReferenceLookup();
  const votes = useBodyVotes(editor);
  const [isEditing, setEditing] = useState(
    () => dissent.participantId === '' && editor.isEditable(),
  );
  const author = lookup.participants.find((p) => p.id === dissent.participantId);
  const warnings: string[] = [];
  if (dissent.participantId !== '') {
    if (!author) warnings.push(t('editor.dissent.unknownAuthor'));
    else if (author.attendance !== 'present')
      warnings.push(t('editor.dissent.notPresent', { name: author.name }));
    if (author && !hasVotedAgainst(author.id, votes, lookup.participants)) {
      warnings.push(t('editor.dissent.notAgainst', { name: author.name }));
    }
  }
  const save = (next: Pick<Dissent, 'participantId' | 'text'>) => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if ($isDissentNode(node)) node.setDissent(next);
    });
    setEditing(false);
  };
  return (
    <div className="editor-dissent" data-testid="dissent">
      <p>
        <strong>{dissentHeading(dissent.participantId, lookup.participants, lookup.lang)}:</strong>{' '}
        {dissent.text}
      </p>
      {warnings.map((warning) => (
        <p key={warning} className="editor-warning" role="note">
          {warning}
        </p>
      ))}
      {editor.isEditable() && (
        <button type="button" className="editor-inline-button" onClick={() => setEditing(true)}>
          {t('editor.dissent.edit')}
        </button>
      )}
      {isEditing && (
        <DissentDialog
          dissent={dissent}
          participants={lookup.participants}
          onSave={save}
          onCancel={() => setEditing(false)}
        />
      )}
    </div>
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
  const id = useId();
  const present = participants.filter((p) => p.attendance === 'present');
  const [participantId, setParticipantId] = useState(
    dissent.participantId || (present[0]?.id ?? ''),
  );
  const [text, setText] = useState(dissent.text);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!participantId) return setError(t('editor.dissent.chooseAuthor'));
    if (text.length > 10_000) return setError(t('editor.dissent.tooLong'));
    onSave({ participantId, text: text.trim() });
  };
  return (
    <EditorDialog title={t('editor.dissent.title')} onCancel={onCancel}>
      <form className="editor-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-author`}>{t('editor.dissent.author')}</label>
          <select
            id={`${id}-author`}
            value={participantId}
            onChange={(e) => setParticipantId(e.target.value)}
          >
            <option value="">{t('editor.dissent.chooseAuthor')}</option>
            {present.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.party ? ` (${p.party})` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('editor.dissent.text')}</label>
          <textarea
            id={`${id}-text`}
            rows={4}
            value={text}
            lang="da"
            spellCheck
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="button" onClick={onCancel}>
            {t('editor.cancel')}
          </button>
          <button type="submit">{t('editor.save')}</button>
        </div>
      </form>
    </EditorDialog>
  );
}
