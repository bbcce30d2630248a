/**
 * The minutes text of a recorded vote, in Danish ("Et flertal (A, V og C) stemte for. 1 medlem
 * (O) stemte imod.") or English. Used by the editor's VoteNode, the document view and the
 * PDF/DOCX exports, so the wording is the same everywhere.
 *
 * Pure core.
 */
import { joinWith, type Lang } from '../domain/lang';
import type { Vote, VoteGroup } from '../domain/richText';

/** UI and document languages. */
export type { Lang } from '../domain/lang';

/** What the text needs to know about a participant. */
export type VoteParticipant = { id: string; name: string; party: string | null };

/** Joins names the way the language lists them: "A, V og C" / "A, V and C". */
export function joinList(parts: readonly string[], lang: Lang): string {
  return joinWith(parts, lang === 'da' ? 'og' : 'and');
}

/** The head count of a group: the recorded count, else the named participants. */
export function groupCount(group: VoteGroup): number | null {
  if (group.count !== null) return group.count;
  if (group.parties.length > 0 && group.participantIds.length === 0) return null;
  return group.participantIds.length;
}

function groupLabel(
  group: VoteGroup,
  participants: ReadonlyMap<string, VoteParticipant>,
  lang: Lang,
): string {
  const names = group.participantIds.map(
    (id) => participants.get(id)?.name ?? (lang === 'da' ? '(ukendt)' : '(unknown)'),
  );
  return joinList([...group.parties, ...names], lang);
}

function isEmptyGroup(group: VoteGroup): boolean {
  return (
    group.participantIds.length === 0 && group.parties.length === 0 && (group.count ?? 0) === 0
  );
}

type Choice = 'for' | 'against' | 'abstained';

const verbs: Record<Lang, Record<Choice, string>> = {
  da: { for: 'stemte for', against: 'stemte imod', abstained: 'undlod at stemme' },
  en: { for: 'voted in favour', against: 'voted against', abstained: 'abstained' },
};

function memberCount(count: number, lang: Lang): string {
  if (lang === 'da') return `${count} ${count === 1 ? 'medlem' : 'medlemmer'}`;
  return `${count} ${count === 1 ? 'member' : 'members'}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One sentence per group. The larger of the for and against sides is "Et flertal" when both
 * head counts are known; every other group is written with its head count.
 */
function groupSentence(
  choice: Choice,
  vote: Vote,
  participants: ReadonlyMap<string, VoteParticipant>,
  lang: Lang,
): string | null {
  const group = vote[choice];
  if (isEmptyGroup(group)) return null;
  const label = groupLabel(group, participants, lang);
  const count = groupCount(group);
  const verb = verbs[lang][choice];
  const parenthesis = label ? ` (${label})` : '';
  if (choice !== 'abstained') {
    const other = groupCount(vote[choice === 'for' ? 'against' : 'for']);
    const otherIsEmpty = isEmptyGroup(vote[choice === 'for' ? 'against' : 'for']);
    if (count !== null && other !== null && !otherIsEmpty && count > other) {
      return `${lang === 'da' ? 'Et flertal' : 'A majority'}${parenthesis} ${verb}.`;
    }
  }
  if (count === null) {
    // Votes by party letter without a head count.
    return lang === 'da'
      ? `Medlemmerne fra ${label} ${verb}.`
      : `The members from ${label} ${verb}.`;
  }
  return `${capitalize(memberCount(count, lang))}${parenthesis} ${verb}.`;
}

/** The outcome the counts imply, or null when they do not decide it. */
function impliedOutcome(vote: Vote): Vote['outcome'] | null {
  const yes = groupCount(vote.for);
  const no = groupCount(vote.against);
  if (yes === null || no === null) return null;
  if (yes > no) return 'adopted';
  if (yes < no) return 'rejected';
  return 'tied';
}

function outcomeSentence(vote: Vote, lang: Lang): string {
  const subject = vote.subject.trim();
  if (lang === 'da') {
    switch (vote.outcome) {
      case 'adopted':
        return subject ? `${capitalize(subject)} blev vedtaget.` : 'Vedtaget.';
      case 'rejected':
        return subject ? `${capitalize(subject)} blev forkastet.` : 'Forkastet.';
      case 'tied':
        return subject
          ? `Stemmelighed: ${subject} er bortfaldet.`
          : 'Stemmelighed: forslaget er bortfaldet.';
    }
  }
  switch (vote.outcome) {
    case 'adopted':
      return subject ? `${capitalize(subject)}: adopted.` : 'Adopted.';
    case 'rejected':
      return subject ? `${capitalize(subject)}: rejected.` : 'Rejected.';
    case 'tied':
      return subject ? `Tied vote: ${subject} lapsed.` : 'Tied vote: the proposal lapsed.';
  }
}

/** True when everybody who voted voted for, and the vote was adopted. */
export function isUnanimous(vote: Vote): boolean {
  return (
    vote.outcome === 'adopted' &&
    !isEmptyGroup(vote.for) &&
    isEmptyGroup(vote.against) &&
    isEmptyGroup(vote.abstained)
  );
}

/**
 * The minutes text of a vote. Named participants are looked up in `participants`; a missing
 * one is written "(ukendt)" rather than dropped.
 */
export function voteText(vote: Vote, participants: readonly VoteParticipant[], lang: Lang): string {
  const byId = new Map(participants.map((p) => [p.id, p]));
  const subject = vote.subject.trim();
  if (isUnanimous(vote)) {
    if (lang === 'da')
      return subject ? `${capitalize(subject)} blev enstemmigt vedtaget.` : 'Enstemmigt vedtaget.';
    return subject ? `${capitalize(subject)}: adopted unanimously.` : 'Adopted unanimously.';
  }
  const sentences = (['for', 'against', 'abstained'] as const)
    .map((choice) => groupSentence(choice, vote, byId, lang))
    .filter((s): s is string => s !== null);
  if (isEmptyGroup(vote.for) && !isEmptyGroup(vote.against)) {
    sentences.unshift(lang === 'da' ? 'Ingen stemte for.' : 'Nobody voted in favour.');
  }
  if (subject || vote.outcome === 'tied' || impliedOutcome(vote) !== vote.outcome) {
    sentences.push(outcomeSentence(vote, lang));
  }
  return sentences.join(' ');
}

/** An empty vote to start editing from. */
export function emptyVote(): Vote {
  const group = (): VoteGroup => ({ participantIds: [], parties: [], count: null });
  return {
    type: 'vote',
    subject: '',
    for: group(),
    against: group(),
    abstained: group(),
    outcome: 'adopted',
  };
}

/**
 * Whether the participant is recorded as voting against in one of `votes`: named in the
 * against group, or their party letter is listed there.
 */
export function hasVotedAgainst(
  participantId: string,
  votes: readonly Vote[],
  participants: readonly VoteParticipant[],
): boolean {
  const party = participants.find((p) => p.id === participantId)?.party ?? null;
  return votes.some(
    (vote) =>
      vote.against.participantIds.includes(participantId) ||
      (party !== null && vote.against.parties.includes(party)),
  );
}
