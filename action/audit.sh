#!/usr/bin/env bash
# The GitHub Action's audit step: runs `phoenix-ops audit` once per output (text to the log, SARIF
# for code scanning, Markdown for the pull-request comment, JSON for the score), plans each target
# named in INPUT_TARGETS into the comment, and writes the step outputs. The audit's exit code is
# handed on as an output, so the SARIF upload and the comment run before the job fails.
#
# Environment: PHOENIX_OPS (the CLI), INPUT_PATH, INPUT_FAIL_ON, INPUT_TARGETS, OUT_DIR, GITHUB_OUTPUT.
set -euo pipefail

: "${PHOENIX_OPS:?}" "${OUT_DIR:?}" "${GITHUB_OUTPUT:?}"
path="${INPUT_PATH:-.}"
fail_on="${INPUT_FAIL_ON:-high}"
mkdir -p "$OUT_DIR"
sarif="$OUT_DIR/phoenix-ops.sarif"
markdown="$OUT_DIR/phoenix-ops.md"
json="$OUT_DIR/phoenix-ops.json"

# Text to the log; its exit code decides the job (0, 1 findings at or above fail-on, 2 bad input).
set +e
node "$PHOENIX_OPS" audit "$path" --fail-on "$fail_on"
code=$?
set -e
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
  # Bad input (no Phoenix project at the path, invalid phoenix-ops.yaml): nothing to upload or post.
  exit 0
fi

node "$PHOENIX_OPS" audit "$path" --format sarif --fail-on none >"$sarif"
node "$PHOENIX_OPS" audit "$path" --format markdown --fail-on none >"$markdown"
node "$PHOENIX_OPS" audit "$path" --format json --fail-on none >"$json"

IFS=',' read -r -a targets <<<"${INPUT_TARGETS:-}"
for raw in "${targets[@]}"; do
  target="$(echo "$raw" | tr -d '[:space:]')"
  [ -n "$target" ] || continue
  {
    printf '\n<details><summary>Plan for %s</summary>\n\n```text\n' "$target"
    node "$PHOENIX_OPS" plan "$path" --target "$target" --no-diff 2>&1 || true
    printf '```\n\n</details>\n'
  } >>"$markdown"
done

score="$(node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).score))' "$json")"
{
  echo "score=$score"
  echo "sarif-file=$sarif"
  echo "markdown-file=$markdown"
} >>"$GITHUB_OUTPUT"
