/**
 * The Kubernetes objects of the kustomize base, as plain objects in conventional key order
 * (apiVersion, kind, metadata, spec). Pure functions of the K8sModel.
 */
import { sortedRecord } from '../shared/yaml.js';
import type { K8sModel } from './model.js';

type Obj = Record<string, unknown>;

/** Requests through a proxy arrive with X-Forwarded-Proto: the probes send it too, so `force_ssl` does not redirect them. */
const PROBE_HEADERS = [{ name: 'X-Forwarded-Proto', value: 'https' }];

function meta(m: K8sModel, name: string, component: 'web' | 'migrate' | 'config', extra: Obj = {}): Obj {
  return { name, labels: sortedRecord(m.labels(component)), ...extra };
}

export function serviceAccount(m: K8sModel): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta(m, m.serviceAccountName, 'config'),
    automountServiceAccountToken: m.needsApiAccess,
  };
}

export function configMap(m: K8sModel): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(m, m.configMapName, 'config'),
    data: sortedRecord(m.configEnv),
  };
}

/** Pod-level hardening shared by the Deployment and the migration Job (Pod Security "restricted"). */
function podSecurity(m: K8sModel): Obj {
  if (m.runAsUser === null) return { fsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } };
  return {
    runAsNonRoot: true,
    runAsUser: m.runAsUser,
    runAsGroup: 65534,
    fsGroup: 65534,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function containerSecurity(): Obj {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  };
}

function secretEnv(m: K8sModel): Obj[] {
  return m.secretNames.map((name) => ({ name, valueFrom: { secretKeyRef: { name: m.secretName, key: name } } }));
}

/** Env computed per pod: the node name from the pod IP and the DNS query from the namespace (order matters: $(VAR) needs VAR above). */
function clusterEnv(m: K8sModel): Obj[] {
  if (!m.clustering) return [];
  const env: Obj[] = [
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    { name: 'RELEASE_DISTRIBUTION', value: 'name' },
    { name: 'RELEASE_NODE', value: `${m.facts.releaseName}@$(POD_IP)` },
  ];
  if (m.facts.clustering === 'dns_cluster') {
    env.push({ name: 'DNS_CLUSTER_QUERY', value: `${m.headlessName}.$(POD_NAMESPACE).svc.cluster.local` });
  }
  return env;
}

function tmpVolume(): Obj {
  return { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } };
}

/** Writable folders of the app on the read-only root filesystem. */
function writableVolumes(m: K8sModel): { mounts: Obj[]; volumes: Obj[] } {
  const mounts: Obj[] = [];
  const volumes: Obj[] = [];
  m.writable.forEach((w, i) => {
    const name = `writable-${i + 1}`;
    mounts.push({ name, mountPath: w.path });
    volumes.push({ name, emptyDir: {} });
  });
  return { mounts, volumes };
}

export function deployment(m: K8sModel): Obj {
  // Without a health route the probes connect to the port (an HTTP probe would ask for a route that does not exist).
  const check = m.healthPath === null ? { tcpSocket: { port: 'http' } } : { httpGet: { path: m.healthPath, port: 'http', httpHeaders: PROBE_HEADERS } };
  const writable = writableVolumes(m);
  const volumeMounts: Obj[] = [{ name: 'tmp', mountPath: '/tmp' }, ...writable.mounts];
  const volumes: Obj[] = [tmpVolume(), ...writable.volumes];
  if (m.sqlite) {
    volumeMounts.push({ name: 'data', mountPath: '/data' });
    volumes.push({ name: 'data', persistentVolumeClaim: { claimName: `${m.name}-data` } });
  }
  const spec: Obj = {};
  if (!m.autoscale) spec.replicas = m.replicas.production.min;
  spec.revisionHistoryLimit = 5;
  spec.selector = { matchLabels: sortedRecord(m.selector) };
  spec.strategy = m.sqlite ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
  spec.template = {
    metadata: { labels: sortedRecord(m.labels('web')) },
    spec: {
      serviceAccountName: m.serviceAccountName,
      automountServiceAccountToken: m.needsApiAccess,
      // preStop sleep (load balancers stop routing) + BEAM shutdown (drains connections) must fit in here.
      terminationGracePeriodSeconds: 45,
      securityContext: podSecurity(m),
      containers: [
        {
          name: 'web',
          // No imagePullPolicy: Kubernetes pulls `latest` every time and pinned tags once.
          image: m.baseImage,
          ...(m.command ? { command: m.command } : {}),
          ports: [{ name: 'http', containerPort: m.port, protocol: 'TCP' }, ...(m.clustering ? [{ name: 'epmd', containerPort: 4369, protocol: 'TCP' }] : [])],
          env: [...clusterEnv(m), ...secretEnv(m)],
          envFrom: [{ configMapRef: { name: m.configMapName } }],
          resources: {
            requests: { cpu: m.resources.cpuRequest, memory: m.resources.memory },
            limits: { cpu: m.resources.cpuLimit, memory: m.resources.memory },
          },
          startupProbe: { ...check, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 30 },
          readinessProbe: { ...check, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
          livenessProbe: { ...check, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 3 },
          lifecycle: { preStop: { exec: { command: ['sleep', '10'] } } },
          securityContext: containerSecurity(),
          volumeMounts,
        },
      ],
      volumes,
    },
  };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(m, m.name, 'web'), spec };
}

export function service(m: K8sModel): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(m, m.name, 'web'),
    spec: {
      type: 'ClusterIP',
      selector: sortedRecord(m.selector),
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

/** DNS returns one A record per pod (not a virtual IP): what dns_cluster and libcluster's DNS strategies query. */
export function headlessService(m: K8sModel): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(m, m.headlessName, 'web'),
    spec: {
      clusterIP: 'None',
      // Starting pods must find each other before they are Ready.
      publishNotReadyAddresses: true,
      selector: sortedRecord(m.selector),
      ports: [{ name: 'epmd', port: 4369, targetPort: 'epmd', protocol: 'TCP' }],
    },
  };
}

export function ingress(m: K8sModel): Obj {
  const annotations: Record<string, string> =
    m.ingressClass === 'nginx'
      ? {
          // LiveView keeps a websocket open for the whole visit: the 60 s defaults would cut it.
          'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
          'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
          'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
        }
      : {};
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta(m, m.name, 'web', Object.keys(annotations).length ? { annotations: sortedRecord(annotations) } : {}),
    spec: {
      ingressClassName: m.ingressClass,
      tls: [{ hosts: [m.host], secretName: `${m.name}-tls` }],
      rules: [
        {
          host: m.host,
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: m.name, port: { name: 'http' } } } }] },
        },
      ],
    },
  };
}

export function hpa(m: K8sModel): Obj {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta(m, m.name, 'web'),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: m.name },
      minReplicas: m.replicas.production.min,
      maxReplicas: m.replicas.production.max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      // Scaling down closes LiveView sockets (clients reconnect): do it slowly.
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  };
}

export function pdb(m: K8sModel): Obj {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(m, m.name, 'web'),
    spec: { minAvailable: 1, selector: { matchLabels: sortedRecord(m.selector) } },
  };
}

export function migrateJob(m: K8sModel): Obj {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    // The overlays replace "latest" with the image tag: each image gets its own Job (a Job's pod template is immutable).
    metadata: meta(m, `${m.migrateJobBase}-latest`, 'migrate'),
    spec: {
      backoffLimit: 2,
      activeDeadlineSeconds: 900,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels: sortedRecord(m.labels('migrate')) },
        spec: {
          restartPolicy: 'Never',
          serviceAccountName: m.serviceAccountName,
          automountServiceAccountToken: false,
          securityContext: podSecurity(m),
          containers: [
            {
              name: 'migrate',
              image: m.baseImage,
              command: [`${m.facts.releaseDir}/bin/migrate`],
              // runtime.exs is evaluated by bin/migrate too: it needs the same env and secrets as the app.
              env: secretEnv(m),
              envFrom: [{ configMapRef: { name: m.configMapName } }],
              resources: {
                requests: { cpu: m.resources.stagingCpuRequest, memory: m.resources.stagingMemory },
                limits: { cpu: m.resources.cpuLimit, memory: m.resources.memory },
              },
              securityContext: containerSecurity(),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [tmpVolume()],
        },
      },
    },
  };
}

export function dataPvc(m: K8sModel, storageGb: number): Obj {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta(m, `${m.name}-data`, 'web'),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${storageGb}Gi` } } },
  };
}

/** libcluster's API strategy lists pods through the API server. */
export function clusterRole(m: K8sModel): Obj[] {
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta(m, `${m.name}-cluster-discovery`, 'config'),
      rules: [{ apiGroups: [''], resources: ['endpoints', 'pods'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(m, `${m.name}-cluster-discovery`, 'config'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${m.name}-cluster-discovery` },
      subjects: [{ kind: 'ServiceAccount', name: m.serviceAccountName }],
    },
  ];
}

/** A Secret template: placeholder values only, applied by hand after filling it in outside the repo. */
export function secretExample(m: K8sModel, descriptions: Record<string, string>): Obj {
  const data: Record<string, string> = {};
  for (const name of m.secretNames) data[name] = `<${descriptions[name] ?? name}>`;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta(m, m.secretName, 'config'),
    type: 'Opaque',
    stringData: data,
  };
}

export function namespace(m: K8sModel, name: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: sortedRecord({
        ...m.labels('config'),
        // The pods above meet the "restricted" Pod Security Standard; enforce it.
        'pod-security.kubernetes.io/enforce': 'restricted',
      }),
    },
  };
}
