/**
 * The minutes text of a recorded vote, in Danish or English, one sentence per group:
 * "Et flertal (A, V og C) stemte for. Et medlem (O) stemte imod. Indstillingen blev vedtaget."
 * Named members are written canonically ("Katja S. Johansen (Ø) stemte imod."), a group
 * recorded by party letters without a head count as "Medlemmerne fra B, F og Ø stemte for.",
 * numbers under ten that start a sentence as words, and abstentions only when someone
 * abstained. Every output (editor, find, copy, search, PDF, DOCX) writes a vote with this.
 *
 * Pure core.
 */
import type { Vote, VoteGroup } from '../domain/richText';
import { personById, type WordingPerson } from './people';
import { capitalize, joinList, memberCount, type Lang } from './words';

type Choice = 'for' | 'against' | 'abstained';

/**
 * How each outcome reads, with and without a subject. Every outcome the model knows has an
 * entry, so adding one to the model is one line here.
 */
const outcomeWords: Record<
  string,
  Record<Lang, { withSubject: (subject: string) => string; alone: string }>
> = {
  adopted: {
    da: { withSubject: (s) => `${s} blev vedtaget.`, alone: 'Vedtaget.' },
    en: { withSubject: (s) => `${s}: adopted.`, alone: 'Adopted.' },
  },
  rejected: {
    da: { withSubject: (s) => `${s} blev forkastet.`, alone: 'Forkastet.' },
    en: { withSubject: (s) => `${s}: rejected.`, alone: 'Rejected.' },
  },
  tied: {
    da: {
      withSubject: (s) => `Stemmelighed: ${s.charAt(0).toLowerCase()}${s.slice(1)} er bortfaldet.`,
      alone: 'Stemmelighed: forslaget er bortfaldet.',
    },
    en: {
      withSubject: (s) => `Tied vote: ${s.charAt(0).toLowerCase()}${s.slice(1)} lapsed.`,
      alone: 'Tied vote: the proposal lapsed.',
    },
  },
  approved: {
    da: { withSubject: (s) => `${s} blev godkendt.`, alone: 'Godkendt.' },
    en: { withSubject: (s) => `${s}: approved.`, alone: 'Approved.' },
  },
  recommended: {
    da: { withSubject: (s) => `${s} anbefales.`, alone: 'Anbefales.' },
    en: { withSubject: (s) => `${s}: recommended.`, alone: 'Recommended.' },
  },
  not_recommended: {
    da: { withSubject: (s) => `${s} anbefales ikke.`, alone: 'Anbefales ikke.' },
    en: { withSubject: (s) => `${s}: not recommended.`, alone: 'Not recommended.' },
  },
  referred: {
    da: { withSubject: (s) => `${s} oversendes.`, alone: 'Oversendes.' },
    en: { withSubject: (s) => `${s}: referred.`, alone: 'Referred.' },
  },
  noted: {
    da: {
      withSubject: (s) => `${s} blev taget til efterretning.`,
      alone: 'Taget til efterretning.',
    },
    en: { withSubject: (s) => `${s}: noted.`, alone: 'Noted.' },
  },
  discussed: {
    da: { withSubject: (s) => `${s} blev drøftet.`, alone: 'Drøftet.' },
    en: { withSubject: (s) => `${s}: discussed.`, alone: 'Discussed.' },
  },
  postponed: {
    da: { withSubject: (s) => `${s} blev udsat.`, alone: 'Udsat.' },
    en: { withSubject: (s) => `${s}: postponed.`, alone: 'Postponed.' },
  },
};

const verbs: Record<Lang, Record<Choice, string>> = {
  da: { for: 'stemte for', against: 'stemte imod', abstained: 'undlod at stemme' },
  en: { for: 'voted in favour', against: 'voted against', abstained: 'abstained' },
};

/** The head count of a group: the recorded count, else the named participants; null when only parties are known. */
export function groupCount(group: VoteGroup): number | null {
  if (group.count !== null) return group.count;
  if (group.parties.length > 0 && group.participantIds.length === 0) return null;
  return group.participantIds.length;
}

/** A group nobody is recorded in. */
export function isEmptyGroup(group: VoteGroup): boolean {
  return (
    group.participantIds.length === 0 && group.parties.length === 0 && (group.count ?? 0) === 0
  );
}

/** A vote nobody has filled in yet: the editor shows a placeholder, not minutes text. */
export function isEmptyVote(vote: Vote): boolean {
  return (['for', 'against', 'abstained'] as const).every(
    (c) =>
      vote[c].participantIds.length === 0 && vote[c].parties.length === 0 && vote[c].count === null,
  );
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

/** The Ad-point a vote belongs to ("Ad 2."), when the model records one. */
function adPointOf(vote: Vote): string {
  const adPoint = (vote as Vote & { adPoint?: string }).adPoint;
  return typeof adPoint === 'string' ? adPoint.trim() : '';
}

/** "Ad 2. " before the vote of one Ad-point ("2" or "Ad 2." as recorded); '' without one. */
function adPointPrefix(adPoint: string, lang: Lang): string {
  if (adPoint === '') return '';
  const point = adPoint.replace(/^(ad|re)\s+/i, '').replace(/[.:]+$/, '');
  return `${lang === 'da' ? 'Ad' : 'Re'} ${point}. `;
}

function groupSentence(
  choice: Choice,
  vote: Vote,
  people: ReadonlyMap<string, WordingPerson>,
  lang: Lang,
): string | null {
  const group = vote[choice];
  if (isEmptyGroup(group)) return null;
  const names = group.participantIds.map((id) => personById(id, people, lang));
  const verb = verbs[lang][choice];
  const count = groupCount(group);
  const everyone = [...group.parties, ...names];
  if (count === null) {
    // Recorded by party letters without a head count.
    const label = joinList(group.parties, lang);
    return lang === 'da'
      ? `Medlemmerne fra ${label} ${verb}.`
      : `The members from ${label} ${verb}.`;
  }
  const other = vote[choice === 'for' ? 'against' : 'for'];
  const otherCount = groupCount(other);
  const isMajority =
    choice !== 'abstained' && otherCount !== null && !isEmptyGroup(other) && count > otherCount;
  if (names.length > 0) {
    // Named members: the names say who, "Et flertal bestående af" says that it carried.
    const list = joinList(everyone, lang);
    if (isMajority)
      return lang === 'da'
        ? `Et flertal bestående af ${list} ${verb}.`
        : `A majority consisting of ${list} ${verb}.`;
    return `${capitalize(list)} ${verb}.`;
  }
  const label = everyone.length > 0 ? ` (${joinList(everyone, lang)})` : '';
  if (isMajority) return `${lang === 'da' ? 'Et flertal' : 'A majority'}${label} ${verb}.`;
  return `${memberCount(count, lang, true)}${label} ${verb}.`;
}

/** The outcome the counts imply, or null when they do not decide it. */
function impliedOutcome(vote: Vote): string | null {
  const yes = groupCount(vote.for);
  const no = groupCount(vote.against);
  if (yes === null || no === null) return null;
  if (yes > no) return 'adopted';
  if (yes < no) return 'rejected';
  return 'tied';
}

function outcomeSentence(vote: Vote, lang: Lang): string {
  const subject = vote.subject.trim();
  const words = outcomeWords[vote.outcome]?.[lang];
  if (!words) return '';
  return subject ? words.withSubject(capitalize(subject)) : words.alone;
}

/**
 * The minutes text of a vote. Named participants are looked up in `people` and written
 * canonically; a missing one is marked "? (fjernet deltager)" rather than dropped.
 */
export function voteText(vote: Vote, people: readonly WordingPerson[], lang: Lang): string {
  const byId = new Map(people.map((p) => [p.id, p]));
  const subject = vote.subject.trim();
  const prefix = adPointPrefix(adPointOf(vote), lang);
  if (isUnanimous(vote)) {
    if (lang === 'da')
      return `${prefix}${subject ? `${capitalize(subject)} blev enstemmigt vedtaget.` : 'Enstemmigt vedtaget.'}`;
    return `${prefix}${subject ? `${capitalize(subject)}: adopted unanimously.` : 'Adopted unanimously.'}`;
  }
  const sentences = (['for', 'against', 'abstained'] as const)
    .map((choice) => groupSentence(choice, vote, byId, lang))
    .filter((s): s is string => s !== null);
  if (isEmptyGroup(vote.for) && !isEmptyGroup(vote.against)) {
    sentences.unshift(lang === 'da' ? 'Ingen stemte for.' : 'Nobody voted in favour.');
  }
  if (subject || vote.outcome === 'tied' || impliedOutcome(vote) !== vote.outcome) {
    const outcome = outcomeSentence(vote, lang);
    if (outcome !== '') sentences.push(outcome);
  }
  return `${prefix}${sentences.join(' ')}`;
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
  people: readonly Pick<WordingPerson, 'id' | 'party'>[],
): boolean {
  const party = people.find((p) => p.id === participantId)?.party ?? null;
  return votes.some(
    (vote) =>
      vote.against.participantIds.includes(participantId) ||
      (party !== null && vote.against.parties.includes(party)),
  );
}
