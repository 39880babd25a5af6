/** How targets write the values only the user knows (the `inputs` of the deploy facts): a placeholder, and the plan note listing them. */
import type { EnvInput } from '../../facts/deploy.js';

/** Placeholder for a value only the user knows (k8s ConfigMap, Cloud Run env, systemd env file). */
export function inputPlaceholder(i: EnvInput): string {
  return `<set ${i.name}: ${i.hint}>`;
}

/** The plan note listing the values the user must set. */
export function inputsNote(inputs: EnvInput[], where: string): string | null {
  if (inputs.length === 0) return null;
  return `You must set ${inputs.length === 1 ? 'this value' : 'these values'} the runtime config requires (${where}): ${inputs.map((i) => `${i.name} (${i.evidence.file}:${i.evidence.line})`).join(', ')}.`;
}
