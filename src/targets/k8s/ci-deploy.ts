/** The k8s target's job in the GitHub deploy workflow: build and push, pin the image, migrate (Job), roll out, undo on failure. */
import type { DeployConfig } from '../../model/deploy-config.js';
import type { Profile } from '../../scan/profile.js';
import { buildPushSteps, checkoutStep, inProject, registryLogin, type CiContext, type DeployJob } from '../shared/ci-steps.js';

type Obj = Record<string, unknown>;
import { k8sModel } from './model.js';
import { OVERLAYS, WAIT_FOR_JOB } from './render.js';

export function k8sDeployJob(ctx: CiContext, config: DeployConfig, profile: Profile): DeployJob {
  const m = k8sModel(profile, config);
  const overlay = inProject(ctx, `${OVERLAYS}/production`);
  const login = registryLogin(m.imageRegistry);
  const repoExpr = m.imagePlaceholder ? `ghcr.io/\${{ github.repository_owner }}/${m.name}` : m.imageRepo;
  const ns = m.namespace;
  const apply = (component: string) => `kubectl apply --kustomize "$OVERLAY" --selector app.kubernetes.io/component=${component}`;
  const steps: Obj[] = [
    checkoutStep(),
    ...login.steps,
    {
      name: 'Image name',
      // Registries want lowercase; the owner may not be.
      // A short tag: the migration Job is named after it (Kubernetes names and labels stay under 63 characters).
      run: 'echo "TAG=${GITHUB_SHA::12}" >> "$GITHUB_ENV"\necho "IMAGE=${IMAGE_REPO,,}:${GITHUB_SHA::12}" >> "$GITHUB_ENV"\n',
      env: { IMAGE_REPO: repoExpr },
    },
    ...buildPushSteps(ctx, m.facts.dockerfile),
    {
      name: 'Configure kubectl',
      run: ['install -m 600 /dev/null "$RUNNER_TEMP/kubeconfig"', 'printf \'%s\' "$KUBE_CONFIG" > "$RUNNER_TEMP/kubeconfig"', 'echo "KUBECONFIG=$RUNNER_TEMP/kubeconfig" >> "$GITHUB_ENV"'].join('\n') + '\n',
      env: { KUBE_CONFIG: '${{ secrets.KUBE_CONFIG }}' },
    },
    {
      name: 'Pin the image in the production overlay',
      run: `cd "$OVERLAY"\nkustomize edit set image "${m.baseImage}=$IMAGE"\n`,
    },
    { name: 'Apply namespace, service account and ConfigMap', run: `${apply('config')}\nkubectl --namespace "$NAMESPACE" get secret "${m.secretName}"\n` },
  ];
  if (m.migrateJob) {
    steps.push({
      name: 'Run the migrations (Job) and wait for them',
      run: [
        apply('migrate'),
        `JOB="${m.migrateJobBase}-$TAG"`,
        WAIT_FOR_JOB.replace(/"\$1"/g, '"$NAMESPACE"').replace(/\$2/g, '$JOB'),
      ].join('\n') + '\n',
    });
  }
  steps.push(
    { name: 'Roll out', id: 'rollout', run: `${apply('web')}\nkubectl --namespace "$NAMESPACE" rollout status "deployment/${m.name}" --timeout=600s\n` },
    {
      name: 'Undo the rollout when it failed',
      if: "failure() && steps.rollout.outcome == 'failure'",
      run: `kubectl --namespace "$NAMESPACE" rollout undo "deployment/${m.name}"\n`,
    },
  );
  const job: Obj = {
    permissions: login.ghcr ? { contents: 'read', packages: 'write' } : { contents: 'read' },
    env: { OVERLAY: overlay, NAMESPACE: ns },
    steps,
  };
  const notes = [
    `deploy.yml needs the repository secret KUBE_CONFIG (a kubeconfig for a deploy identity limited to the ${ns} namespace)${login.ghcr ? '' : ', and REGISTRY_USERNAME / REGISTRY_PASSWORD for the registry'}; kustomize and kubectl come preinstalled on GitHub's Ubuntu runners.`,
  ];
  if (login.ghcr) notes.push(`Images go to ghcr.io with the workflow's GITHUB_TOKEN (packages: write); a private package needs an imagePullSecret in the cluster.`);
  return { name: 'Deploy to Kubernetes', job: job, notes };
}
