/** Whether instances form a BEAM cluster and with what: phoenix-ops.yaml's choice, or the app's library when `auto`. */
import type { Clustering, Profile } from '../scan/profile.js';
import type { DeployConfig } from '../model/deploy-config.js';

export function clustering(profile: Profile, config: Pick<DeployConfig, 'clustering'>): Clustering {
  if (config.clustering === false) return 'none';
  if (config.clustering === true && profile.clustering === 'none') return 'dns_cluster';
  return profile.clustering;
}
