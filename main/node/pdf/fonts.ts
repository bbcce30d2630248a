/**
 * The fonts embedded in exported PDFs (resources/fonts, see its README). Located relative to
 * this module so it works from the sources (tests, tsx), from the bundle in out/main and from a
 * packaged app (REFERAT_RESOURCES or Electron's resourcesPath).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontKey } from '../../../common/export/typeset';

export const fontFiles: Record<FontKey, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
};

let cached: string | null = null;

/** The folder holding the font files; throws a clear error when it cannot be found. */
export function fontsDirectory(): string {
  if (cached !== null) return cached;
  const candidates: string[] = [];
  const fromEnv = process.env.REFERAT_RESOURCES;
  if (fromEnv) candidates.push(path.join(fromEnv, 'fonts'));
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath)
    candidates.push(
      path.join(resourcesPath, 'fonts'),
      path.join(resourcesPath, 'resources', 'fonts'),
    );
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    candidates.push(path.join(dir, 'resources', 'fonts'));
    dir = path.dirname(dir);
  }
  for (const candidate of candidates) {
    if (existsSync(path.join(candidate, fontFiles.regular))) {
      cached = candidate;
      return candidate;
    }
  }
  throw new Error(
    `The PDF fonts were not found (looked for ${fontFiles.regular} in: ${candidates.join(', ')})`,
  );
}

/** Absolute paths of the four font files. */
export function fontPaths(): Record<FontKey, string> {
  const dir = fontsDirectory();
  return {
    regular: path.join(dir, fontFiles.regular),
    bold: path.join(dir, fontFiles.bold),
    italic: path.join(dir, fontFiles.italic),
    boldItalic: path.join(dir, fontFiles.boldItalic),
  };
}
