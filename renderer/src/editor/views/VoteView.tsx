import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { $getNodeByKey, type NodeKey } from 'lexical';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  voteOutcomes,
  voteSchema,
  type Vote,
  type VoteGroup,
} from '../../../../main/common/domain/richText';
import { voteText } from '../../../../main/common/editor/voteText';
import { $isVoteNode } from '../nodes/VoteNode';
import { useReferenceLookup, type ParticipantInfo } from '../referenceLookup';
import { EditorDialog } from './EditorDialog';

const choices = ['for', 'against', 'abstained'] as const;
type Choice = (typeof choices)[number];

function isEmptyVote(vote: Vote): boolean {
  return choices.every(
    (c) =>
      vote[c].participantIds.length === 0 && vote[c].parties.length === 0 && vote[c].count === null,
  );
}

/** The vote as minutes text, with a button that edits it. A new (empty) vote opens its editor. */
export function VoteView({ nodeKey, vote }: { nodeKey: NodeKey; vote: Vote }) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const lookup = useReferenceLookup();
  const [isEditing, setEditing] = useState(() => isEmptyVote(vote) && editor.isEditable());
  const text = isEmptyVote(vote)
    ? t('editor.vote.empty')
    : voteText(vote, lookup.participants, lookup.lang);
  const save = (next: Vote) => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if ($isVoteNode(node)) node.setVote(next);
    });
    setEditing(false);
  };
  return (
    <div className="editor-vote" data-testid="vote">
      <p className="editor-vote__text">{text}</p>
      {editor.isEditable() && (
        <button type="button" className="editor-inline-button" onClick={() => setEditing(true)}>
          {t('editor.vote.edit')}
        </button>
      )}
      {isEditing && (
        <VoteDialog
          vote={vote}
          participants={lookup.participants}
          onSave={save}
          onCancel={() => setEditing(false)}
        />
      )}
    </div>
  );
}

type Draft = {
  subject: string;
  byParticipant: Record<string, Choice | ''>;
  parties: Record<Choice, string>;
  counts: Record<Choice, string>;
  outcome: Vote['outcome'];
};

function draftOf(vote: Vote, participants: readonly ParticipantInfo[]): Draft {
  const byParticipant: Record<string, Choice | ''> = {};
  for (const p of participants) byParticipant[p.id] = '';
  for (const c of choices) for (const id of vote[c].participantIds) byParticipant[id] = c;
  const parties = { for: '', against: '', abstained: '' };
  const counts = { for: '', against: '', abstained: '' };
  for (const c of choices) {
    parties[c] = vote[c].parties.join(', ');
    counts[c] = vote[c].count === null ? '' : String(vote[c].count);
  }
  return { subject: vote.subject, byParticipant, parties, counts, outcome: vote.outcome };
}

/** Parses the draft; returns the vote or the message of the first error. */
export function voteFromDraft(draft: Draft): { vote: Vote } | { error: 'parties' | 'count' } {
  const groups = {} as Record<Choice, VoteGroup>;
  for (const c of choices) {
    const parties = draft.parties[c]
      .split(/[\s,+]+/)
      .map((p) => p.trim().toUpperCase())
      .filter(Boolean);
    if (parties.some((p) => !/^[A-ZÆØÅ]{1,3}$/.test(p))) return { error: 'parties' };
    const countText = draft.counts[c].trim();
    const count = countText === '' ? null : Number(countText);
    if (count !== null && !(Number.isInteger(count) && count >= 0 && count <= 1000))
      return { error: 'count' };
    const participantIds = Object.entries(draft.byParticipant)
      .filter(([, choice]) => choice === c)
      .map(([id]) => id);
    groups[c] = { participantIds, parties, count };
  }
  const vote: Vote = {
    type: 'vote',
    subject: draft.subject.trim(),
    ...groups,
    outcome: draft.outcome,
  };
  return voteSchema.safeParse(vote).success ? { vote } : { error: 'count' };
}

function VoteDialog({
  vote,
  participants,
  onSave,
  onCancel,
}: {
  vote: Vote;
  participants: readonly ParticipantInfo[];
  onSave(vote: Vote): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const lookup = useReferenceLookup();
  const id = useId();
  const [draft, setDraft] = useState(() => draftOf(vote, participants));
  const [error, setError] = useState<string | null>(null);
  const parsed = voteFromDraft(draft);
  const preview = 'vote' in parsed ? voteText(parsed.vote, participants, lookup.lang) : '';
  const present = participants.filter((p) => p.attendance === 'present');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if ('error' in parsed) {
      setError(
        t(parsed.error === 'parties' ? 'editor.vote.invalidParties' : 'editor.vote.invalidCount'),
      );
      return;
    }
    onSave(parsed.vote);
  };
  return (
    <EditorDialog title={t('editor.vote.title')} onCancel={onCancel}>
      <form className="editor-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-subject`}>{t('editor.vote.subject')}</label>
          <input
            id={`${id}-subject`}
            value={draft.subject}
            placeholder={t('editor.vote.subjectPlaceholder')}
            onChange={(e) => setDraft({ ...draft, subject: e.target.value })}
          />
        </div>
        {present.length > 0 && (
          <fieldset className="editor-vote__members">
            <legend>{t('editor.vote.byMember')}</legend>
            {present.map((p) => (
              <fieldset key={p.id} className="editor-vote__member">
                <legend>
                  {p.name}
                  {p.party ? ` (${p.party})` : ''}
                </legend>
                {(['for', 'against', 'abstained', ''] as const).map((c) => (
                  <label key={c || 'none'}>
                    <input
                      type="radio"
                      name={`${id}-${p.id}`}
                      checked={(draft.byParticipant[p.id] ?? '') === c}
                      onChange={() =>
                        setDraft({ ...draft, byParticipant: { ...draft.byParticipant, [p.id]: c } })
                      }
                    />
                    {t(`editor.vote.choice.${c || 'none'}`)}
                  </label>
                ))}
              </fieldset>
            ))}
          </fieldset>
        )}
        <fieldset>
          <legend>{t('editor.vote.byParty')}</legend>
          {choices.map((c) => (
            <div key={c} className="editor-vote__party-row">
              <div className="field">
                <label htmlFor={`${id}-parties-${c}`}>{t(`editor.vote.parties.${c}`)}</label>
                <input
                  id={`${id}-parties-${c}`}
                  value={draft.parties[c]}
                  placeholder="A, V, C"
                  onChange={(e) =>
                    setDraft({ ...draft, parties: { ...draft.parties, [c]: e.target.value } })
                  }
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-count-${c}`}>{t(`editor.vote.count.${c}`)}</label>
                <input
                  id={`${id}-count-${c}`}
                  inputMode="numeric"
                  value={draft.counts[c]}
                  onChange={(e) =>
                    setDraft({ ...draft, counts: { ...draft.counts, [c]: e.target.value } })
                  }
                />
              </div>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-outcome`}>{t('editor.vote.outcome')}</label>
          <select
            id={`${id}-outcome`}
            value={draft.outcome}
            onChange={(e) => setDraft({ ...draft, outcome: e.target.value as Vote['outcome'] })}
          >
            {voteOutcomes.map((o) => (
              <option key={o} value={o}>
                {t(`editor.vote.outcomes.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <p className="editor-vote__preview" aria-live="polite">
          <span className="visually-hidden">{t('editor.vote.preview')}: </span>
          {preview}
        </p>
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
