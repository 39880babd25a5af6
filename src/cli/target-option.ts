import type { DeployConfig } from '../model/deploy-config.js';
import { isTargetId } from '../model/ids.js';
import { TARGET_IDS } from '../model/config-schema.js';
import type { TargetId } from '../targets/types.js';
import { didYouMean } from '../model/did-you-mean.js';
import { UsageError } from './errors.js';

/** --target T, or the first target in phoenix-ops.yaml. */
export function chooseTarget(flag: string | undefined, config: DeployConfig): TargetId {
  const id = flag ?? config.targets[0] ?? 'fly';
  if (!isTargetId(id)) throw new UsageError(`unknown target "${id}" (choose one of: ${TARGET_IDS.join(', ')}).${didYouMean(id, TARGET_IDS)}`);
  return id;
}
