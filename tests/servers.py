"""Start `referat serve` as a real subprocess on a free loopback port, for tests that talk HTTP to it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(index_dir: Path, logs: Path, host: str | None = None) -> Iterator[tuple[str, int]]:
    """Yield (base URL, port) once the server says it listens; fail with its output if it never does.

    `host=None` leaves --host out, so the server's own default binding is what runs.
    """
    port = free_port()
    script = Path(sys.executable).parent / "referat"
    head = [str(script)] if script.exists() else [sys.executable, "-c", "from rag.cli import cli; cli()"]
    args = head + ["serve", "--index-dir", str(index_dir), "--port", str(port)] + (["--host", host] if host else [])
    env = dict(os.environ, GRADIO_ANALYTICS_ENABLED="False", PYTHONUNBUFFERED="1")
    out, err = open(logs / "stdout.txt", "w+b"), open(logs / "stderr.txt", "w+b")
    proc = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=err, env=env)
    url = f"http://127.0.0.1:{port}"

    def logs_text() -> str:  # the child writes these files; this process only reads them
        return (logs / "stderr.txt").read_text(errors="replace")[-4000:] + (logs / "stdout.txt").read_text(errors="replace")[-2000:]

    deadline = time.monotonic() + 120
    try:
        while f"referat klar på {url}" not in (logs / "stdout.txt").read_text(errors="replace"):
            if proc.poll() is not None:
                pytest.fail(f"referat serve exited with {proc.returncode}:\n{logs_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"referat serve did not start on {url} within 120 s:\n{logs_text()}")
            time.sleep(0.5)
        yield url, port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        out.close()
        err.close()
