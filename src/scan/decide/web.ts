/**
 * The main web endpoint and router, when a project has several (an embed or admin endpoint, a
 * metrics endpoint, a GraphQL app beside a REST app): the endpoint prod serves (one whose prod
 * config says `server: false` is not), then the one whose router has the most prod routes, then
 * the one named `<App>Web.Endpoint` after its app. The reason is recorded.
 */
import { lastSet, type ConfigSet } from '../config-query.js';
import type { EndpointInfo, Evidence, MixProject, RouterInfo } from '../profile.js';

export interface WebSelection {
  project: MixProject;
  endpoint: EndpointInfo | null;
  router: RouterInfo | null;
  evidence: Record<string, Evidence | null>;
  reasons: Record<string, string>;
}

interface Candidate {
  endpoint: EndpointInfo;
  project: MixProject | undefined;
  router: RouterInfo | null;
  routes: number;
  served: boolean;
  conventional: boolean;
}

const camel = (s: string) => s.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

function projectOf(projects: readonly MixProject[], file: string): MixProject | undefined {
  const apps = projects.filter((p) => p.kind !== 'umbrella-root');
  return apps.find((p) => p.path !== '.' && file.startsWith(`${p.path}/`)) ?? apps.find((p) => p.path === '.');
}

export function selectWeb(input: { projects: readonly MixProject[]; endpoints: readonly EndpointInfo[]; routers: readonly RouterInfo[]; config: ConfigSet }): WebSelection {
  const { projects, endpoints, routers } = input;
  // The router the endpoint plugs; with several (`if @health_only, do: plug HealthRouter, else: plug Router`),
  // an unconditional one first.
  const routerOf = (ep: EndpointInfo) => {
    const plugged = ep.plugs.filter((p) => p.prod !== false && routers.some((r) => r.module === p.name)).map((p) => ({ p, r: routers.find((r) => r.module === p.name)! }));
    // Else, of routers plugged in both branches of a condition, the one with the most prod routes.
    const largest = [...plugged].sort((a, b) => b.r.routes.filter((rt) => !rt.devOnly).length - a.r.routes.filter((rt) => !rt.devOnly).length)[0];
    return (plugged.find((x) => !x.p.conditional) ?? largest)?.r ?? null;
  };
  const candidates: Candidate[] = endpoints.map((endpoint) => {
    const project = projectOf(projects, endpoint.file);
    const router = routerOf(endpoint);
    const app = endpoint.otpApp ?? project?.otpApp ?? '';
    const server = lastSet(input.config, 'prod', app, endpoint.module, ['server']);
    return {
      endpoint,
      project,
      router,
      routes: router ? router.routes.filter((r) => !r.devOnly).length : 0,
      served: !(server && server.value.t === 'bool' && !server.value.v),
      conventional: !!project && endpoint.module === `${camel(project.otpApp)}Web.Endpoint`,
    };
  });
  const ranked = [...candidates].sort(
    (a, b) => Number(b.served) - Number(a.served) || b.routes - a.routes || Number(b.conventional) - Number(a.conventional) || Number(!!b.project?.phoenix) - Number(!!a.project?.phoenix),
  );
  const best = ranked[0];
  const phoenixProjects = projects.filter((p) => p.phoenix);
  const project = (best?.project?.phoenix ? best.project : undefined) ?? phoenixProjects.find((p) => p.kind !== 'umbrella-root') ?? phoenixProjects[0] ?? projects[0];
  // Discovery only summarizes a folder with a mix.exs: there is always a project.
  if (!project) throw new Error('selectWeb: no Mix project');
  const prefix = project.path === '.' ? '' : `${project.path}/`;
  // No router plugged directly (a host-dispatching plug in front of several): the app's largest router.
  const prodRoutes = (r: RouterInfo) => r.routes.filter((rt) => !rt.devOnly).length;
  const byRoutes = [...routers].sort((a, b) => prodRoutes(b) - prodRoutes(a));
  const router = best?.router ?? byRoutes.find((r) => r.file.startsWith(prefix)) ?? byRoutes[0] ?? null;
  const reasons: Record<string, string> = {};
  const others = ranked.slice(1);
  const second = others[0];
  if (best && second) {
    const why =
      best.served !== second.served
        ? `prod config sets \`server: false\` for ${others.filter((o) => !o.served).map((o) => o.endpoint.module).join(', ')}`
        : best.routes !== second.routes
          ? `its router ${best.router?.module ?? '(none)'} has ${best.routes} prod routes (${others.map((o) => `${o.endpoint.module}: ${o.routes}`).join(', ')})`
          : best.conventional !== second.conventional
            ? `it is named after its app (${best.endpoint.module})`
            : 'it is defined first';
    reasons['endpoint'] = `${best.endpoint.module} chosen over ${others.map((o) => o.endpoint.module).join(', ')}: ${why}`;
  }
  return {
    project,
    endpoint: best?.endpoint ?? null,
    router,
    evidence: { web: project.evidence, endpoint: best?.endpoint.evidence ?? null, router: router?.evidence ?? null },
    reasons,
  };
}
