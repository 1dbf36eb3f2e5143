"""The API's contract test (`make test-contract`): Schemathesis over the app's
OpenAPI document, every operation, as one tenant, with a fixed seed and a
bounded number of examples. It fails on any 5xx and on any response that does
not match the document (status code or body).

The app runs for real (uvicorn on a free port) on the database DATABASE_URL
names, or on a new SQLite file when it is unset; the tables are created if
missing, and the rows it writes belong to a tenant of its own.

Usage: python scripts/contract_test.py [--max-examples N] [--seed N]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

BACKEND = Path(__file__).resolve().parent.parent / "backend"
BIN = Path(sys.executable).parent
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"
CREATE_TABLES = (
    "import asyncio, app.models\n"
    "from app.db.base import Base\n"
    "from app.db.session import engine\n"
    "async def main():\n"
    "    async with engine.begin() as connection:\n"
    "        await connection.run_sync(Base.metadata.create_all)\n"
    "    await engine.dispose()\n"
    "asyncio.run(main())\n"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"contract: the API exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"contract: the API did not answer {url} within {timeout:.0f}s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=20260115)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="contract-") as scratch:
        env = {**os.environ}
        env.setdefault("DATABASE_URL", f"sqlite+aiosqlite:///{Path(scratch) / 'contract.db'}")
        subprocess.run([sys.executable, "-c", CREATE_TABLES], cwd=BACKEND, env=env, check=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:app", "--port", str(port)],
            cwd=BACKEND,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until_up(f"{base}/api/v1/health", server)
            command = [
                str(BIN / "st"),
                "run",
                f"{base}/openapi.json",
                "--header",
                f"X-Tenant-ID: {uuid.uuid4()}",
                "--checks",
                CHECKS,
                "--seed",
                str(args.seed),
                "--max-examples",
                str(args.max_examples),
                "--generation-database",
                "none",
                "--workers",
                "1",
                "--no-color",
            ]
            return subprocess.run(command, cwd=BACKEND, env=env, check=False).returncode
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
