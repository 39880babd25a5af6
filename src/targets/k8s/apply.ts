/**
 * Kubernetes through kubectl (and docker for the image). `kubectl version --client --output=json` prints
 * {"clientVersion": {"gitVersion": "v1.x.y"}} (kubernetes.io/docs/reference/kubectl/generated/kubectl_version/);
 * `kubectl config current-context` prints the context name or fails when none is set.
 */
import { jsonField, versionIn, type Adapter } from '../../apply/adapter.js';
import { dockerEngine, dockerTool, healthPath, readJson } from '../../apply/adapters/common.js';
import { isRecord, numberField } from '../../apply/narrow.js';

export const adapter: Adapter = {
  order: 3,
  tools: () => [
    {
      bin: 'kubectl',
      version: ['version', '--client', '--output=json'],
      parse: (out) => {
        const v = jsonField(out, ['clientVersion', 'gitVersion']);
        return typeof v === 'string' ? versionIn(v) : null;
      },
      min: '1.24.0',
      install: 'install kubectl 1.24 or newer (kubernetes.io/docs/tasks/tools/)',
    },
    dockerTool,
  ],
  auth: () => [
    {
      what: 'a current kubectl context',
      argv: ['kubectl', 'config', 'current-context'],
      ok: (out) => out.trim().length > 0,
      fix: 'pick the cluster with: kubectl config use-context NAME (list them with: kubectl config get-contexts)',
    },
    dockerEngine,
  ],
  settings: async (ctx) => (ctx.config.k8s.image ? [] : ['k8s.image is not set (the steps would push to a placeholder registry): set k8s.image in phoenix-ops.yaml to a repository the cluster pulls from, then run phoenix-ops generate --target k8s']),
  async status(ctx) {
    const ns = ctx.config.k8s.namespace || ctx.app;
    const { data, error } = await readJson(ctx, ['kubectl', '--namespace', ns, 'get', 'deployment', ctx.app, '--output', 'json']);
    if (error || !isRecord(data)) return [{ name: `Deployment ${ns}/${ctx.app}`, ok: false, detail: error ?? 'no answer' }];
    const want = numberField(data.spec, 'replicas') ?? 0;
    const ready = numberField(data.status, 'readyReplicas') ?? 0;
    return [{ name: `Deployment ${ns}/${ctx.app}`, ok: want > 0 && ready >= want, detail: `${ready}/${want} ready` }];
  },
  healthUrl: (ctx) => (ctx.config.host ? `https://${ctx.config.host}${healthPath(ctx)}` : null),
};
