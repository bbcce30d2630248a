import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LexicalNode, NodeKey } from 'lexical';
import {
  checkVoteConsistency,
  voteOutcomes,
  voteSchema,
  type Vote,
  type VoteGroup,
} from '../../../../common/domain/richText';
import { voteBlockText } from '../../../../common/wording/blocks';
import { personName } from '../../../../common/wording/people';
import { isEmptyVote, voteText } from '../../../../common/wording/votes';
import { useReferenceLookup, type ParticipantInfo } from '../referenceLookup';
import { SelectField, TextField } from '../../components/fields';
import { EditableBlock } from './EditableBlock';
import { EditorForm } from './EditorForm';

const choices = ['for', 'against', 'abstained'] as const;
type Choice = (typeof choices)[number];

/** The vote as minutes text, with a button that edits it. A new (empty) vote opens its editor. */
/** The vote node as this view edits it (the node module passes its guard in, so this file need not import it). */
export type EditableVoteNode = LexicalNode & { setVote(vote: Vote): unknown };

type VoteViewProps = {
  nodeKey: NodeKey;
  vote: Vote;
  /** The node module's `$isVoteNode`. */
  isNode(node: LexicalNode | null): node is EditableVoteNode;
};

export function VoteView({ nodeKey, vote, isNode }: VoteViewProps) {
  const { t } = useTranslation();
  const lookup = useReferenceLookup();
  const text = isEmptyVote(vote) ? t('editor.vote.empty') : voteBlockText(vote, lookup);
  return (
    <EditableBlock
      nodeKey={nodeKey}
      isNode={isNode}
      isNew={isEmptyVote(vote)}
      kind="vote"
      editLabel={t('editor.vote.edit')}
      renderDialog={(save, cancel) => (
        <VoteDialog
          vote={vote}
          participants={lookup.participants}
          onSave={(next) => save((node) => node.setVote(next))}
          onCancel={cancel}
        />
      )}
    >
      {/* Find searches this text (voteBlockText; none for an empty vote) and marks it here. */}
      <p className="editor-vote__text" data-find-block="">
        {text}
      </p>
    </EditableBlock>
  );
}

type Draft = {
  adPoint: string;
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
  return {
    adPoint: vote.adPoint ?? '',
    subject: vote.subject,
    byParticipant,
    parties,
    counts,
    outcome: vote.outcome,
  };
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
  const adPoint = draft.adPoint
    .trim()
    .replace(/^ad\s+/i, '')
    .replace(/\.$/, '');
  const vote: Vote = {
    type: 'vote',
    ...(adPoint === '' ? {} : { adPoint }),
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
  // Checked while typing: an outcome that contradicts the counts is shown at once and refused.
  const inconsistency = 'vote' in parsed ? checkVoteConsistency(parsed.vote) : null;
  const inconsistencyText = inconsistency
    ? t('editor.vote.inconsistent', {
        outcome: t(`editor.vote.outcomes.${inconsistency.outcome}`),
        for: inconsistency.for,
        against: inconsistency.against,
      })
    : null;
  const submit = () => {
    if ('error' in parsed) {
      setError(
        t(parsed.error === 'parties' ? 'editor.vote.invalidParties' : 'editor.vote.invalidCount'),
      );
      return;
    }
    if (inconsistencyText) return setError(inconsistencyText);
    onSave(parsed.vote);
  };
  const setChoice = (key: 'parties' | 'counts', c: Choice, value: string) =>
    setDraft({ ...draft, [key]: { ...draft[key], [c]: value } });
  return (
    <EditorForm title={t('editor.vote.title')} error={error} onSubmit={submit} onCancel={onCancel}>
      <TextField
        label={t('editor.vote.adPoint')}
        value={draft.adPoint}
        placeholder="2"
        onChange={(adPoint) => setDraft({ ...draft, adPoint })}
      />
      <TextField
        label={t('editor.vote.subject')}
        value={draft.subject}
        placeholder={t('editor.vote.subjectPlaceholder')}
        onChange={(subject) => setDraft({ ...draft, subject })}
      />
      {present.length > 0 && (
        <fieldset className="editor-vote__members">
          <legend>{t('editor.vote.byMember')}</legend>
          {present.map((p) => (
            <fieldset key={p.id} className="editor-vote__member">
              <legend>{personName(p, lookup.lang)}</legend>
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
            <TextField
              label={t(`editor.vote.parties.${c}`)}
              value={draft.parties[c]}
              placeholder="A, V, C"
              onChange={(value) => setChoice('parties', c, value)}
            />
            <TextField
              label={t(`editor.vote.count.${c}`)}
              inputMode="numeric"
              value={draft.counts[c]}
              onChange={(value) => setChoice('counts', c, value)}
            />
          </div>
        ))}
      </fieldset>
      <SelectField
        label={t('editor.vote.outcome')}
        value={draft.outcome}
        options={voteOutcomes.map((o) => ({ value: o, label: t(`editor.vote.outcomes.${o}`) }))}
        onChange={(outcome) => setDraft({ ...draft, outcome })}
      />
      {inconsistencyText && (
        <p className="editor-warning" role="note">
          {inconsistencyText}
        </p>
      )}
      <p className="editor-vote__preview" aria-live="polite">
        <span className="visually-hidden">{t('editor.vote.preview')}: </span>
        {preview}
      </p>
    </EditorForm>
  );
}
