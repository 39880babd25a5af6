/**
 * The JSON Schema (draft 2020-12) of `phoenix-ops.yaml`.
 *
 * One object serves three uses: `loadConfig` validates the file against it (see `schema-validate.ts`),
 * editors read it through the `# yaml-language-server: $schema=…` line that `init` writes, and
 * `scripts/export-schema.ts` writes it to `docs/phoenix-ops.schema.json` (a test keeps that file in step).
 *
 * The schema describes the *file*: every setting is optional there, because `loadConfig` merges the file
 * over `defaultConfig(profile)`. Defaults that depend on the scan are described, not listed as `default`.
 */
import { TARGET_IDS } from './ids.js';

export { TARGET_IDS };

/** Where editors fetch the schema from (the npm package ships `docs/`). */
export const SCHEMA_URL = 'https://unpkg.com/phoenix-ops/docs/phoenix-ops.schema.json';


/** The subset of JSON Schema that phoenix-ops uses and validates. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: JsonType | readonly JsonType[];
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean | null;
  default?: unknown;
  examples?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

/** Patterns, named so the validator can say what they mean in words (see PATTERN_HINTS). */
export const PATTERNS = {
  dnsName: '^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$',
  region: '^[a-z0-9][a-z0-9-]*$',
  hostname: '^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$',
  urlPath: '^/[^\\s?#]*$',
  envName: '^[A-Za-z_][A-Za-z0-9_]*$',
  ruleId: '^[a-z0-9]+(-[a-z0-9]+)*$',
  gcpProject: '^[a-z][a-z0-9-]{4,28}[a-z0-9]$',
  awsRegion: '^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$',
  awsVpcId: '^vpc-[0-9a-f]{8,17}$',
  awsSubnetId: '^subnet-[0-9a-f]{8,17}$',
  unixUser: '^[a-z_][a-z0-9_-]{0,31}$',
  absolutePath: '^/[^\\s]*$',
  nonBlank: '\\S',
} as const;

/** What each pattern means, for error messages. */
export const PATTERN_HINTS: Readonly<Record<string, string>> = {
  [PATTERNS.dnsName]: 'a DNS-safe name: lowercase letters, digits and dashes, starting with a letter, at most 63 characters',
  [PATTERNS.region]: 'a region name such as "iad" or "us-central1"',
  [PATTERNS.hostname]: 'a bare hostname such as "app.example.com" (no scheme, port or path)',
  [PATTERNS.urlPath]: 'a URL path starting with "/" (no query string)',
  [PATTERNS.envName]: 'an environment variable name (letters, digits and _, not starting with a digit)',
  [PATTERNS.ruleId]: 'a rule id in kebab-case, e.g. "csp-blocks-liveview-socket"',
  [PATTERNS.gcpProject]: 'a Google Cloud project id: 6–30 lowercase letters, digits and dashes, starting with a letter',
  [PATTERNS.awsRegion]: 'an AWS region such as "us-east-1" or "eu-west-3"',
  [PATTERNS.awsVpcId]: 'a VPC id such as "vpc-0a1b2c3d4e5f60718"',
  [PATTERNS.awsSubnetId]: 'a subnet id such as "subnet-0a1b2c3d4e5f60718"',
  [PATTERNS.unixUser]: 'a Unix user name (lowercase letters, digits, _ and -, at most 32 characters)',
  [PATTERNS.absolutePath]: 'an absolute path such as "/opt/my-app"',
  [PATTERNS.nonBlank]: 'a non-empty string',
};

// Generic so the literal shape survives `as const` (DeployConfig is derived from the schema's type).
const nullableString = <D extends string, P extends string>(description: D, pattern?: P) =>
  (pattern === undefined ? { type: ['string', 'null'], description } : { type: ['string', 'null'], pattern, description }) as { readonly type: readonly ['string', 'null']; readonly description: D; readonly pattern?: P };

const targetEnum = { type: 'string', enum: TARGET_IDS, description: 'A deployment target id.' } as const satisfies JsonSchema;

export const CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SCHEMA_URL,
  title: 'phoenix-ops.yaml',
  description:
    'Deployment settings for phoenix-ops. `phoenix-ops init` writes this file from a scan of the project; every setting is optional and falls back to a value inferred from the scan.',
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { const: 1, description: 'Version of this file format. Always 1.', default: 1 },
    app: {
      type: 'string',
      pattern: PATTERNS.dnsName,
      description: 'Deployment name (DNS-safe, e.g. "hello-phoenix"). Defaults to the OTP app name with dashes instead of underscores.',
    },
    targets: {
      type: 'array',
      items: targetEnum,
      minItems: 1,
      uniqueItems: true,
      description: 'Targets this project deploys to. The first is the default for plan, generate and cost.',
      default: ['fly'],
    },
    region: {
      type: 'string',
      pattern: PATTERNS.region,
      description: 'Provider region (Fly: "iad"; Google Cloud: "us-central1").',
      default: 'iad',
    },
    host: nullableString('Public hostname (PHX_HOST). null = the target\'s default (Fly: <app>.fly.dev).', PATTERNS.hostname),
    machine: {
      type: 'object',
      additionalProperties: false,
      description: 'Size and number of application instances.',
      properties: {
        cpus: { type: 'number', minimum: 0.25, maximum: 64, description: 'vCPUs per instance.', default: 1 },
        memoryMb: { type: 'integer', minimum: 256, maximum: 131072, description: 'Memory per instance in MB.', default: 1024 },
        cpuKind: {
          type: 'string',
          enum: ['shared', 'performance'],
          description: 'Shared or dedicated ("performance") CPU, in Fly naming; other targets map it.',
          default: 'shared',
        },
        count: {
          type: 'integer',
          minimum: 1,
          maximum: 100,
          description: 'Instances to run. Defaults to 2 when the app uses LiveView, PubSub or clustering, else 1.',
        },
        minRunning: {
          type: ['integer', 'null'],
          minimum: 0,
          maximum: 100,
          description: 'Instances kept running when auto-stop or autoscaling is on. null = chosen from the profile.',
          default: null,
        },
        maxCount: { type: 'integer', minimum: 1, maximum: 100, description: 'Upper bound on instances when autoscaling.', default: 4 },
      },
    },
    database: {
      type: 'object',
      additionalProperties: false,
      description: 'The database to provision.',
      properties: {
        kind: {
          type: 'string',
          enum: ['auto', 'postgres', 'mysql', 'sqlite', 'none'],
          description: 'What to provision. "auto" follows the Ecto adapter found by the scan.',
          default: 'auto',
        },
        mode: {
          type: 'string',
          enum: ['managed', 'self'],
          description: '"managed" (Fly Managed Postgres, Cloud SQL…) or "self" (a database you run).',
          default: 'managed',
        },
        plan: nullableString('Provider plan or tier name. null = the smallest production-worthy one.'),
        storageGb: { type: 'integer', minimum: 1, maximum: 65536, description: 'Database storage in GB.', default: 10 },
      },
    },
    redis: {
      type: 'object',
      additionalProperties: false,
      description: 'A Redis instance (for phoenix_pubsub_redis, Redix, rate limiting…).',
      properties: {
        enabled: {
          enum: [true, false, 'auto'],
          description: 'true, false, or "auto" to provision one when the app depends on Redis.',
          default: 'auto',
        },
        plan: nullableString('Provider plan name. null = the smallest one.'),
      },
    },
    storage: {
      type: 'object',
      additionalProperties: false,
      description: 'An object storage bucket (S3, Tigris, GCS).',
      properties: {
        enabled: { type: 'boolean', description: 'Provision a bucket.', default: false },
        gb: { type: 'integer', minimum: 1, maximum: 1048576, description: 'Expected storage in GB (for the cost estimate).', default: 5 },
      },
    },
    health: {
      type: 'object',
      additionalProperties: false,
      description: 'The HTTP health check.',
      properties: {
        path: {
          type: 'string',
          pattern: PATTERNS.urlPath,
          description: 'Path the platform probes. Defaults to the health route found by the scan, else "/health".',
        },
      },
    },
    clustering: {
      enum: [true, false, 'auto'],
      description: 'Connect instances into a BEAM cluster. "auto" follows the scan (dns_cluster or libcluster).',
      default: 'auto',
    },
    port: {
      type: 'integer',
      minimum: 1,
      maximum: 65535,
      description: 'PORT the release listens on inside the container.',
      default: 8080,
    },
    env: {
      type: 'object',
      propertyNames: { type: 'string', pattern: PATTERNS.envName, description: 'Environment variable name.' },
      additionalProperties: { type: 'string', description: 'Value (quote numbers and booleans).' },
      description: 'Non-secret environment variables to set. Values are strings: quote numbers and booleans.',
      default: {},
    },
    secrets: {
      type: 'array',
      items: { type: 'string', pattern: PATTERNS.envName, description: 'Secret name.' },
      uniqueItems: true,
      description: 'Extra secret names to require (values never live in this file).',
      default: [],
    },
    audit: {
      type: 'object',
      additionalProperties: false,
      description: 'Audit settings.',
      properties: {
        ignore: {
          type: 'array',
          description: 'Findings to ignore, each with the reason.',
          default: [],
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['rule', 'reason'],
            description: 'One ignored rule, optionally limited to one file.',
            properties: {
              rule: { type: 'string', pattern: PATTERNS.ruleId, description: 'Rule id, e.g. "csp-blocks-liveview-socket".' },
              path: { type: 'string', minLength: 1, description: 'Only ignore findings in this file (relative to the project).' },
              reason: { type: 'string', pattern: PATTERNS.nonBlank, description: 'Why the finding does not apply.' },
            },
          },
        },
      },
    },
    cost: {
      type: 'object',
      additionalProperties: false,
      description: 'Assumptions for the cost estimate.',
      properties: {
        hoursPerMonth: { type: 'number', minimum: 1, maximum: 744, description: 'Hours each instance runs per month.', default: 730 },
        traffic: {
          type: 'string',
          enum: ['low', 'medium', 'high'],
          description: 'Traffic scenario for usage-priced services.',
          default: 'low',
        },
        egressGb: {
          type: ['object', 'null'],
          additionalProperties: false,
          required: ['low', 'medium', 'high'],
          description: 'Egress GB per month for each traffic scenario. null = the estimator\'s defaults.',
          default: null,
          properties: {
            low: { type: 'number', minimum: 0, description: 'Egress GB per month, low traffic.' },
            medium: { type: 'number', minimum: 0, description: 'Egress GB per month, medium traffic.' },
            high: { type: 'number', minimum: 0, description: 'Egress GB per month, high traffic.' },
          },
        },
        k8sNodeType: nullableString('Kubernetes on a node pool instead of Autopilot: node type name in the price table.'),
        vpsSize: nullableString('systemd target: VPS size name in the price table.'),
      },
    },
    k8s: {
      type: 'object',
      additionalProperties: false,
      description: 'Kubernetes target settings.',
      properties: {
        namespace: { type: 'string', pattern: PATTERNS.dnsName, description: 'Namespace. Defaults to the app name.' },
        ingressClass: { type: 'string', minLength: 1, description: 'IngressClass name.', default: 'nginx' },
        image: nullableString('Container image reference. null = <app>:latest, to be replaced by your registry path.'),
        replicas: { type: 'integer', minimum: 1, maximum: 100, description: 'Deployment replicas.', default: 2 },
      },
    },
    fly: {
      type: 'object',
      additionalProperties: false,
      description: 'Fly.io target settings.',
      properties: {
        org: nullableString('Fly organization slug the app and its databases go in. null = FLY_ORG, or your only organization.'),
      },
    },
    cloudrun: {
      type: 'object',
      additionalProperties: false,
      description: 'Google Cloud Run target settings.',
      properties: {
        project: { type: 'string', pattern: PATTERNS.gcpProject, description: 'Google Cloud project id.', default: 'my-gcp-project' },
        image: nullableString('Container image in Artifact Registry. null = derived from project, region and app.'),
      },
    },
    aws: {
      type: 'object',
      additionalProperties: false,
      description: 'AWS target settings (ECS on Fargate through Terraform).',
      properties: {
        region: nullableString('AWS region. null = the top-level region when it is an AWS region, else us-east-1.', PATTERNS.awsRegion),
        vpcId: nullableString('An existing VPC to deploy into. null = Terraform creates a VPC (2 public and 2 private subnets, one NAT gateway).', PATTERNS.awsVpcId),
        publicSubnetIds: {
          type: 'array',
          items: { type: 'string', pattern: PATTERNS.awsSubnetId, description: 'Subnet id.' },
          uniqueItems: true,
          description: 'With vpcId: the public subnets (two or more, in different zones) the load balancer goes in.',
          default: [],
        },
        privateSubnetIds: {
          type: 'array',
          items: { type: 'string', pattern: PATTERNS.awsSubnetId, description: 'Subnet id.' },
          uniqueItems: true,
          description: 'With vpcId: the private subnets (with a NAT route) the tasks, the database and Redis go in.',
          default: [],
        },
      },
    },
    systemd: {
      type: 'object',
      additionalProperties: false,
      description: 'systemd (plain VPS) target settings.',
      properties: {
        user: { type: 'string', pattern: PATTERNS.unixUser, description: 'Unix user the service runs as. Defaults to the app name.' },
        installDir: { type: 'string', pattern: PATTERNS.absolutePath, description: 'Where the release is unpacked. Defaults to /opt/<app>.' },
        host: nullableString('SSH host to deploy to (user@host or host). null = set it later.'),
      },
    },
    ci: {
      type: 'object',
      additionalProperties: false,
      description: 'Continuous integration settings.',
      properties: {
        provider: { type: 'string', enum: ['github-actions'], description: 'CI provider.', default: 'github-actions' },
        deployTarget: {
          type: ['string', 'null'],
          enum: [...TARGET_IDS, null],
          description: 'Target the CI workflow deploys to on the main branch. null = test only, no deploy.',
          default: null,
        },
      },
    },
  },
} as const satisfies JsonSchema;

/** The schema as written to docs/phoenix-ops.schema.json. */
export function renderSchemaJson(): string {
  return `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`;
}
