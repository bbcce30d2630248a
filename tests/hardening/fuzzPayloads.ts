/**
 * Deterministic payloads for the API fuzz test: valid inputs generated from each request's
 * JSON Schema (zod's `toJSONSchema` of the contract), ids drawn from the library's real
 * records, and mutations of them (wrong types, missing and extra keys, huge strings, unicode,
 * odd numbers, deep nesting, prototype-pollution keys, ids of other kinds of record).
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

/** Ids of the records in the library, by kind. */
export type IdPool = {
  committees: string[];
  members: string[];
  meetings: string[];
  items: string[];
  participants: string[];
  appendices: string[];
  /** Upload ids (browser mode's files), each usable once. */
  uploads?: string[];
};

const idKinds = [
  'committees',
  'members',
  'meetings',
  'items',
  'participants',
  'appendices',
] as const;

export class PayloadGenerator {
  constructor(
    private readonly random: () => number,
    private pool: IdPool,
  ) {}

  setPool(pool: IdPool): void {
    this.pool = pool;
  }

  currentPool(): IdPool {
    return this.pool;
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** The kind of record an id-shaped field names, from its key and the request's noun. */
  private idKindFor(key: string, noun: string): (typeof idKinds)[number] {
    const byKey: Record<string, (typeof idKinds)[number]> = {
      committeeId: 'committees',
      committeeIds: 'committees',
      meetingId: 'meetings',
      itemId: 'items',
      absentFromItemIds: 'items',
      sourceItemIds: 'items',
      participantId: 'participants',
      substituteForId: 'participants',
      appendixId: 'appendices',
      previousMeetingId: 'meetings',
    };
    const known = byKey[key];
    if (known) return known;
    const byNoun: Record<string, (typeof idKinds)[number]> = {
      committees: 'committees',
      members: 'members',
      meetings: 'meetings',
      items: 'items',
      participants: 'participants',
      appendices: 'appendices',
      corrections: 'meetings',
      audit: 'meetings',
      decisions: 'items',
    };
    return byNoun[noun] ?? 'meetings';
  }

  private id(key: string, noun: string): string {
    // Now and then an id of another kind of record, or of nothing at all.
    const kind = this.chance(0.12) ? this.pick(idKinds) : this.idKindFor(key, noun);
    const ids = this.pool[kind];
    if (ids.length === 0 || this.chance(0.04)) return `missing-${this.int(1000)}`;
    return this.pick(ids);
  }

  private text(min: number, max: number): string {
    const words = [
      'Budget',
      'møde',
      'Æblehaven',
      'beslutning',
      'Øresund',
      'å',
      'pkt.',
      '2026',
      'Bilag',
      'x',
    ];
    const length = Math.min(max, min + this.int(Math.max(1, Math.min(max, 40) - min + 1)));
    let out = '';
    while (out.length < length) out += `${this.pick(words)} `;
    out = out.slice(0, length);
    // A required text must not be only spaces.
    return min > 0 && out.trim() === '' ? 'x'.repeat(Math.max(1, min)) : out;
  }

  private string(schema: JsonSchema, key: string, noun: string): string {
    const pattern = schema.pattern ?? '';
    if (pattern === '^[A-Za-z0-9_-]+$') return this.id(key, noun);
    if (pattern.includes('\\d{4}-\\d{2}-\\d{2}')) {
      return `20${10 + this.int(20)}-${String(1 + this.int(12)).padStart(2, '0')}-${String(1 + this.int(28)).padStart(2, '0')}`;
    }
    if (pattern.includes('[01]\\d|2[0-3]'))
      return `${String(this.int(24)).padStart(2, '0')}:${String(this.int(60)).padStart(2, '0')}`;
    if (
      pattern === '^[a-f0-9]{32}$' &&
      this.pool.uploads &&
      this.pool.uploads.length > 0 &&
      this.chance(0.7)
    ) {
      return this.pick(this.pool.uploads);
    }
    if (pattern === '^[a-f0-9]{32}$')
      return Array.from({ length: 32 }, () => '0123456789abcdef'[this.int(16)]).join('');
    if (pattern.includes('A-ZÆØÅ')) return this.pick(['A', 'V', 'C', 'Ø', 'SF']);
    if (pattern.includes('https?')) {
      return this.pick([
        'https://example.org/sag',
        'mailto:a@b.dk',
        `referat://meeting/${this.pick(this.pool.meetings) ?? 'm'}`,
      ]);
    }
    if (pattern.includes('A-Za-z0-9:_-')) return '';
    if (pattern.includes('BEGIN'))
      return '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----';
    if (pattern !== '') return '';
    return this.text(schema.minLength ?? 0, schema.maxLength ?? 200);
  }

  /** A value the schema accepts (as far as generation from JSON Schema can tell). */
  valid(schema: JsonSchema, root: JsonSchema, noun: string, key = '', depth = 0): unknown {
    if (schema.$ref) {
      const name = schema.$ref.replace(/^#\/\$defs\//, '');
      if (schema.$ref === '#') return this.valid(root, root, noun, key, depth + 1);
      const target = root.$defs?.[name];
      return target ? this.valid(target, root, noun, key, depth + 1) : null;
    }
    if ('const' in schema) return schema.const;
    if (schema.enum) return this.pick(schema.enum);
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices) {
      // Deep down, prefer the first choice (usually the simplest: text before nested lists).
      return this.valid(
        depth > 6 ? (choices[0] as JsonSchema) : this.pick(choices),
        root,
        noun,
        key,
        depth + 1,
      );
    }
    if (schema.allOf) return this.valid(schema.allOf[0] as JsonSchema, root, noun, key, depth + 1);
    const type = Array.isArray(schema.type) ? this.pick(schema.type) : schema.type;
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        const required = new Set(schema.required ?? []);
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          if (required.has(name) || this.chance(depth > 4 ? 0.1 : 0.5)) {
            out[name] = this.valid(property, root, noun, name, depth + 1);
          }
        }
        if (
          !schema.properties &&
          schema.propertyNames?.enum &&
          typeof schema.additionalProperties === 'object'
        ) {
          // A record with enumerated keys (e.g. bodies by field).
          const keyName = this.pick(schema.propertyNames.enum) as string;
          out[keyName] = this.valid(schema.additionalProperties, root, noun, keyName, depth + 1);
        }
        return out;
      }
      case 'array': {
        const min = schema.minItems ?? 0;
        const max = Math.min(schema.maxItems ?? 4, depth > 5 ? min : 4);
        const length = min + this.int(Math.max(1, max - min + 1));
        return Array.from({ length }, () =>
          schema.items ? this.valid(schema.items, root, noun, key, depth + 1) : null,
        );
      }
      case 'string':
        return this.string(schema, key, noun);
      case 'integer':
      case 'number': {
        const lo =
          schema.minimum ??
          (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
        const hi = Math.min(schema.maximum ?? lo + 20, lo + 20);
        return lo + this.int(hi - lo + 1);
      }
      case 'boolean':
        return this.chance(0.5);
      case 'null':
        return null;
      default:
        return null;
    }
  }

  /** A hostile replacement for one value. */
  hostileValue(): unknown {
    const kind = this.int(22);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return this.chance(0.5);
      case 2:
        return this.pick([
          -1,
          -2147483649,
          2 ** 53 + 1,
          1e308,
          -1e308,
          0.5,
          -0.0,
          4294967296,
          1e-300,
        ]);
      case 3:
        return '';
      case 4:
        return ' \t\n ';
      case 5:
        return 'x'.repeat(this.pick([1_001, 10_001, 70_000, 300_000]));
      case 6:
        // Unicode edge cases: RTL override, combining marks, emoji, NUL, a lone surrogate.
        return this.pick([
          '\u202Eevil\u202C',
          'a\u0301\u0301\u0301',
          '👩‍👩‍👧‍👦'.repeat(50),
          'nul\u0000byte',
          '\ud800',
          '\uffff\ufffe',
          '<script>alert(1)</script>',
          "'); DROP TABLE meetings;--",
        ]);
      case 7:
        return [];
      case 8:
        return {};
      case 9:
        return [null, 1, 'a', {}];
      case 10:
        return this.chance(0.5)
          ? this.deep(this.pick([50, 500, 3_000]), true)
          : this.deep(this.pick([20, 200, 600]), false);
      case 11:
        return JSON.parse('{"__proto__":{"isAdmin":true,"polluted":1}}') as unknown;
      case 12:
        return { constructor: { prototype: { polluted: 1 } } };
      case 13:
        return (
          this.pick(
            this.pool.meetings.concat(
              this.pool.items,
              this.pool.appendices,
              this.pool.participants,
            ),
          ) ?? 'x'
        );
      case 14:
        return '../../etc/passwd';
      case 15:
        return 'file:///etc/passwd';
      case 16:
        return 'javascript:alert(1)';
      case 17:
        return this.pick(['NaN', 'Infinity', '-1', '1e400', '0x10']);
      case 18:
        return Array.from({ length: this.pick([1_001, 20_000]) }, (_, i) => i);
      case 19:
        return '9999-99-99';
      case 20:
        return 'A'.repeat(65);
      default:
        return this.int(3) - 1;
    }
  }

  private deep(levels: number, isArray: boolean): unknown {
    let value: unknown = 'bottom';
    for (let i = 0; i < levels; i++) {
      value = isArray
        ? [value]
        : { type: 'list', listType: 'bullet', items: [{ children: [value] }] };
    }
    return value;
  }

  /** `value` with 1-3 mutations applied (a structural copy; the input is not changed). */
  mutate(value: unknown): unknown {
    if (this.chance(0.06)) return this.hostileValue();
    let copy = structuredCloneJson(value);
    const count = 1 + this.int(3);
    for (let i = 0; i < count; i++) copy = this.mutateOnce(copy);
    return copy;
  }

  private mutateOnce(value: unknown): unknown {
    const slots = collectSlots(value);
    if (slots.length === 0) return this.hostileValue();
    const slot = this.pick(slots);
    const container = slot.container;
    const operation = this.int(6);
    if (Array.isArray(container)) {
      const index = slot.key as number;
      if (operation === 0) container.splice(index, 1);
      else if (operation === 1) container.push(this.hostileValue());
      else if (operation === 2) container.splice(index, 0, structuredCloneJson(container[index]));
      else container[index] = this.hostileValue();
      return value;
    }
    const object = container as Record<string, unknown>;
    const key = slot.key as string;
    if (operation === 0) delete object[key];
    else if (operation === 1)
      object[
        this.pick(['extra', 'id', 'createdAt', 'status', 'revision', 'constructor', 'prototype'])
      ] = this.hostileValue();
    else if (operation === 2)
      Object.defineProperty(object, '__proto__', {
        value: this.hostileValue(),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    else object[key] = this.hostileValue();
    return value;
  }
}

type Slot = { container: unknown[] | Record<string, unknown>; key: string | number };

function collectSlots(value: unknown, out: Slot[] = [], depth = 0): Slot[] {
  if (depth > 12 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((child, index) => {
      out.push({ container: value, key: index });
      collectSlots(child, out, depth + 1);
    });
  } else {
    for (const [key, child] of Object.entries(value)) {
      out.push({ container: value as Record<string, unknown>, key });
      collectSlots(child, out, depth + 1);
    }
  }
  return out;
}

/** A copy through JSON (what the wire does anyway); keeps own `__proto__` keys as data. */
function structuredCloneJson(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}
