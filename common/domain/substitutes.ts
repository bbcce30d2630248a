/**
 * The rules for substitutes (stedfortrædere), one definition for every entry point: the
 * importer of meeting files and the requests that create or change participants.
 *
 * A substitute stands in for an absent participant of the same meeting: not for themself, not
 * for someone who is present, not for someone who substitutes for them in turn, and each
 * absentee has at most one substitute (a substitute for one of two absentees names that one).
 *
 * Pure core.
 */

/** What the rules need to know of a participant; `null` for a record that is not one. */
export type SubstituteEntry = {
  id: string;
  name: string;
  attendance: string;
  substituteForId: string | null;
};

/** One broken rule: `index` is the substitute; `otherIndex` the one they stand in for. */
export type SubstituteProblem =
  | { kind: 'self'; index: number }
  | { kind: 'unknown'; index: number; substituteForId: string }
  | { kind: 'mutual'; index: number; otherIndex: number }
  | { kind: 'present'; index: number; otherIndex: number }
  | { kind: 'twice'; index: number; otherIndex: number; earlierIndex: number };

/**
 * Every broken substitute rule among a meeting's participants, in list order. A pair that
 * substitute for each other is reported once (at the earlier of the two).
 */
export function substituteProblems(
  participants: readonly (SubstituteEntry | null)[],
): SubstituteProblem[] {
  const indexOf = new Map<string, number>();
  participants.forEach((participant, index) => {
    if (participant && !indexOf.has(participant.id)) indexOf.set(participant.id, index);
  });
  const problems: SubstituteProblem[] = [];
  const substitutedBy = new Map<string, number>();
  participants.forEach((participant, index) => {
    const forId = participant?.substituteForId ?? null;
    if (participant === null || forId === null) return;
    if (forId === participant.id) {
      problems.push({ kind: 'self', index });
      return;
    }
    const otherIndex = indexOf.get(forId);
    const other = otherIndex === undefined ? null : (participants[otherIndex] ?? null);
    if (otherIndex === undefined || other === null) {
      problems.push({ kind: 'unknown', index, substituteForId: forId });
      return;
    }
    if (other.substituteForId === participant.id && otherIndex > index)
      problems.push({ kind: 'mutual', index, otherIndex });
    if (other.attendance === 'present') problems.push({ kind: 'present', index, otherIndex });
    const earlierIndex = substitutedBy.get(forId);
    if (earlierIndex !== undefined)
      problems.push({ kind: 'twice', index, otherIndex, earlierIndex });
    else substitutedBy.set(forId, index);
  });
  return problems;
}

/** True when the problem concerns the participant at `index` (as substitute or substituted). */
export function problemInvolves(problem: SubstituteProblem, index: number): boolean {
  if (problem.index === index) return true;
  if (problem.kind === 'self' || problem.kind === 'unknown') return false;
  return (
    problem.otherIndex === index || (problem.kind === 'twice' && problem.earlierIndex === index)
  );
}

/** The problem in English, naming the participants ("A substitutes for B, who is present ..."). */
export function substituteProblemText(
  problem: SubstituteProblem,
  nameAt: (index: number) => string,
): string {
  const name = nameAt(problem.index);
  switch (problem.kind) {
    case 'self':
      return `${name} cannot substitute for themself`;
    case 'unknown':
      return `no participant has the id ${JSON.stringify(problem.substituteForId)}`;
    case 'mutual':
      return `${name} and ${nameAt(problem.otherIndex)} cannot substitute for each other`;
    case 'present':
      return `${name} substitutes for ${nameAt(problem.otherIndex)}, who is present (a substitute stands in for an absent member)`;
    case 'twice':
      return `${nameAt(problem.otherIndex)} already has a substitute (${nameAt(problem.earlierIndex)}); each absent member has at most one`;
  }
}
