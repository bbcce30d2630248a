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
