#!/usr/bin/env bash
# Set up, index seeds/ and start the chat UI on http://127.0.0.1:7860 (pass --port/--host to change).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/referat index seeds/
exec .venv/bin/referat serve "$@"
