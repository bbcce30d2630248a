// @vitest-environment happy-dom
/**
 * NumberField keeps what is typed, reports only whole numbers inside its range, and marks
 * anything else with a Danish message naming the range.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { NumberField } from '../../renderer/src/components/fields';
import { render, setupReactTests } from './helpers/reactHarness';

setupReactTests();

async function type(input: HTMLInputElement, text: string) {
  await act(async () => {
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setValue?.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('NumberField', () => {
  it('reports a whole number in its range and names the range for anything else', async () => {
    const reported: number[] = [];
    const host = await render(
      <NumberField label="Nr." value={3} min={1} max={20} onChange={(n) => reported.push(n)} />,
    );
    const input = host.querySelector('input') as HTMLInputElement;
    expect(input.getAttribute('aria-invalid')).toBeNull();

    await type(input, '21');
    await type(input, 'x');
    await type(input, '0');
    expect(reported).toEqual([]);
    expect(input.value).toBe('0');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(host.querySelector('.field__error')?.textContent).toBe(
      'Skriv et helt tal fra 1 til 20.',
    );

    await type(input, ' 12 ');
    expect(reported).toEqual([12]);
    expect(host.querySelector('.field__error')).toBeNull();
  });
});
