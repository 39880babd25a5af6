/**
 * DeployConfig is derived from the JSON Schema: the compile-time checks below fail (`tsc --noEmit`, run by
 * scripts/test.sh) when the derived type loses a member or accepts a value the schema rejects.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DeployConfig } from '../../src/model/deploy-config.js';
import type { TargetId } from '../../src/model/ids.js';
import { CONFIG_SCHEMA } from '../../src/model/config-schema.js';
import { validateAgainstSchema } from '../../src/plan/schema-validate.js';
import { defaultConfig } from '../../src/plan/config.js';
import { makeProfile } from '../plan/helpers.js';

describe('DeployConfig is the schema, completed', () => {
  it('members have the types the schema says', () => {
    expectTypeOf<DeployConfig['port']>().toEqualTypeOf<number>();
    expectTypeOf<DeployConfig['host']>().toEqualTypeOf<string | null>();
    expectTypeOf<DeployConfig['targets']>().toEqualTypeOf<TargetId[]>();
    expectTypeOf<DeployConfig['redis']['enabled']>().toEqualTypeOf<boolean | 'auto'>();
    expectTypeOf<DeployConfig['machine']['cpuKind']>().toEqualTypeOf<'shared' | 'performance'>();
    expectTypeOf<DeployConfig['ci']['deployTarget']>().toEqualTypeOf<TargetId | null>();
    expectTypeOf<DeployConfig['env']>().toEqualTypeOf<{ [k: string]: string }>();
    expectTypeOf<DeployConfig['cost']['egressGb']>().toEqualTypeOf<{ low: number; medium: number; high: number } | null>();
    // @ts-expect-error: the schema says port is an integer
    const bad: DeployConfig['port'] = '8080';
    void bad;
  });

  it('the defaults validate against the schema they are typed by', () => {
    expect(validateAgainstSchema(CONFIG_SCHEMA, defaultConfig(makeProfile()))).toEqual([]);
  });
});
