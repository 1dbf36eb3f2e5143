"""The fault test (`make test-faults`): the real stack on loopback (a throwaway
PostgreSQL cluster, Redis, uvicorn, a prefork Celery worker) and three faults.

1. PostgreSQL stops for a few seconds under CRUD traffic (8 clients, the first
   resource of the OpenAPI document): every answer is a success, a 404 of a row
   this client deleted, or a JSON 503 with Retry-After; afterwards every
   acknowledged write is there (and every acknowledged delete gone).
2. A worker process is killed (SIGKILL) in the middle of an agent run (a slow
   LLM on loopback stands in for the provider): the run is redelivered and
   finishes once, succeeded, after two attempts.
3. Redis stops: queueing a run answers a JSON 503 with Retry-After (the time it
   took is printed), and leaves no run behind; once Redis is back, runs are
   accepted again.
Then bodies: a 5 MB body is a 413, JSON nested 1000 deep a 422, never a 5xx.

Bounded: about a minute; it prints what it saw and asserts no timing.
Without a CRUD resource or an agent with a Celery task, that part is skipped (said so).

Usage: python scripts/faults_test.py
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from stack import Resource, Stack, agent_run_paths, resources, tenant_headers

OUTAGE_SECONDS = 3
CLIENTS = 8


class Failed(AssertionError):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failed(message)


def check_503(response: httpx.Response) -> None:
    check(response.status_code == 503, f"expected a 503, got {response.status_code}")
    check("retry-after" in response.headers, "a 503 without Retry-After")
    check(set(response.json()) == {"detail"}, f"a 503 off the error shape: {response.text}")


class SlowLLM:
    """An OpenAI-compatible chat completions server on loopback: its first
    request hangs (the worker is killed meanwhile), the others answer at once
    with JSON valid for the requested schema."""

    def __init__(self) -> None:
        from app.llm.fake import example

        self.requests = 0
        self.first_arrived = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                body = json.loads(self.rfile.read(length))
                outer.requests += 1
                if outer.requests == 1:
                    outer.first_arrived.set()
                    time.sleep(60)
                schema = body.get("response_format", {}).get("json_schema", {}).get("schema", {})
                content = json.dumps(example(schema, schema.get("$defs", {}), "slow-llm"))
                reply = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
                try:
                    self.send_response(200)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(reply)))
                    self.end_headers()
                    self.wfile.write(reply)
                except OSError:
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


class Ledger:
    """What the API acknowledged, per row: its last acknowledged body, whether a
    write of it is in doubt (a 503: committed or not), whether it is deleted."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.statuses: dict[int, int] = {}

    def saw(self, response: httpx.Response) -> int:
        self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            check_503(response)
        return response.status_code


async def crud_client(
    client: httpx.AsyncClient,
    resource: Resource,
    ledger: Ledger,
    tenant: uuid.UUID,
    stop: asyncio.Event,
) -> None:
    headers = tenant_headers(tenant)
    turn = 0
    while not stop.is_set():
        turn += 1
        body = resource.body(f"{tenant}-{turn}")
        created = await client.post(resource.path, json=body, headers=headers)
        if ledger.saw(created) != 201:
            continue
        row_id = created.json()["id"]
        row = ledger.rows[row_id] = {"tenant": tenant, "doubt": False, "deleted": False}
        url = f"{resource.path}/{row_id}"
        if "update" in resource.operations:
            change = resource.change(f"{tenant}-{turn}-changed")
            if ledger.saw(await client.patch(url, json=change, headers=headers)) != 200:
                row["doubt"] = True
        status = ledger.saw(await client.get(url, headers=headers))
        check(status in (200, 503), f"row {row_id} answered {status} to a get")
        if turn % 2:
            status = ledger.saw(await client.delete(url, headers=headers))
            check(status in (204, 503), f"row {row_id} answered {status} to a delete")
            row["deleted"], row["doubt"] = status == 204, row["doubt"] or status != 204


async def database_restart(stack: Stack, resource: Resource) -> None:
    assert stack.postgres is not None
    ledger = Ledger()
    stop = asyncio.Event()
    tenants = [uuid.uuid4() for _ in range(CLIENTS)]
    async with httpx.AsyncClient(base_url=stack.base, timeout=60) as client:
        clients = [
            asyncio.create_task(crud_client(client, resource, ledger, tenant, stop))
            for tenant in tenants
        ]
        await asyncio.sleep(2)
        await asyncio.to_thread(stack.postgres.stop, "fast")
        await asyncio.sleep(OUTAGE_SECONDS)
        await asyncio.to_thread(stack.postgres.start)
        await asyncio.sleep(3)
        stop.set()
        await asyncio.gather(*clients)

        # Every acknowledged write is there; every acknowledged delete is gone.
        for row_id, row in ledger.rows.items():
            response = await client.get(
                f"{resource.path}/{row_id}", headers=tenant_headers(row["tenant"])
            )
            if row["deleted"]:
                check(
                    response.status_code == 404,
                    f"deleted row {row_id} answered {response.status_code}",
                )
            elif not row["doubt"]:
                check(response.status_code == 200, f"row {row_id} lost: {response.status_code}")
        after = await client.post(
            resource.path, json=resource.body("after"), headers=tenant_headers(tenants[0])
        )
        check(after.status_code == 201, f"no recovery after the restart: {after.status_code}")
    check(503 in ledger.statuses, "no request met the outage (it was too short to see)")
    print(
        f"faults: database stopped {OUTAGE_SECONDS} s under traffic: answers "
        f"{dict(sorted(ledger.statuses.items()))}, {len(ledger.rows)} rows checked, none lost"
    )


async def wait_finished(
    client: httpx.AsyncClient, url: str, headers: dict[str, str]
) -> dict[str, Any]:
    for _ in range(600):
        run = (await client.get(url, headers=headers)).json()
        if run["status"] in ("succeeded", "failed"):
            return dict(run)
        await asyncio.sleep(0.1)
    raise Failed(f"run {url} not finished after 60 s")


def pool_children(worker: subprocess.Popen[bytes]) -> list[int]:
    path = Path(f"/proc/{worker.pid}/task/{worker.pid}/children")
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []


async def worker_killed(
    stack: Stack, worker: subprocess.Popen[bytes], path: str, data: dict[str, Any], llm: SlowLLM
) -> bool:
    """Kill the worker process running a run: False when the agent runs in the
    API (no Celery task), nothing to kill."""
    headers = tenant_headers(uuid.uuid4())
    async with httpx.AsyncClient(base_url=stack.base, timeout=30) as client:
        created = await client.post(path, json=data, headers=headers)
        check(created.status_code == 202, f"run not accepted: {created.status_code} {created.text}")
        run = created.json()
        if run["status"] not in ("queued", "running"):
            return False
        check(
            await asyncio.to_thread(llm.first_arrived.wait, 60), "the worker never called the LLM"
        )
        children = pool_children(worker)
        check(bool(children), "no worker process to kill")
        for pid in children:
            os.kill(pid, signal.SIGKILL)
        url = f"{path}/{run['id']}"
        finished = await wait_finished(client, url, headers)
        check(finished["status"] == "succeeded", f"run ended {finished['status']}: {finished}")
        check(finished["attempts"] == 2, f"expected 2 attempts, saw {finished['attempts']}")
        await asyncio.sleep(2)
        again = (await client.get(url, headers=headers)).json()
        check(again == finished, "the run changed after it finished")
    check(llm.requests == 2, f"the LLM was called {llm.requests} times, expected 2")
    print("faults: worker process killed mid-run: redelivered, succeeded once, 2 attempts")
    return True


async def broker_down(stack: Stack, path: str, data: dict[str, Any]) -> None:
    headers = tenant_headers(uuid.uuid4())
    stack.stop_redis()
    async with httpx.AsyncClient(base_url=stack.base, timeout=30) as client:
        started = time.monotonic()
        refused = await client.post(path, json=data, headers=headers)
        took = time.monotonic() - started
        check_503(refused)
        stack.start_redis()
        accepted = await client.post(path, json=data, headers=headers)
        check(accepted.status_code == 202, f"no recovery once Redis is back: {accepted.text}")
        await wait_finished(client, f"{path}/{accepted.json()['id']}", headers)
    print(f"faults: Redis stopped: queueing a run answered 503 with Retry-After in {took:.2f} s")


async def declared_huge(stack: Stack, path: str, headers: dict[str, str]) -> tuple[int, Any]:
    """A 50 MB body announced by its Content-Length, of which 64 kB are sent: the
    answer (status, JSON body) the API gives without waiting for the rest."""
    host, port = stack.base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}", f"Content-Length: {50 * 2**20}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + b"[" + b"1," * 32_000)
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
    length = int(
        next(
            line.split(b":", 1)[1]
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
    )
    body = await reader.readexactly(length)
    writer.close()
    return int(head.split()[1]), json.loads(body)


async def abuse(stack: Stack, resource: Resource | None) -> None:
    path = resource.path if resource else "/api/v1/health"
    headers = {**tenant_headers(uuid.uuid4()), "content-type": "application/json"}
    status, body = await declared_huge(stack, path, headers)
    check(status == 413 and "detail" in body, f"50 MB body: {status} {body}")
    async with httpx.AsyncClient(base_url=stack.base, timeout=30) as client:
        deep = await client.post(path, content=b"[" * 1000 + b"]" * 1000, headers=headers)
        check(deep.status_code == 422 and "detail" in deep.json(), f"deep JSON: {deep.status_code}")
        if resource is not None:
            unknown = {**resource.body("unknown"), "not_a_field": "x" * 10_000}
            refused = await client.post(path, json=unknown, headers=headers)
            check(refused.status_code == 422, f"unknown field: {refused.status_code}")
            check(len(refused.content) < 2000, "a 422 echoed the whole input")
    print("faults: a 50 MB body answered 413 unread, JSON nested 1000 deep and unknown fields 422")


async def faults(stack: Stack, worker: subprocess.Popen[bytes], llm: SlowLLM) -> None:
    from app.llm.fake import example

    async with httpx.AsyncClient(base_url=stack.base) as client:
        openapi = (await client.get("/openapi.json")).json()
    found = resources(openapi)
    if found:
        await database_restart(stack, found[0])
    else:
        print("faults: no CRUD resource in the API: the database restart is skipped")
    definitions = openapi.get("components", {}).get("schemas", {})
    for path, schema in sorted(agent_run_paths(openapi).items()):
        data = example(schema, definitions, path)
        if await worker_killed(stack, worker, path, data, llm):
            await broker_down(stack, path, data)
            break
    else:
        print("faults: no agent runs through the worker: the worker and broker faults are skipped")
    await abuse(stack, found[0] if found else None)


def main() -> int:
    stack = Stack()
    llm = SlowLLM()
    try:
        stack.start_postgres()
        stack.start_redis()
        stack.create_tables()
        stack.start_api()
        # The worker's LLM is the slow one; the API's (agents run in it) the fake.
        slow = {"LLM_PROVIDER": "openai", "LLM_BASE_URL": llm.url, "LLM_TIMEOUT_SECONDS": "120"}
        worker = stack.start_worker(env=slow)
        asyncio.run(faults(stack, worker, llm))
        print("faults: passed")
        return 0
    except Failed as failure:
        print(f"faults: FAILED: {failure}", file=sys.stderr)
        print(stack.log("api.log")[-3000:], file=sys.stderr)
        print(stack.log("worker.log")[-3000:], file=sys.stderr)
        return 1
    finally:
        stack.close()
        llm.close()


if __name__ == "__main__":
    sys.exit(main())
