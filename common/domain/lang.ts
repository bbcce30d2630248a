/**
 * The languages Referat writes in: Danish (the default) and English. The UI, dates, vote texts
 * and exported minutes all take one of these.
 *
 * Pure core.
 */
import { z } from 'zod';

export const langs = ['da', 'en'] as const;

/** A language of the UI and of exported minutes. */
export type Lang = (typeof langs)[number];

/** Validates a language code from outside. */
export const langSchema = z.enum(langs);

/** Joins words the way a sentence lists them: "A, V og C" (`and` is the language's word). */
export function joinWith(values: readonly string[], and: string): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ${and} ${values[values.length - 1] ?? ''}`;
}
