/**
 * The shapes of the deployment documents the scan parses — fly.toml and Kubernetes manifests — as
 * permissive zod schemas (Renovate's way): every field phoenix-ops reads is typed here, once, at scan
 * time; a field of the wrong type is left out and recorded as an issue instead of failing the whole
 * document; keys nobody reads are kept as they are. Nothing downstream casts a parsed document.
 *
 * Dockerfiles are typed by their own extractor (./dockerfile.ts, instructions and stages). Compose
 * files are not parsed: the scan knows them by name only (targets/compose/render.ts), and no stage
 * reads their content; a Compose schema belongs here when one does.
 *
 * zod/mini, not the chainable `zod`: the same schemas at a tenth of the bundle (it loads with the TOML
 * and YAML parsers, only when the project has such a file).
 */
import * as z from 'zod/mini';

/** Where the fields a document had of the wrong type are recorded (`http_service.internal_port: Invalid input`). */
export type Issues = string[];

/** An optional field: a value of the wrong type is dropped (and recorded), not fatal. */
function field<S extends z.core.$ZodType>(schema: S, path: string, issues: Issues) {
  return z.optional(
    z.catch(z.optional(schema), (ctx) => {
      issues.push(`${path}: ${ctx.error.issues[0]?.message ?? 'invalid value'}`);
      return undefined;
    }),
  );
}

/** A list whose items of the wrong shape are dropped (and recorded). */
function looseArray<T>(item: z.ZodMiniType<T>, path: string, issues: Issues) {
  return z.pipe(
    z.array(z.unknown()),
    z.transform((items) =>
      items.flatMap((x, i) => {
        const r = item.safeParse(x);
        if (r.success) return [r.data];
        issues.push(`${path}.${i}: ${r.error.issues[0]?.message ?? 'invalid value'}`);
        return [];
      }),
    ),
  );
}

/** A table whose values of the wrong shape are dropped (and recorded). */
function looseRecord<T>(value: z.ZodMiniType<T>, path: string, issues: Issues) {
  return z.pipe(
    z.record(z.string(), z.unknown()),
    z.transform((table) => {
      const out: Record<string, T> = {};
      for (const [k, v] of Object.entries(table)) {
        const r = value.safeParse(v);
        if (r.success) out[k] = r.data;
        else issues.push(`${path}.${k}: ${r.error.issues[0]?.message ?? 'invalid value'}`);
      }
      return out;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// fly.toml (https://fly.io/docs/reference/configuration/)
// ---------------------------------------------------------------------------------------------

/** A port: a number, or a string of digits (flyctl accepts `internal_port = "8080"`). */
const portNumber = z.pipe(z.union([z.number(), z.string().check(z.regex(/^\d+$/))]), z.transform((v) => Number(v)));
/** `[env]` values: TOML scalars (flyctl sets their string form). */
const envValue = z.union([z.string(), z.number(), z.boolean()]);

function flyCheck(path: string, issues: Issues) {
  return z.looseObject({ type: field(z.string(), `${path}.type`, issues), path: field(z.string(), `${path}.path`, issues) });
}

/** `[http_service]` and each `[[services]]` entry: the keys phoenix-ops reads of either. */
function flyService(path: string, issues: Issues) {
  return z.looseObject({
    internal_port: field(portNumber, `${path}.internal_port`, issues),
    protocol: field(z.string(), `${path}.protocol`, issues),
    force_https: field(z.boolean(), `${path}.force_https`, issues),
    auto_stop_machines: field(z.union([z.boolean(), z.string()]), `${path}.auto_stop_machines`, issues),
    min_machines_running: field(z.number(), `${path}.min_machines_running`, issues),
    /** `[[http_service.checks]]` */
    checks: field(looseArray(flyCheck(`${path}.checks`, issues), `${path}.checks`, issues), `${path}.checks`, issues),
    /** `[[services.http_checks]]` / `[[services.tcp_checks]]` */
    http_checks: field(looseArray(flyCheck(`${path}.http_checks`, issues), `${path}.http_checks`, issues), `${path}.http_checks`, issues),
    tcp_checks: field(z.array(z.unknown()), `${path}.tcp_checks`, issues),
    /** `[[services.ports]]` */
    ports: field(
      looseArray(
        z.looseObject({ handlers: field(z.array(z.string()), `${path}.ports.handlers`, issues), force_https: field(z.boolean(), `${path}.ports.force_https`, issues) }),
        `${path}.ports`,
        issues,
      ),
      `${path}.ports`,
      issues,
    ),
  });
}

const mount = (issues: Issues) => z.looseObject({ source: field(z.string(), 'mounts.source', issues), destination: field(z.string(), 'mounts.destination', issues) });

export function flyTomlSchema(issues: Issues) {
  return z.looseObject({
    app: field(z.string(), 'app', issues),
    primary_region: field(z.string(), 'primary_region', issues),
    env: field(looseRecord(envValue, 'env', issues), 'env', issues),
    build: field(z.looseObject({ image: field(z.string(), 'build.image', issues) }), 'build', issues),
    deploy: field(z.looseObject({ release_command: field(z.string(), 'deploy.release_command', issues) }), 'deploy', issues),
    processes: field(looseRecord(z.string(), 'processes', issues), 'processes', issues),
    http_service: field(flyService('http_service', issues), 'http_service', issues),
    services: field(looseArray(flyService('services', issues), 'services', issues), 'services', issues),
    /** Top-level `[checks.<name>]`. */
    checks: field(looseRecord(flyCheck('checks', issues), 'checks', issues), 'checks', issues),
    /** `[mounts]` or `[[mounts]]`: always a list here. */
    mounts: field(
      z.pipe(
        z.union([z.array(mount(issues)), mount(issues)]),
        z.transform((m) => (Array.isArray(m) ? m : [m])),
      ),
      'mounts',
      issues,
    ),
  });
}

export type FlyToml = z.infer<ReturnType<typeof flyTomlSchema>>;
export type FlyService = NonNullable<FlyToml['http_service']>;

/** A parsed fly.toml typed by the schema, with the fields left out for their type. */
export function readFlyToml(data: unknown): { data: FlyToml | null; issues: Issues } {
  const issues: Issues = [];
  const r = flyTomlSchema(issues).safeParse(data);
  if (!r.success) issues.push(`fly.toml: ${r.error.issues[0]?.message ?? 'not a table'}`);
  return { data: r.success ? r.data : null, issues };
}

// ---------------------------------------------------------------------------------------------
// Kubernetes manifests (the fields of workloads phoenix-ops reads)
// ---------------------------------------------------------------------------------------------

/** An optional field whose wrong-typed value is dropped silently (a manifest's own validator reports it, not phoenix-ops). */
const quiet = <S extends z.core.$ZodType>(s: S) => z.optional(z.catch(z.optional(s), undefined));
const probe = z.looseObject({ httpGet: quiet(z.looseObject({ path: quiet(z.string()) })) });
/** A list whose items of the wrong shape are dropped silently. */
function quietArray<T>(item: z.ZodMiniType<T>) {
  const keep = (items: unknown[]) =>
    items.flatMap((x) => {
      const r = item.safeParse(x);
      return r.success ? [r.data] : [];
    });
  return quiet(z.pipe(z.array(z.unknown()), z.transform(keep)));
}

const container = z.looseObject({
  command: quietArray(z.string()),
  args: quietArray(z.string()),
  ports: quietArray(z.looseObject({ containerPort: quiet(z.int()) })),
  env: quietArray(z.looseObject({ name: quiet(z.string()) })),
  livenessProbe: quiet(probe),
  readinessProbe: quiet(probe),
  startupProbe: quiet(probe),
});

const podSpec = z.looseObject({ containers: quietArray(container), initContainers: quietArray(container) });
const podTemplate = z.looseObject({ spec: quiet(podSpec) });

const k8sObject = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: quiet(z.looseObject({ name: quiet(z.string()), namespace: quiet(z.string()) })),
  spec: quiet(
    z.looseObject({
      replicas: quiet(z.number()),
      /** Deployment, StatefulSet, DaemonSet, Job. */
      template: quiet(podTemplate),
      /** CronJob. */
      jobTemplate: quiet(z.looseObject({ spec: quiet(z.looseObject({ template: quiet(podTemplate) })) })),
      /** Pod: the spec is the pod spec. */
      containers: quietArray(container),
      initContainers: quietArray(container),
    }),
  ),
});

export type K8sObject = z.infer<typeof k8sObject>;
export type K8sContainer = z.infer<typeof container>;

/** A YAML document that is a Kubernetes object (a string `apiVersion` and `kind`), typed; null otherwise. */
export function readK8sObject(doc: unknown): K8sObject | null {
  const r = k8sObject.safeParse(doc);
  return r.success ? r.data : null;
}
