#!/usr/bin/env bash
# Set up (with Debian's Chromium for the browser tests), run the test suite, then the eval against its baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
# The eval is a regression gate: it fails when a metric falls below eval/baseline.json.
.venv/bin/referat index seeds/ --index-dir build/eval-index
.venv/bin/referat eval --index-dir build/eval-index --baseline eval/baseline.json --report build/eval-report --out build/eval-results.jsonl
