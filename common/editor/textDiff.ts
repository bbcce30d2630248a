/**
 * A line diff of two bodies' plain text, for the revision history ("what changed between two
 * revisions"). Longest common subsequence over lines; bodies are small enough (a body is one
 * agenda item's text) and the table is bounded, so a larger pair falls back to a plain
 * removed/added listing instead of using quadratic memory.
 *
 * Pure core.
 */
export type DiffLine = { kind: 'same' | 'removed' | 'added'; text: string };

/** Beyond this many line pairs the diff lists the old lines as removed and the new as added. */
const maxCells = 4_000_000;

/** The lines of `before` and `after` marked same, removed or added, in document order. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  // Common prefix and suffix are cheap and cover most edits.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: DiffLine[] = a.slice(0, start).map((text) => ({ kind: 'same', text }));
  const tail: DiffLine[] = a.slice(endA).map((text) => ({ kind: 'same', text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > maxCells) {
    return [
      ...head,
      ...midA.map((text): DiffLine => ({ kind: 'removed', text })),
      ...midB.map((text): DiffLine => ({ kind: 'added', text })),
      ...tail,
    ];
  }
  const n = midA.length;
  const m = midB.length;
  // lcs[i][j]: length of the LCS of midA[i..] and midB[j..], in one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => lcs[i * (m + 1) + j] ?? 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        midA[i] === midB[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const middle: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      middle.push({ kind: 'same', text: midA[i] ?? '' });
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      middle.push({ kind: 'removed', text: midA[i] ?? '' });
      i++;
    } else {
      middle.push({ kind: 'added', text: midB[j] ?? '' });
      j++;
    }
  }
  while (i < n) middle.push({ kind: 'removed', text: midA[i++] ?? '' });
  while (j < m) middle.push({ kind: 'added', text: midB[j++] ?? '' });
  return [...head, ...middle, ...tail];
}
