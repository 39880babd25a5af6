/**
 * Cloud Run service (Knative serving.knative.dev/v1) and migration job (run.googleapis.com/v1) as plain
 * objects, in the shape `gcloud run services replace` / `gcloud run jobs replace` read.
 */
import { sortedRecord } from '../shared/yaml.js';
import type { CloudRunModel } from './model.js';

type Obj = Record<string, unknown>;

function env(m: CloudRunModel): Obj[] {
  const plain = Object.entries(sortedRecord(m.env)).map(([name, value]) => ({ name, value }));
  const secrets = Object.entries(m.secretIds).map(([name, id]) => ({ name, valueFrom: { secretKeyRef: { name: id, key: 'latest' } } }));
  return [...plain, ...secrets];
}

/** Revision annotations shared by the service and the job (database socket, VPC for Memorystore). */
function connectivity(m: CloudRunModel): Record<string, string> {
  const a: Record<string, string> = { 'run.googleapis.com/execution-environment': 'gen2' };
  if (m.sql) a['run.googleapis.com/cloudsql-instances'] = m.sqlConnection;
  if (m.redis) {
    // Direct VPC egress: Memorystore has only a private address.
    a['run.googleapis.com/network-interfaces'] = JSON.stringify([{ network: 'default', subnetwork: 'default' }]);
    a['run.googleapis.com/vpc-access-egress'] = 'private-ranges-only';
  }
  return a;
}

export function service(m: CloudRunModel): Obj {
  const path = m.facts.healthPath;
  // No health route: the startup probe connects over TCP (Cloud Run's liveness probes are HTTP or gRPC only, so none is set).
  const probe = (periodSeconds: number, failureThreshold: number) => ({
    ...(path === null ? { tcpSocket: { port: m.facts.port } } : { httpGet: { path, port: m.facts.port, httpHeaders: [{ name: 'X-Forwarded-Proto', value: 'https' }] } }),
    periodSeconds,
    timeoutSeconds: 3,
    failureThreshold,
  });
  const annotations: Record<string, string> = {
    ...connectivity(m),
    'autoscaling.knative.dev/minScale': String(m.minInstances),
    'autoscaling.knative.dev/maxScale': String(m.maxInstances),
    // "false" = CPU always allocated: LiveView sockets, Oban queues and PubSub work between requests.
    'run.googleapis.com/cpu-throttling': m.cpuAlwaysAllocated ? 'false' : 'true',
    'run.googleapis.com/startup-cpu-boost': 'true',
  };
  if (m.sessionAffinity) annotations['run.googleapis.com/sessionAffinity'] = 'true';
  return regional(
    m,
    { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: m.name, annotations: { 'run.googleapis.com/ingress': 'all' } },
    annotations,
    {
      containerConcurrency: m.concurrency,
      timeoutSeconds: m.timeoutSeconds,
      serviceAccountName: m.runServiceAccountEmail,
      containers: [
        {
          name: 'web',
          image: m.image,
          ports: [{ name: 'http1', containerPort: m.facts.port }],
          env: env(m),
          resources: { limits: { cpu: String(m.cpu), memory: `${m.memoryMb}Mi` } },
          startupProbe: probe(5, 24),
          ...(path === null ? {} : { livenessProbe: probe(30, 3) }),
        },
      ],
    },
  );
}

export function migrateJob(m: CloudRunModel): Obj {
  return regional(m, { apiVersion: 'run.googleapis.com/v1', kind: 'Job', name: m.migrateJobName }, connectivity(m), {
    parallelism: 1,
    taskCount: 1,
    template: {
      spec: {
        containers: [
          {
            name: 'migrate',
            image: m.image,
            command: [`${m.facts.releaseDir}/bin/migrate`],
            // runtime.exs runs under bin/migrate too: same env and secrets as the service.
            env: env(m),
            resources: { limits: { cpu: '1', memory: '512Mi' } },
          },
        ],
        maxRetries: 0,
        timeoutSeconds: 900,
        serviceAccountName: m.runServiceAccountEmail,
      },
    },
  });
}

interface Head {
  apiVersion: string;
  kind: string;
  name: string;
  annotations?: Record<string, string>;
}

/** The envelope a Cloud Run Service and Job share: metadata in the model's region, then a template with its annotations (sorted) and spec. */
function regional(m: CloudRunModel, head: Head, annotations: Record<string, string>, spec: Obj): Obj {
  return {
    apiVersion: head.apiVersion,
    kind: head.kind,
    metadata: {
      name: head.name,
      labels: { 'cloud.googleapis.com/location': m.region },
      ...(head.annotations ? { annotations: head.annotations } : {}),
    },
    spec: { template: { metadata: { annotations: sortedRecord(annotations) }, spec } },
  };
}
