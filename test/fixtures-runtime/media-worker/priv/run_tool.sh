#!/usr/bin/env bash
set -euo pipefail

# Runs the program given in its arguments with a clean umask, so files it writes are group-writable.
umask 002
exec "$@"
