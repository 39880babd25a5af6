/** Result and input types of the cost estimator. */
import type { ResourceKind } from '../model/resource.js';

export type TrafficScenario = 'low' | 'medium' | 'high';

export const TRAFFIC_SCENARIOS: readonly TrafficScenario[] = ['low', 'medium', 'high'];

/** What one traffic scenario means in numbers. Usage-priced services read these. */
export interface ScenarioUsage {
  /** HTTP requests per month reaching the app. */
  requestsPerMonth: number;
  /** Average time to serve one request, in milliseconds. */
  avgRequestMs: number;
  /** Data sent to the internet per month, in GB. */
  egressGb: number;
  /** Share of the month (0–1) that machines above the always-on minimum run when they auto-stop. */
  activeFraction: number;
  /** Redis commands per month (pay-per-command Redis plans). */
  redisCommandsPerMonth: number;
  /** Multiplier on a secret store's baseline reads per month (more traffic, more instance starts). */
  secretAccessMultiplier: number;
}

export interface CostAssumptions {
  /** Hours in a month for time-billed resources. Default 730 (8,760 / 12). */
  hoursPerMonth: number;
  /** The scenario the line items and the total use. Default 'low'. */
  traffic: TrafficScenario;
  /** Figures behind each scenario. */
  scenarios: Record<TrafficScenario, ScenarioUsage>;
  /** Overrides the minimum instances / machines kept running (Cloud Run, Fly); null = the plan's value. */
  minInstances: number | null;
  /** Price a GKE Standard cluster node pool of this node type (e.g. "e2-standard-2") instead of Autopilot. */
  k8sNodeType: string | null;
  /** Smallest number of nodes in a Standard node pool. Default 1. */
  k8sMinNodes: number;
  /** Boot disk per Standard node, in GB (GKE's default is 100). */
  k8sNodeDiskGb: number;
  /** VPS size from the VPS table (e.g. "s-1vcpu-2gb", "cx23", "do-s-1vcpu-2gb"); null = the cheapest DigitalOcean size that fits. */
  vpsSize: string | null;
  /** Subtract the providers' monthly free allowances. Default true. */
  applyFreeTiers: boolean;
  /** Root file system kept for a stopped Fly machine, in GB (an image of a Phoenix release is usually well under 1 GB). */
  flyRootfsGb: number;
}

/** Assumptions as given by a caller or config: everything optional, scenarios partial. */
export type CostAssumptionsInput = Partial<Omit<CostAssumptions, 'scenarios'>> & {
  scenarios?: Partial<Record<TrafficScenario, Partial<ScenarioUsage>>>;
};

export interface LineItem {
  /** What is charged, for people. */
  name: string;
  /** The resource kind the charge belongs to. */
  kind: ResourceKind;
  /** Billable amount in `unit` (after free allowances). `monthly` = `quantity` × `unitPrice`. */
  quantity: number;
  unit: string;
  /** USD per `unit`, full precision. */
  unitPrice: number;
  /** USD per month, full precision (rounded only for display). */
  monthly: number;
  /** Pricing page the unit price comes from. */
  source: string;
  /** Date the price was looked up. */
  asOf: string;
  note?: string;
}

export interface Estimate {
  target: string;
  currency: 'USD';
  items: LineItem[];
  /** Sum of `items[].monthly` for the chosen traffic scenario. */
  monthly: number;
  /** Monthly totals under each traffic scenario (same resources, same assumptions otherwise). */
  scenarios?: Record<TrafficScenario, number>;
  assumptions: CostAssumptions & { notes: string[] };
  warnings: string[];
}

export interface EstimateOptions {
  /** Clock for the price-table staleness check. Default: now. */
  now?: Date;
  /** Tables older than this many days produce a warning. Default 180. */
  maxAgeDays?: number;
}
