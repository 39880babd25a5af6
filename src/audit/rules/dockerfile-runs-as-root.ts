import { commandText, executedSegments, globalArgs, imageLabel, parseArgInstruction, parseImage, stageChain, stageImage, substitute, withRunnerStage } from '../../facts/dockerfile.js';
import type { Hit } from '../contract.js';
import { defineRule } from '../rule.js';

/**
 * Public base images whose default user is root. The final stage of an image built FROM anything
 * else (the project's own runner image, a vendor image) inherits a USER this Dockerfile cannot see.
 */
const ROOT_BASES = /^(debian|ubuntu|alpine|busybox|elixir|erlang|hexpm\/(elixir|erlang)|bitwalker\/alpine-(elixir|erlang)|centos|rockylinux|almalinux|fedora|amazonlinux|oraclelinux|archlinux|opensuse\/[\w-]+|bci\/[\w-]+|suse\/[\w-]+|ubi\d*(\/[\w-]+)?|redhat\/ubi\d*(-\w+)?|distroless\/[\w.-]+|node|python|ruby|golang|buildpack-deps)$/;

/** Entrypoints that drop privileges themselves before starting the app. */
const PRIVILEGE_DROP = /^(?:exec\s+)?(?:\S*\/)?(gosu|su-exec|setpriv|runuser|s6-setuidgid|chpst|setuidgid)\b|^(?:exec\s+)?(?:\S*\/)?chroot\s+--userspec|^(?:exec\s+)?(?:\S*\/)?su\s+(?:-\S+\s+)*\S+\s+-c\b/;

export const rule = defineRule({
  id: 'dockerfile-runs-as-root',
  title: 'The container runs as root',
  category: 'docker',
  severity: 'high',
  description:
    'The final stage of the Dockerfile never switches to an unprivileged user, so the release runs as root: any remote code execution in the app (or in a NIF or dependency) gets root in the container, can rewrite the release and has an easier path out of it.',
  fix: 'In the final stage, give the app folder to an unprivileged user and switch to it before CMD, as `mix phx.gen.release --docker` does: `RUN chown nobody /app`, `COPY --from=builder --chown=nobody:root …`, `USER nobody`.',
  equivalents: [],
  requires: ['dockerfiles'],
  messages: {
    rootUser: '{{file}}:{{line}} switches the final stage ({{image}}) to `USER {{user}}`: the release runs as root',
    noUser: 'the final stage of {{file}} ({{image}}, line {{line}}) sets no USER: the release runs as root',
  },
  check({ dockerfiles }) {
    const hits: Hit[] = [];
    for (const { dockerfile: d, stage: last, instructions } of withRunnerStage(dockerfiles)) {
      const start = instructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
      const image = stageImage(d, last);
      // An image that starts nothing of its own (a base image for other builds, a tooling or test
      // image, an export-only `FROM scratch` stage) does not run the release.
      if (start.length === 0) continue;
      // A base whose default user this Dockerfile cannot see (`FROM my-org/app-runner`, or a whole
      // image name from a build argument without default).
      const named = image ?? substitute(stageChain(d, last.index)[0]?.image ?? last.image, globalArgs(d)).text;
      if (!named.trim() || named.trim().startsWith('$') || !ROOT_BASES.test(parseImage(named.replace(/\$\{?\w+\}?/g, 'x')).repo)) continue;
      // Images that default to a non-root user (distroless :nonroot, chainguard, …).
      if (image && /nonroot|rootless/i.test(image)) continue;
      // ENTRYPOINT/CMD scripts that drop privileges (gosu, su-exec, setpriv, runuser…).
      if (start.some((i) => executedSegments(commandText(i)).some((s) => PRIVILEGE_DROP.test(s)))) continue;
      const vars: Record<string, string> = { ...globalArgs(d) };
      for (const i of instructions) if (i.keyword === 'ARG') for (const [k, v] of parseArgInstruction(i.args)) if (v !== null) vars[k] = v;
      const user = [...instructions].reverse().find((i) => i.keyword === 'USER');
      if (user) {
        const { text, unresolved } = substitute(user.args.trim(), vars);
        // A user from a build argument without default cannot be judged.
        if (unresolved.length) continue;
        const name = (text.split(':')[0] ?? '').trim();
        if (name !== 'root' && name !== '0') continue;
        hits.push({
          messageId: 'rootUser',
          data: { file: d.file, line: user.line, image: imageLabel(d, last), user: user.args.trim() },
          snippet: `USER ${user.args.trim()}`,
          evidence: [{ file: d.file, line: user.line }],
        });
        continue;
      }
      const at = start[start.length - 1] ?? last;
      hits.push({
        messageId: 'noUser',
        data: { file: d.file, image: imageLabel(d, last), line: last.line },
        // Not the image tag (it changes with every bump): the stage that runs without a USER.
        snippet: last.name ?? 'final stage',
        evidence: [{ file: d.file, line: at.line }],
      });
    }
    return hits;
  },
});
