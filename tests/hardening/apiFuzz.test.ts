/**
 * API fuzzing through the real HTTP host in a child process (`npm start` browser mode) on a
 * seeded library: at least 10,000 generated and mutated payloads spread over every request of
 * the contract. Every answer must be a success or a typed error with a known code (never
 * `internal`), the host must keep answering, every refused payload must leave the library's
 * fingerprint (all rows and stored files) as it was, and afterwards the library must pass
 * `integrity_check` and the consistency checks (nothing half-written). Deterministic seed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../common/contract/api';
import { errorCodes, localizedMessageSchema } from '../../common/contract/result';
import { checkInputLimits } from '../../main/node/api/dispatch';
import { openLibrary } from '../../main/node/storage/library';
import { generateLibrary } from '../fixtures/generateLibrary';
import { startHostProcess, type HostProcess } from './hostProcess';
import {
  findLibraryProblems,
  openLibraryFingerprinter,
  type LibraryFingerprinter,
} from './libraryConsistency';
import { seededRandom } from '../support/seededRandom';
import { PayloadGenerator, type IdPool, type JsonSchema } from './fuzzPayloads';

const payloadCount = 10_000;
const seed = 20261127;
const fixtureJson = fs.readFileSync(
  path.resolve(
    path.dirname(new URL(import.meta.url).pathname),
    '..',
    'fixtures',
    'gentofte-2017-12-12.referat.json',
  ),
  'utf8',
);

let tempDir: string;
let libraryPath: string;
let host: HostProcess;
let fingerprinter: LibraryFingerprinter;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-fuzz-'));
  libraryPath = path.join(tempDir, 'library.sqlite');
  const library = openLibrary(libraryPath, { author: 'fuzz' });
  try {
    generateLibrary(library.db, {
      meetings: 6,
      committees: 2,
      itemsPerMeeting: 5,
      appendicesPerMeeting: 3,
      membersPerCommittee: 5,
      seed: 3,
    });
  } finally {
    library.close();
  }
  host = await startHostProcess(libraryPath);
  fingerprinter = openLibraryFingerprinter(libraryPath);
});

afterAll(async () => {
  fingerprinter?.close();
  await host?.stop();
  fs.rmSync(tempDir, { recursive: true, force: true });
});

/** The ids of the records now in the library (listed through the API itself). */
async function listIds(): Promise<IdPool> {
  const pool: IdPool = {
    committees: [],
    members: [],
    meetings: [],
    items: [],
    participants: [],
    appendices: [],
  };
  const committees = await host.call('committees:list', {});
  for (const committee of (committees.value ?? []) as Array<{ id: string }>) {
    pool.committees.push(committee.id);
    const members = await host.call('members:list', { committeeId: committee.id });
    for (const member of (members.value ?? []) as Array<{ id: string }>)
      pool.members.push(member.id);
  }
  const meetings = await host.call('meetings:list', {});
  // Drafts first: approved meetings only answer `locked` to most changes.
  const listed = ((meetings.value ?? []) as Array<{ id: string; status: string }>).sort(
    (a, b) => Number(a.status !== 'draft') - Number(b.status !== 'draft'),
  );
  for (const meeting of listed.slice(0, 8)) {
    pool.meetings.push(meeting.id);
    const detail = await host.call('meetings:get', { id: meeting.id });
    const value = detail.value as
      | {
          items: Array<{ id: string }>;
          participants: Array<{ id: string }>;
          appendices: Array<{ id: string }>;
        }
      | undefined;
    for (const item of value?.items ?? []) pool.items.push(item.id);
    for (const participant of value?.participants ?? []) pool.participants.push(participant.id);
    for (const appendix of value?.appendices ?? []) pool.appendices.push(appendix.id);
  }
  return pool;
}

/** Uploads (browser mode's way in for files): one-use ids for attachFile, markSigned, verify, import. */
async function uploadFiles(): Promise<string[]> {
  const ids: string[] = [];
  for (const [name, bytes] of [
    ['bilag.pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')],
    ['pakke.zip', Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18), 'latin1')],
    ['../../evil.txt', Buffer.from('hello')],
  ] as const) {
    const answer = await host.upload(name, bytes);
    const parsed = JSON.parse(answer.body) as { ok: boolean; value?: { uploadId: string } };
    if (parsed.ok && parsed.value) ids.push(parsed.value.uploadId);
  }
  return ids;
}

/** Inputs the JSON Schema cannot describe well enough to reach the handler's own rules. */
function handWritten(name: string, generator: PayloadGenerator, fixture: unknown): unknown {
  if (!generator.chance(0.5)) return undefined;
  const pool = generator.currentPool();
  switch (name) {
    case 'meetings:importJson':
      // A mutated referat/1 document: the importer's own checks, not only the contract's.
      return {
        json: JSON.stringify(generator.chance(0.3) ? fixture : generator.mutate(fixture)),
        onExisting: generator.pick(['refuse', 'keepBoth', 'replace']),
      };
    case 'bodies:save':
      return {
        owner: generator.chance(0.7)
          ? {
              kind: 'item',
              itemId: generator.pick(pool.items),
              field: generator.pick(['summary', 'decision', 'recommendation']),
            }
          : { kind: 'meeting', meetingId: generator.pick(pool.meetings), field: 'summary' },
        content: [
          {
            type: 'paragraph',
            children: [{ type: 'text', text: `Tekst ${generator.int(1000)}`, bold: true }],
          },
        ],
        baseRevision: generator.int(3),
      };
    default:
      return undefined;
  }
}

const knownCodes = new Set<string>(errorCodes);
const resultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z
    .object({
      ok: z.literal(false),
      error: z
        .object({
          code: z.string(),
          message: z.string().min(1),
          // The message in the user's language, for the errors that have one.
          localized: localizedMessageSchema.optional(),
          // Invalid input names each field in English and Danish.
          issues: z
            .array(
              z.object({ path: z.string(), en: z.string().min(1), da: z.string().min(1) }).strict(),
            )
            .min(1)
            .optional(),
        })
        .strict(),
    })
    .strict(),
]);

describe('API fuzzing through the HTTP host', () => {
  it(`answers ${payloadCount} generated and mutated payloads with results or typed errors, each refusal changing nothing, and stays consistent`, async () => {
    const names = Object.keys(api) as Array<keyof typeof api>;
    const schemas = new Map(
      names.map((name) => [
        name,
        z.toJSONSchema(api[name].input as z.ZodType, {
          io: 'input',
          unrepresentable: 'any',
        }) as JsonSchema,
      ]),
    );
    const random = seededRandom(seed);
    const fixture = JSON.parse(fixtureJson) as unknown;
    const generator = new PayloadGenerator(random, await listIds());
    const perRequest = new Map<string, { sent: number; ok: number; codes: Map<string, number> }>();
    const failures: string[] = [];
    let sent = 0;
    const timeByName = new Map<string, number>();

    /** Checks one answer; true when the request was refused (which must change nothing). */
    const check = (
      name: string,
      payload: string,
      answer: { status: number; body: string },
      isJsonValid: boolean,
    ): boolean => {
      const stats = perRequest.get(name) ?? { sent: 0, ok: 0, codes: new Map<string, number>() };
      perRequest.set(name, stats);
      stats.sent += 1;
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.body);
      } catch {
        failures.push(
          `${name}: answer is not JSON (HTTP ${answer.status}): ${answer.body.slice(0, 200)}`,
        );
        return answer.status !== 200;
      }
      const result = resultSchema.safeParse(parsed);
      if (!result.success) {
        failures.push(`${name}: answer is not a Result: ${answer.body.slice(0, 200)}`);
        return answer.status !== 200;
      }
      // Broken JSON and inputs past the dispatcher's limits (nesting, size) are refused with 400.
      const expectedStatus =
        isJsonValid && checkInputLimits(JSON.parse(payload === '' ? 'null' : payload)) === null
          ? 200
          : 400;
      if (answer.status !== expectedStatus)
        failures.push(`${name}: HTTP ${answer.status} for ${payload.slice(0, 200)}`);
      if (result.data.ok) {
        stats.ok += 1;
        return false;
      }
      const code = result.data.error.code;
      stats.codes.set(code, (stats.codes.get(code) ?? 0) + 1);
      if (!knownCodes.has(code)) failures.push(`${name}: unknown error code ${code}`);
      if (code === 'internal') {
        failures.push(
          `${name}: internal error "${result.data.error.message.slice(0, 200)}" for ${payload.slice(0, 300)}`,
        );
      }
      return true;
    };
    let refusalsChecked = 0;

    while (sent < payloadCount) {
      // Keep records to work on: deletes and approvals use them up.
      if (sent % 400 === 0) {
        await host.call('meetings:importJson', { json: fixtureJson, onExisting: 'keepBoth' });
        const pool = await listIds();
        pool.uploads = await uploadFiles();
        generator.setPool(pool);
        expect(host.isAlive(), host.stderr()).toBe(true);
      }
      const name = names[sent % names.length] as keyof typeof api;
      const noun = name.split(':')[0] ?? '';
      const schema = schemas.get(name) as JsonSchema;
      const valid = handWritten(name, generator, fixture) ?? generator.valid(schema, schema, noun);
      const roll = random();
      let body: string;
      let isJsonValid = true;
      if (roll < 0.25) body = JSON.stringify(valid);
      else if (roll < 0.985) body = JSON.stringify(generator.mutate(valid)) ?? 'null';
      else {
        // Not JSON at all, or JSON cut short: the transport refuses it with HTTP 400.
        body = generator.pick([
          '{',
          '{"id":',
          '\u0000',
          '{"a":1}}',
          "{'id':'x'}",
          JSON.stringify(valid).slice(0, -1) || '[',
        ]);
        isJsonValid = false;
      }
      const before = fingerprinter.fingerprint();
      const started = performance.now();
      const answer = await host.post(name, body);
      timeByName.set(name, (timeByName.get(name) ?? 0) + performance.now() - started);
      if (check(name, body, answer, isJsonValid)) {
        refusalsChecked += 1;
        if (fingerprinter.fingerprint() !== before)
          failures.push(
            `${name}: refused, yet the library changed: ${answer.body.slice(0, 200)} for ${body.slice(0, 300)}`,
          );
      }
      sent += 1;
      if (failures.length > 20) break;
    }

    // Names outside the contract, including prototype keys.
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'meetings:',
      ':get',
      'meetings:get/../x',
      'x'.repeat(5000),
    ]) {
      const answer = await host.post(name, '{}');
      const result = JSON.parse(answer.body) as { ok: boolean; error?: { code: string } };
      if (result.ok || result.error?.code !== 'unknown_request')
        failures.push(`request name ${name.slice(0, 40)}: ${answer.body.slice(0, 200)}`);
    }

    if (process.env.REFERAT_FUZZ_REPORT) {
      for (const [name, stats] of perRequest) {
        process.stderr.write(
          `${name} sent ${stats.sent} ok ${stats.ok} ms ${Math.round(timeByName.get(name) ?? 0)} ${JSON.stringify([...stats.codes])}\n`,
        );
      }
    }
    const info = await host.call('app:info', {});
    expect(info.ok, host.stderr()).toBe(true);
    expect(host.isAlive()).toBe(true);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(payloadCount);
    // Most payloads are refused; each of those was checked against the library's fingerprint.
    expect(refusalsChecked).toBeGreaterThan(payloadCount / 2);
    for (const name of names) expect(perRequest.get(name)?.sent ?? 0, name).toBeGreaterThan(100);
    // The generator must reach the handlers, not only the validator: most requests succeed at times.
    const succeeding = names.filter((name) => (perRequest.get(name)?.ok ?? 0) > 0);
    expect(
      succeeding.length,
      `requests that never succeeded: ${names.filter((n) => !succeeding.includes(n)).join(', ')}`,
    ).toBeGreaterThan(names.length * 0.6);

    const stopped = await host.stop();
    expect(stopped.code, host.stderr()).toBe(0);
    expect(findLibraryProblems(libraryPath)).toEqual([]);
  }, 360_000);
});
