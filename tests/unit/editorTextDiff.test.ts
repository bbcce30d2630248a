import { describe, expect, it } from 'vitest';
import { diffLines } from '../../common/editor/textDiff';

describe('diffLines', () => {
  it('marks unchanged, removed and added lines in order', () => {
    expect(
      diffLines('Godkendt.\nUdsat.\nSlut', 'Godkendt.\nTaget til efterretning.\nSlut'),
    ).toEqual([
      { kind: 'same', text: 'Godkendt.' },
      { kind: 'removed', text: 'Udsat.' },
      { kind: 'added', text: 'Taget til efterretning.' },
      { kind: 'same', text: 'Slut' },
    ]);
  });

  it('handles empty bodies on either side', () => {
    expect(diffLines('', 'Ny')).toEqual([{ kind: 'added', text: 'Ny' }]);
    expect(diffLines('Gammel', '')).toEqual([{ kind: 'removed', text: 'Gammel' }]);
    expect(diffLines('', '')).toEqual([]);
  });

  it('finds the longest common part when lines move', () => {
    const result = diffLines('a\nb\nc\nd', 'b\nc\na\nd');
    expect(result.filter((l) => l.kind === 'same').map((l) => l.text)).toEqual(['b', 'c', 'd']);
    expect(result.filter((l) => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'a' },
      { kind: 'added', text: 'a' },
    ]);
  });

  it('falls back to removed + added for huge changed regions', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `x${i}`).join('\n');
    const after = Array.from({ length: 3000 }, (_, i) => `y${i}`).join('\n');
    const result = diffLines(`start\n${before}\nend`, `start\n${after}\nend`);
    expect(result).toHaveLength(6002);
    expect(result[0]).toEqual({ kind: 'same', text: 'start' });
    expect(result[1]).toEqual({ kind: 'removed', text: 'x0' });
    expect(result[3001]).toEqual({ kind: 'added', text: 'y0' });
    expect(result[6001]).toEqual({ kind: 'same', text: 'end' });
  });
});
