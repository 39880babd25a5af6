import { describe, expect, it } from 'vitest';
import { chainWords, shellChain } from '../../src/facts/shell-chain.js';

describe('shellChain: the steps of a RUN line', () => {
  it('splits at && and ; outside quotes, keeps pipelines whole', () => {
    expect(shellChain('apt-get update -y && curl -fsSL https://x/install.sh | sh -s -- -y; echo "a && b"')).toEqual([
      'apt-get update -y',
      'curl -fsSL https://x/install.sh | sh -s -- -y',
      'echo "a && b"',
    ]);
  });

  it('keeps a command substitution with a case statement in one step', () => {
    const url = 'export URL=$(case ${TARGETPLATFORM:-linux/amd64} in "linux/amd64") echo "a" ;; "linux/arm64") echo "b" ;; *) echo "c" ;; esac)';
    expect(shellChain(`${url} && curl -L \${URL} -o /usr/local/bin/tool && chmod a+rx /usr/local/bin/tool`)).toEqual([url, 'curl -L ${URL} -o /usr/local/bin/tool', 'chmod a+rx /usr/local/bin/tool']);
  });

  it('chainWords splits on blanks outside quotes and substitutions', () => {
    expect(chainWords(`pipx install "apprise==1.9" --pip-args '--no-cache-dir x' $(echo a b)`)).toEqual(['pipx', 'install', '"apprise==1.9"', '--pip-args', "'--no-cache-dir x'", '$(echo a b)']);
  });
});
