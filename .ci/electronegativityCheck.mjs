#!/usr/bin/env node
/**
 * Compares electronegativity's CSV findings with the justifications in docs/security.md.
 * A justification is a list line starting with `` `CHECK_ID@file` `` (file as in the CSV,
 * `N/A` for global checks) under the heading "Electronegativity justifications".
 * Exit 1 when a HIGH or MEDIUM finding has no justification. A justification whose finding no
 * longer occurs is reported as a warning (the tool's global checks come and go with unrelated
 * code, e.g. any literal CSP header satisfies CSP_GLOBAL_CHECK).
 *
 * Usage: node .ci/electronegativityCheck.mjs findings.csv docs/security.md
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [csvFile, docFile] = process.argv.slice(2);
if (!csvFile || !docFile) {
  console.error('usage: electronegativityCheck.mjs findings.csv docs/security.md');
  process.exit(2);
}

/** One CSV line into fields (quoted fields may hold commas and doubled quotes). */
export function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (isQuoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') isQuoted = false;
      else field += ch;
    } else if (ch === '"') isQuoted = true;
    else if (ch === ',') {
      fields.push(field.trim());
      field = '';
    } else field += ch;
  }
  fields.push(field.trim());
  return fields;
}

const lines = readFileSync(csvFile, 'utf8')
  .split(/\r?\n/)
  .filter((line) => line.trim() !== '');
const header = parseCsvLine(lines[0] ?? '').map((name) => name.toLowerCase());
const column = (name) => header.indexOf(name);
if (column('issue') < 0 || column('severity') < 0 || column('filename') < 0) {
  console.error(`electronegativity: unexpected CSV header: ${lines[0]}`);
  process.exit(1);
}
const findings = lines.slice(1).map((line) => {
  const fields = parseCsvLine(line);
  const file = fields[column('filename')] ?? '';
  return {
    issue: fields[column('issue')] ?? '',
    severity: (fields[column('severity')] ?? '').toUpperCase(),
    file: file === 'N/A' ? 'N/A' : path.basename(file),
    location: fields[column('location')] ?? '',
    description: fields[column('description')] ?? '',
  };
});

const doc = readFileSync(docFile, 'utf8');
const section =
  doc.split(/^## /m).find((part) => part.startsWith('Electronegativity justifications')) ?? '';
const justified = new Set(
  [...section.matchAll(/^\s*[-*] `([A-Z0-9_]+@[^`]+)`/gm)].map((match) => match[1]),
);

const serious = findings.filter(
  (finding) => finding.severity === 'HIGH' || finding.severity === 'MEDIUM',
);
const unjustified = serious.filter((finding) => !justified.has(`${finding.issue}@${finding.file}`));
const found = new Set(serious.map((finding) => `${finding.issue}@${finding.file}`));
const stale = [...justified].filter((key) => !found.has(key));

console.log(
  `electronegativity: ${findings.length} findings, ${serious.length} high/medium, ${serious.length - unjustified.length} justified in ${docFile}`,
);
for (const finding of unjustified) {
  console.error(
    `  UNJUSTIFIED ${finding.severity} ${finding.issue} at ${finding.file}:${finding.location} — ${finding.description}`,
  );
}
for (const key of stale) {
  console.warn(`  note: justification ${key} matched no finding this time (${docFile})`);
}
if (unjustified.length > 0) {
  console.error(
    `electronegativity: fix the findings above or justify them in ${docFile} ("Electronegativity justifications").`,
  );
  process.exit(1);
}
