/**
 * Typing into the app's segmented date and time fields (React Aria DateField/TimeField), which
 * replace native date and time inputs: click the first segment and type the digits in the field's
 * order (Danish: day, month, year; hour, minute). Each completed segment moves on by itself.
 */
import type { Locator, Page } from 'playwright-core';

/** Types an ISO date (YYYY-MM-DD) into the date field labelled `label` inside `scope`. */
export async function fillDateField(
  scope: Page | Locator,
  label: string,
  isoDate: string,
): Promise<void> {
  const [year, month, day] = isoDate.split('-');
  const group = scope.getByRole('group', { name: label, exact: true });
  await group.locator('[data-type="day"]').click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.keyboard.type(`${day}${month}${year}`);
}

/** Types a clock time (HH:MM) into the time field labelled `label` inside `scope`. */
export async function fillTimeField(
  scope: Page | Locator,
  label: string,
  time: string,
): Promise<void> {
  const [hour, minute] = time.split(':');
  const group = scope.getByRole('group', { name: label, exact: true });
  await group.locator('[data-type="hour"]').click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.keyboard.type(`${hour}${minute}`);
}

/** What a date or time field shows ("12.12.2017", "16.30"), without React Aria's bidi marks. */
export async function fieldText(scope: Page | Locator, label: string): Promise<string> {
  const text = await scope.getByRole('group', { name: label, exact: true }).innerText();
  return text.replace(/[\s\u2066-\u2069]/g, '');
}
