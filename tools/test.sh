#!/usr/bin/env bash
# The test command: installs what the tests need (tools/setup.sh), then runs every test
# in release mode (the profile `render` is built with, so dependencies compile once).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
SDGEN_PYTHON="$PWD/.venv/bin/python" cargo test --release "$@"
