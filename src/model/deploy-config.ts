/**
 * The shape of `phoenix-ops.yaml`, the user's editable deployment config, derived from its JSON Schema
 * (src/model/config-schema.ts) so the type and the validator cannot drift apart. The schema describes the
 * *file*, where every setting is optional; `DeployConfig` is the merged config `loadConfig` returns
 * (`defaultConfig(profile)` fills every setting), so every object member is present.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { CONFIG_SCHEMA } from './config-schema.js';

/** What a phoenix-ops.yaml file may contain (every setting optional). */
export type DeployConfigFile = FromSchema<typeof CONFIG_SCHEMA>;

/** Objects with every member present, recursively; lists and maps keep their item types as the schema says. */
type Complete<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? string extends keyof T
      ? T
      : { -readonly [K in keyof T]-?: Complete<Exclude<T[K], undefined>> }
    : T;

export type DeployConfig = Complete<DeployConfigFile>;
