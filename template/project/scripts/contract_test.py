"""The API's contract test (`make test-contract`): Schemathesis over the app's
OpenAPI document, every operation, signed in as the owner of an organization of
its own (a bearer token from sign-up), with a fixed seed and a bounded number of
examples. It fails on any 5xx and on any response that does not match the
document (status code or body).

The app runs for real (uvicorn on a free port) on a database of the run's own,
created empty and dropped after: a new SQLite file, or, when DATABASE_URL names
a PostgreSQL server, a new database on that server. Tables another project or
an older schema left in DATABASE_URL's database never meet the run.

Usage: python scripts/contract_test.py [--max-examples N] [--seed N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from stack import CREATE_TABLES  # the tables, created as the fault and load tests do

BACKEND = Path(__file__).resolve().parent.parent / "backend"
BIN = Path(sys.executable).parent
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"


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


async def run_on_server(url: str, statement: str) -> None:
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


@contextlib.contextmanager
def database_of_its_own(url: str, scratch: Path) -> Iterator[str]:
    """An empty database for the run: on DATABASE_URL's PostgreSQL server, else a SQLite file."""
    if not url.startswith("postgresql"):
        yield f"sqlite+aiosqlite:///{scratch / 'contract.db'}"
        return
    name = f"contract_{uuid.uuid4().hex[:12]}"
    asyncio.run(run_on_server(url, f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(run_on_server(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def sign_up(base: str) -> str:
    """A new organization and its owner: the bearer token the operations run with."""
    body = {
        "email": f"contract-{uuid.uuid4().hex[:12]}@example.com",
        "password": uuid.uuid4().hex,
        "organization_name": "Contract test",
    }
    request = urllib.request.Request(
        f"{base}/api/v1/auth/sign-up",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return str(json.load(response)["access_token"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=20260115)
    args = parser.parse_args()

    with (
        tempfile.TemporaryDirectory(prefix="contract-") as scratch,
        database_of_its_own(os.environ.get("DATABASE_URL", ""), Path(scratch)) as database,
    ):
        env = {**os.environ, "DATABASE_URL": database}
        # The token outlives the run; sign-up stays on whatever the environment says.
        env.setdefault("ACCESS_TOKEN_MINUTES", "240")
        env["SIGNUP_ENABLED"] = "true"
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
            token = sign_up(base)
            command = [
                str(BIN / "st"),
                "run",
                f"{base}/openapi.json",
                "--header",
                f"Authorization: Bearer {token}",
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
