#!/usr/bin/env bash
# The whole test suite from a fresh machine: installs what the tests need (Debian packages: elixir,
# the shellcheck and yamllint tools for the validators; nginx and openssl for the live verify tests;
# openssh for the systemd deploy test's own sshd; kubectl; chromium for the HTML report's browser tests;
# npm packages), builds, type-checks, runs vitest.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v elixir >/dev/null 2>&1 || need+=(elixir)
command -v shellcheck >/dev/null 2>&1 || need+=(shellcheck)
command -v yamllint >/dev/null 2>&1 || need+=(yamllint)
# nginx lives in /usr/sbin, which a non-root PATH may lack.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v ssh >/dev/null 2>&1 || need+=(openssh-client)
# systemd-analyze verifies the generated units.
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
# kubectl (for `kubectl kustomize` and the k8s recorder stub) is on the machine image; Debian's package otherwise.
command -v kubectl >/dev/null 2>&1 || need+=(kubernetes-client)
# playwright-core drives Debian's chromium for the HTML report tests (playwright's own browser download cannot run here).
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ -n "${CI:-}" ]; then
  npm ci --no-audit --no-fund
fi
npm run build
npx tsc --noEmit -p .
npx tsx scripts/export-schema.ts --check
node scripts/code-metrics.mjs --check
# Statement coverage of the in-process tests, with per-folder floors (vitest.config.ts): the run fails
# below 90% in src/audit, src/scan or src/facts. The CLI spawned as a process is not measured.
npx vitest run --coverage
node scripts/coverage-folders.mjs
