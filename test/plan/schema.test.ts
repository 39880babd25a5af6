import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/plan/config.js';
import { CONFIG_SCHEMA, renderSchemaJson, type JsonSchema } from '../../src/model/config-schema.js';
import { nearest, validateAgainstSchema } from '../../src/plan/schema-validate.js';
import { makeProfile } from './helpers.js';

function walk(schema: JsonSchema, path: string, visit: (s: JsonSchema, path: string) => void): void {
  visit(schema, path);
  for (const [key, child] of Object.entries(schema.properties ?? {})) walk(child, `${path}.${key}`, visit);
  if (schema.items) walk(schema.items, `${path}[]`, visit);
  if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${path}.*`, visit);
  if (schema.propertyNames) walk(schema.propertyNames, `${path}{key}`, visit);
}

describe('the config schema', () => {
  it('matches the committed docs/phoenix-ops.schema.json (run `npx tsx scripts/export-schema.ts`)', async () => {
    const committed = await readFile(new URL('../../docs/phoenix-ops.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(renderSchemaJson());
  });

  it('describes every property', () => {
    const missing: string[] = [];
    walk(CONFIG_SCHEMA, '$', (s, path) => {
      if (!s.description) missing.push(path);
    });
    expect(missing).toEqual([]);
  });

  it('accepts the defaults, for several profiles', () => {
    for (const profile of [makeProfile(), makeProfile({ otpApp: 'x_y_z_2', database: 'none', healthPath: '/up' })]) {
      expect(validateAgainstSchema(CONFIG_SCHEMA, defaultConfig(profile))).toEqual([]);
    }
  });

  it('agrees with a real draft 2020-12 validator (ajv) on valid and invalid configs', () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(CONFIG_SCHEMA);
    const base = defaultConfig(makeProfile());
    const samples: unknown[] = [
      base,
      {},
      { machine: { count: 0 } },
      { machine: { count: 'two' } },
      { machine: { cpu: 1 } },
      { targets: [] },
      { targets: ['fly', 'fly'] },
      { env: { 'bad name': 'x' } },
      { env: { GOOD: 1 } },
      { audit: { ignore: [{ rule: 'x' }] } },
      { cost: { egressGb: { low: 1, medium: 2, high: 3 } } },
      { cost: { egressGb: { low: 1 } } },
      { clustering: 'yes' },
      { redis: { enabled: true } },
      { ci: { deployTarget: null } },
      { ci: { deployTarget: 'heroku' } },
      { version: 2 },
      { host: 'https://x.com' },
      { cloudrun: { project: 'ab' } },
      [],
    ];
    for (const sample of samples) {
      const ours = validateAgainstSchema(CONFIG_SCHEMA, sample).length === 0;
      expect([JSON.stringify(sample), ours]).toEqual([JSON.stringify(sample), validate(sample)]);
    }
  });

  it('suggests the nearest name only when it is close', () => {
    expect(nearest('memroyMb', ['cpus', 'memoryMb'])).toBe('memoryMb');
    expect(nearest('memory_mb', ['cpus', 'memoryMb'])).toBe('memoryMb');
    expect(nearest('zzz', ['path'])).toBeNull();
  });
});
