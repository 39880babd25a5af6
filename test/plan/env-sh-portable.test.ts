/**
 * A Fly-only rel/env.sh.eex made portable (src/plan/env-sh-portable.ts): the Fly part is guarded, the
 * user's lines kept byte for byte, and the result is sourced by a real `sh` with and without Fly's
 * variables, and passes `shellcheck -s sh` (EEx tags rendered by substitution, as `mix release` would).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLY_GUARD, portableEnvSh } from '../../src/plan/env-sh-portable.js';
import { unguardedFlyReads } from '../../src/facts/env-sh-shell.js';

/** The old `fly launch` clustering recipe: the node's IPv6 read from Fly's /etc/hosts. */
const HOSTS_SHAPE = `#!/bin/sh

ip=$(grep fly-local-6pn /etc/hosts | cut -f 1)
export RELEASE_DISTRIBUTION=name
export RELEASE_NODE=$FLY_APP_NAME@$ip
export ERL_CRASH_DUMP=/dev/stderr

# # Set the release to load code on demand (interactive) instead of preloading (embedded).
# export RELEASE_MODE=interactive
`;

/** What the Fly launcher writes for Phoenix (no shebang, no guard). */
const LAUNCHER_SHAPE = `# configure node for distributed erlang with IPV6 support
export ERL_AFLAGS="-proto_dist inet6_tcp"
export ECTO_IPV6="true"
export DNS_CLUSTER_QUERY="\${FLY_APP_NAME}.internal"
export RELEASE_DISTRIBUTION="name"
export RELEASE_NODE="\${FLY_APP_NAME}-\${FLY_IMAGE_REF##*-}@\${FLY_PRIVATE_IP}"

# Uncomment to send crash dumps to stderr
# export ERL_CRASH_DUMP=/dev/stderr
`;

/** The release's own heart recipe (works anywhere) beside a `case` that names the node from FLY_PRIVATE_IP. */
const CASE_SHAPE = `#!/bin/sh
# Sets and enables heart (recommended only in daemon mode)
case $RELEASE_COMMAND in
  daemon*)
    HEART_COMMAND="$RELEASE_ROOT/bin/$RELEASE_NAME $RELEASE_COMMAND"
    export HEART_COMMAND
    export ELIXIR_ERL_OPTIONS="-heart"
    ;;
  *)
    ;;
esac

case $RELEASE_COMMAND in
  start*|daemon*)
    export RELEASE_DISTRIBUTION=name
    export RELEASE_NODE="<%= @release.name %>@\${FLY_PRIVATE_IP}"
    ;;
  *) ;;
esac
export ERL_CRASH_DUMP=/dev/stderr
`;

const GUARDED_SHAPE = `#!/bin/sh
if [ -n "$FLY_APP_NAME" ]; then
  export RELEASE_DISTRIBUTION=name
  export RELEASE_NODE="\${FLY_APP_NAME}-\${FLY_IMAGE_REF##*-}@\${FLY_PRIVATE_IP}"
fi
`;

const FLY_ENV = { FLY_APP_NAME: 'hello-phoenix', FLY_IMAGE_REF: 'registry.fly.io/hello-phoenix:deployment-01JABCDEF', FLY_PRIVATE_IP: 'fdaa:0:1::3', RELEASE_COMMAND: 'start' };
/** What a Kubernetes Deployment of ours sets for the node name (the release script honours it). */
const K8S_ENV = { RELEASE_DISTRIBUTION: 'name', RELEASE_NODE: 'hello_phoenix@10.1.2.3', RELEASE_COMMAND: 'start' };

const render = (tpl: string) => tpl.replaceAll('<%= @release.name %>', 'hello_phoenix');

/** Sources the rendered template in a clean `sh` and reads back what the release would start with. */
function sourced(tpl: string, env: Record<string, string>): { node: string; dist: string; aflags: string } {
  const dir = mkdtempSync(join(tmpdir(), 'env-sh-'));
  const file = join(dir, 'env.sh');
  writeFileSync(file, render(tpl));
  const out = execFileSync('env', ['-i', 'PATH=/usr/bin:/bin', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), 'sh', '-c', '. "$1"; printf "%s|%s|%s" "${RELEASE_NODE-unset}" "${RELEASE_DISTRIBUTION-unset}" "${ERL_AFLAGS-unset}"', 'sh', file], { encoding: 'utf8' });
  const [node, dist, aflags] = out.split('|') as [string, string, string];
  return { node, dist, aflags };
}

function shellcheck(tpl: string): string {
  try {
    return execFileSync('shellcheck', ['-s', 'sh', '-S', 'warning', '-f', 'gcc', '-'], { input: render(tpl), encoding: 'utf8' });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

/** The lines of `after` that are not guard lines, unindented: the user's own lines, in order. */
function userLines(after: string): string[] {
  let inside = false;
  const out: string[] = [];
  for (const line of after.split('\n')) {
    if (line === FLY_GUARD || (inside && line === 'fi')) inside = line === FLY_GUARD;
    else out.push(inside && line !== '' ? line.replace(/^ {2}/, '') : line);
  }
  return out;
}

describe('portableEnvSh', () => {
  it('guards the /etc/hosts recipe: the ip lookup, the distribution and the node name; the crash dump and comments stay outside', () => {
    const after = portableEnvSh(HOSTS_SHAPE)!;
    expect(after).toBe(`#!/bin/sh

${FLY_GUARD}
  ip=$(grep fly-local-6pn /etc/hosts | cut -f 1)
  export RELEASE_DISTRIBUTION=name
  export RELEASE_NODE=$FLY_APP_NAME@$ip
fi
export ERL_CRASH_DUMP=/dev/stderr

# # Set the release to load code on demand (interactive) instead of preloading (embedded).
# export RELEASE_MODE=interactive
`);
    expect(userLines(after)).toEqual(HOSTS_SHAPE.split('\n'));
    expect(unguardedFlyReads(after)).toEqual([]);
  });

  it('guards the launcher template: IPv6 settings, DNS_CLUSTER_QUERY and the node name, comments around it outside', () => {
    const after = portableEnvSh(LAUNCHER_SHAPE)!;
    const lines = after.split('\n');
    expect(lines[0]).toBe('# configure node for distributed erlang with IPV6 support');
    expect(lines[1]).toBe(FLY_GUARD);
    expect(lines.slice(2, 7).every((l) => l.startsWith('  export '))).toBe(true);
    expect(lines[7]).toBe('fi');
    expect(userLines(after)).toEqual(LAUNCHER_SHAPE.split('\n'));
  });

  it('guards a `case` block that names the node from FLY_PRIVATE_IP as a whole, and leaves the heart `case` alone', () => {
    const after = portableEnvSh(CASE_SHAPE)!;
    expect(after).toContain(`esac\n\n${FLY_GUARD}\n  case $RELEASE_COMMAND in\n    start*|daemon*)\n`);
    expect(after).toContain('    *) ;;\n  esac\nfi\nexport ERL_CRASH_DUMP=/dev/stderr\n');
    expect(after.indexOf(FLY_GUARD)).toBeGreaterThan(after.indexOf('export ELIXIR_ERL_OPTIONS="-heart"'));
    expect(userLines(after)).toEqual(CASE_SHAPE.split('\n'));
  });

  it('offers nothing for a file already guarded, and gives up on a here-document', () => {
    expect(portableEnvSh(GUARDED_SHAPE)).toBeNull();
    expect(portableEnvSh('export RELEASE_NODE=$FLY_APP_NAME@$FLY_PRIVATE_IP\ncat <<EOF >/tmp/x\nexport A=1\nEOF\n')).toBeNull();
  });

  it('leaves RELEASE_DISTRIBUTION outside when a RELEASE_NODE that works anywhere stays outside', () => {
    const text = 'export RELEASE_DISTRIBUTION=name\nexport RELEASE_NODE="${RELEASE_NODE:-hello_phoenix@$(hostname -i)}"\nexport DNS_CLUSTER_QUERY="${FLY_APP_NAME}.internal"\n';
    expect(portableEnvSh(text)).toBe(`export RELEASE_DISTRIBUTION=name\nexport RELEASE_NODE="\${RELEASE_NODE:-hello_phoenix@$(hostname -i)}"\n${FLY_GUARD}\n  export DNS_CLUSTER_QUERY="\${FLY_APP_NAME}.internal"\nfi\n`);
  });

  it('keeps the order when a statement that works anywhere sits between Fly ones (two guards), and keeps CRLF', () => {
    const text = 'export ECTO_IPV6=true\nexport POOL_SIZE=5\nexport RELEASE_NODE="$FLY_APP_NAME@$FLY_PRIVATE_IP"\n';
    expect(portableEnvSh(text)).toBe(`${FLY_GUARD}\n  export ECTO_IPV6=true\nfi\nexport POOL_SIZE=5\n${FLY_GUARD}\n  export RELEASE_NODE="$FLY_APP_NAME@$FLY_PRIVATE_IP"\nfi\n`);
    expect(portableEnvSh(text.replaceAll('\n', '\r\n'))).toBe(`${FLY_GUARD}\r\n  export ECTO_IPV6=true\r\nfi\r\nexport POOL_SIZE=5\r\n${FLY_GUARD}\r\n  export RELEASE_NODE="$FLY_APP_NAME@$FLY_PRIVATE_IP"\r\nfi\r\n`);
  });
});

describe('the patched env.sh under a real sh', () => {
  it('before the patch, off Fly, the launcher template names the node "-@" (what the VM refuses)', () => {
    expect(sourced(LAUNCHER_SHAPE, {}).node).toBe('-@');
  });

  it('on Fly the launcher template still names the node from the image ref and the private IP', () => {
    expect(sourced(portableEnvSh(LAUNCHER_SHAPE)!, FLY_ENV)).toEqual({ node: 'hello-phoenix-01JABCDEF@fdaa:0:1::3', dist: 'name', aflags: '-proto_dist inet6_tcp' });
  });

  it('off Fly every shape leaves the release its defaults, or the node name the target set', () => {
    for (const shape of [HOSTS_SHAPE, LAUNCHER_SHAPE, CASE_SHAPE]) {
      const after = portableEnvSh(shape)!;
      expect(sourced(after, { RELEASE_COMMAND: 'start' }), shape).toEqual({ node: 'unset', dist: 'unset', aflags: 'unset' });
      expect(sourced(after, K8S_ENV), shape).toMatchObject({ node: 'hello_phoenix@10.1.2.3', dist: 'name' });
    }
  });

  it('on Fly the other shapes set the long name from Fly', () => {
    expect(sourced(portableEnvSh(HOSTS_SHAPE)!, FLY_ENV).node).toMatch(/^hello-phoenix@/);
    expect(sourced(portableEnvSh(CASE_SHAPE)!, FLY_ENV)).toMatchObject({ node: 'hello_phoenix@fdaa:0:1::3', dist: 'name' });
  });

  // Notes (SC2086 on the user's own unquoted `export X=$A@$b`) are the user's style, kept byte for byte: warnings and errors fail.
  it('passes shellcheck -s sh at warning level', () => {
    for (const shape of [HOSTS_SHAPE, LAUNCHER_SHAPE, CASE_SHAPE]) expect(shellcheck(portableEnvSh(shape)!), shape).toBe('');
  });
});
