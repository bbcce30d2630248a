/**
 * The kinds of input `referat import` understands, tried in order; the first whose
 * `matches` is true runs. JSON is the fallback and stays last. Add a kind (e.g. a BagIt
 * package, FILE.zip or a folder) by writing `<kind>.ts` (an `Importer`) and adding one line
 * here, above `jsonImporter`.
 */
import type { Importer } from '../types';
import { bagImporter } from './bag';
import { jsonImporter } from './json';

export const importers: readonly Importer[] = [bagImporter, jsonImporter];
