/** axe-core run in the page: the ids of serious or critical WCAG 2.1 A/AA violations. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type Axe = {
  run(
    context: Document | Element,
    options: unknown,
  ): Promise<{ violations: { id: string; impact: string | null }[] }>;
};

/**
 * Runs axe on the whole page, or on the element `selector` names (e.g. the find bar), and
 * returns the serious and critical violations. A selector that matches nothing is reported as
 * a violation, so a missing element cannot pass.
 */
export async function seriousAxeViolations(page: Page, selector?: string): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (scope) => {
    const axe = (window as unknown as { axe: Axe }).axe;
    const context = scope === null ? window.document : document.querySelector(scope);
    if (!context) return [`nothing matches ${scope}`];
    const result = await axe.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id);
  }, selector ?? null);
}
