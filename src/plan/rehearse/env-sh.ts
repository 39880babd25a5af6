/**
 * What the generated `rel/env.sh.eex` exports, given the environment it runs in. The file is ours (a
 * template of src/targets), so only its shapes are read: `export NAME="value"` lines at the top level
 * and in `if/elif [ -n "${VAR:-}" ]` … `else` … `fi` branches, where the first branch whose variable
 * is set is taken. `${NAME}` and `${NAME:-default}` expand; any other expansion is left as written.
 */
const EXPORT = /^\s*export\s+([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;
const TEST = /^\s*(if|elif)\s+\[\s+-n\s+"\$\{([A-Za-z_][A-Za-z0-9_]*):-\}"\s+\];\s*then\s*$/;

function unquote(raw: string): string {
  const v = raw.trim();
  return /^".*"$|^'.*'$/.test(v) ? v.slice(1, -1) : v;
}

function expand(value: string, env: ReadonlyMap<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (whole, name: string, fallback: string | undefined) => {
    const v = env.get(name);
    if (v !== undefined && v !== '') return v;
    return fallback !== undefined && !fallback.includes('$') ? fallback : whole;
  });
}

/** The variables the script exports, in order, with their values after expansion. */
export function readEnvSh(text: string, env: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const scope = new Map(env);
  // Per open `if`: whether a branch was already taken, and whether the current one is.
  const stack: { taken: boolean; active: boolean }[] = [];
  const active = () => stack.every((s) => s.active);
  for (const line of text.split(/\r?\n/)) {
    const test = TEST.exec(line);
    if (test?.[1] === 'if' || (line.trim().startsWith('if ') && !test)) {
      const on = test ? (scope.get(test[2] ?? '') ?? '') !== '' : false;
      stack.push({ taken: on, active: on });
    } else if (test?.[1] === 'elif' || line.trim().startsWith('elif ')) {
      const top = stack.at(-1);
      const on = !!top && !top.taken && !!test && (scope.get(test[2] ?? '') ?? '') !== '';
      if (top) Object.assign(top, { active: on, taken: top.taken || on });
    } else if (line.trim() === 'else') {
      const top = stack.at(-1);
      if (top) Object.assign(top, { active: !top.taken, taken: true });
    } else if (line.trim() === 'fi') stack.pop();
    else {
      const m = EXPORT.exec(line);
      if (m?.[1] && active()) {
        const value = expand(unquote(m[2] ?? ''), scope);
        out.set(m[1], value);
        scope.set(m[1], value);
      }
    }
  }
  return out;
}
