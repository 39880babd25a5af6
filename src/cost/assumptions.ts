/** Default cost assumptions, and how `phoenix-ops.yaml`'s `cost:` section maps onto them. */
import type { DeployConfig } from '../model/deploy-config.js';
import type { CostAssumptions, CostAssumptionsInput, ScenarioUsage, TrafficScenario } from './types.js';
import { perScenario, TRAFFIC_SCENARIOS } from './types.js';

/**
 * Default scenarios. One request sends about 10 KB on average (HTML, JSON, LiveView diffs;
 * static assets mostly cached), hence 10 GB per million requests; each request makes one Redis
 * command on average.
 */
export const DEFAULT_SCENARIOS: Readonly<Record<TrafficScenario, Readonly<ScenarioUsage>>> = {
  low: {
    requestsPerMonth: 1_000_000,
    avgRequestMs: 100,
    egressGb: 10,
    activeFraction: 0.1,
    redisCommandsPerMonth: 1_000_000,
    secretAccessMultiplier: 1,
  },
  medium: {
    requestsPerMonth: 10_000_000,
    avgRequestMs: 100,
    egressGb: 100,
    activeFraction: 0.5,
    redisCommandsPerMonth: 10_000_000,
    secretAccessMultiplier: 2,
  },
  high: {
    requestsPerMonth: 100_000_000,
    avgRequestMs: 100,
    egressGb: 1000,
    activeFraction: 1,
    redisCommandsPerMonth: 100_000_000,
    secretAccessMultiplier: 5,
  },
};

export function defaultAssumptions(): CostAssumptions {
  return {
    hoursPerMonth: 730,
    traffic: 'low',
    scenarios: {
      low: { ...DEFAULT_SCENARIOS.low },
      medium: { ...DEFAULT_SCENARIOS.medium },
      high: { ...DEFAULT_SCENARIOS.high },
    },
    minInstances: null,
    k8sNodeType: null,
    k8sMinNodes: 1,
    k8sNodeDiskGb: 100,
    vpsSize: null,
    applyFreeTiers: true,
    flyRootfsGb: 0.5,
  };
}

/** Fill what `input` leaves out with the defaults. Invalid numbers fall back to the default. */
export function resolveAssumptions(input: CostAssumptionsInput = {}): CostAssumptions {
  const d = defaultAssumptions();
  const num = (v: unknown, fallback: number, min = 0): number =>
    typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback;
  const scenarios = perScenario((s): ScenarioUsage => {
    const given = input.scenarios?.[s] ?? {};
    const base = d.scenarios[s];
    return {
      requestsPerMonth: num(given.requestsPerMonth, base.requestsPerMonth),
      avgRequestMs: num(given.avgRequestMs, base.avgRequestMs),
      egressGb: num(given.egressGb, base.egressGb),
      activeFraction: Math.min(1, num(given.activeFraction, base.activeFraction)),
      redisCommandsPerMonth: num(given.redisCommandsPerMonth, base.redisCommandsPerMonth),
      secretAccessMultiplier: num(given.secretAccessMultiplier, base.secretAccessMultiplier),
    };
  });
  const traffic = input.traffic && TRAFFIC_SCENARIOS.includes(input.traffic) ? input.traffic : d.traffic;
  return {
    hoursPerMonth: num(input.hoursPerMonth, d.hoursPerMonth),
    traffic,
    scenarios,
    minInstances: input.minInstances === undefined || input.minInstances === null ? null : num(input.minInstances, 0),
    k8sNodeType: input.k8sNodeType ?? d.k8sNodeType,
    k8sMinNodes: Math.max(1, Math.ceil(num(input.k8sMinNodes, d.k8sMinNodes, 1))),
    k8sNodeDiskGb: num(input.k8sNodeDiskGb, d.k8sNodeDiskGb),
    vpsSize: input.vpsSize ?? d.vpsSize,
    applyFreeTiers: input.applyFreeTiers ?? d.applyFreeTiers,
    flyRootfsGb: num(input.flyRootfsGb, d.flyRootfsGb),
  };
}

/** Map the `cost:` section of `phoenix-ops.yaml` onto estimator assumptions. */
export function assumptionsFromConfig(cost: Partial<DeployConfig['cost']> | undefined): CostAssumptionsInput {
  const out: CostAssumptionsInput = {};
  if (!cost) return out;
  if (cost.hoursPerMonth !== undefined) out.hoursPerMonth = cost.hoursPerMonth;
  if (cost.traffic !== undefined) out.traffic = cost.traffic;
  if (cost.k8sNodeType !== undefined) out.k8sNodeType = cost.k8sNodeType;
  if (cost.vpsSize !== undefined) out.vpsSize = cost.vpsSize;
  if (cost.egressGb) {
    out.scenarios = {
      low: { egressGb: cost.egressGb.low },
      medium: { egressGb: cost.egressGb.medium },
      high: { egressGb: cost.egressGb.high },
    };
  }
  return out;
}
