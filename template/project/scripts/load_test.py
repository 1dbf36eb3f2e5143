"""The load test (`make test-load`): 50 clients for 30 seconds, mixed CRUD over
20 tenants on the first CRUD resource of the API (uvicorn on DATABASE_URL's
database, or a new SQLite file), then a check of every tenant's rows.

It fails on any 5xx, on any row lost (an acknowledged row not readable, or
missing from its tenant's list), on any row leaked (a list holding a row of
another tenant, or one deleted) and on a list `total` other than created minus
deleted. It prints the throughput and the 99th percentile latency, and asserts
no timing.

Usage: python scripts/load_test.py [--clients 50] [--seconds 30] [--tenants 20]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
import uuid

import httpx
from stack import Resource, Stack, resources, tenant_headers


class Load:
    def __init__(self, resource: Resource, tenants: list[uuid.UUID]) -> None:
        self.resource = resource
        self.tenants = tenants
        self.live: dict[uuid.UUID, set[str]] = {tenant: set() for tenant in tenants}
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.failures: list[str] = []
        self.base = ""

    async def call(
        self, client: httpx.AsyncClient, method: str, url: str, **kwargs: object
    ) -> httpx.Response:
        started = time.monotonic()
        response = await client.request(method, url, **kwargs)  # type: ignore[arg-type]
        self.latencies.append(time.monotonic() - started)
        self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            self.failures.append(f"{method} {url}: {response.status_code} {response.text[:200]}")
        return response

    async def client(self, number: int, deadline: float) -> None:
        tenant = self.tenants[number % len(self.tenants)]
        headers = tenant_headers(tenant)
        mine: list[str] = []  # this client's rows: no other client touches them
        path = self.resource.path
        draw = random.Random(number)
        async with httpx.AsyncClient(base_url=self.base, timeout=120) as client:
            turn = 0
            while time.monotonic() < deadline:
                turn += 1
                choice = draw.random()
                if not mine or choice < 0.35:
                    body = self.resource.body(f"{number}-{turn}")
                    response = await self.call(client, "POST", path, json=body, headers=headers)
                    if response.status_code == 201:
                        mine.append(response.json()["id"])
                        self.live[tenant].add(mine[-1])
                    else:
                        self.failures.append(f"create answered {response.status_code}")
                elif choice < 0.6:
                    row = draw.choice(mine)
                    response = await self.call(client, "GET", f"{path}/{row}", headers=headers)
                    if response.status_code != 200:
                        self.failures.append(f"row {row} lost: {response.status_code}")
                elif choice < 0.75 and "update" in self.resource.operations:
                    row = draw.choice(mine)
                    change = self.resource.change(f"{number}-{turn}-change")
                    response = await self.call(
                        client, "PATCH", f"{path}/{row}", json=change, headers=headers
                    )
                    if response.status_code != 200:
                        self.failures.append(f"update of {row}: {response.status_code}")
                elif choice < 0.9:
                    row = mine.pop(draw.randrange(len(mine)))
                    response = await self.call(client, "DELETE", f"{path}/{row}", headers=headers)
                    if response.status_code == 204:
                        self.live[tenant].discard(row)
                    else:
                        self.failures.append(f"delete of {row}: {response.status_code}")
                else:
                    params = {"limit": 20, "offset": 0}
                    response = await self.call(client, "GET", path, params=params, headers=headers)
                    if response.status_code != 200:
                        self.failures.append(f"list answered {response.status_code}")

    async def verify(self) -> None:
        """Every tenant's list is exactly its live rows, and its total their count."""
        everyone = set().union(*self.live.values())
        async with httpx.AsyncClient(base_url=self.base, timeout=120) as client:
            for tenant, live in self.live.items():
                seen: set[str] = set()
                total = None
                offset = 0
                while True:
                    response = await client.get(
                        self.resource.path,
                        params={"limit": 100, "offset": offset},
                        headers=tenant_headers(tenant),
                    )
                    if response.status_code != 200:
                        status = response.status_code
                        self.failures.append(f"tenant {tenant}: list answered {status}")
                        return
                    page = response.json()
                    total = page["total"]
                    seen |= {item["id"] for item in page["items"]}
                    offset += 100
                    if offset >= total:
                        break
                if seen - live:
                    leaked = seen - live
                    kind = "another tenant's" if leaked & everyone else "deleted or unknown"
                    self.failures.append(f"tenant {tenant} lists {len(leaked)} {kind} rows")
                if live - seen:
                    self.failures.append(f"tenant {tenant} lost {len(live - seen)} rows")
                if total != len(live):
                    self.failures.append(
                        f"tenant {tenant}: total {total}, created - deleted {len(live)}"
                    )

    async def run(self, base: str, clients: int, seconds: float) -> float:
        self.base = base
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(*(self.client(number, deadline) for number in range(clients)))
        elapsed = time.monotonic() - started
        await self.verify()
        return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--tenants", type=int, default=20)
    args = parser.parse_args()

    stack = Stack()
    try:
        stack.create_tables()
        base = stack.start_api()
        found = resources(httpx.get(f"{base}/openapi.json").json())
        if not found:
            print("load: no CRUD resource in the API: nothing to load")
            return 0
        resource = found[0]
        if "list" not in resource.operations:
            print(f"load: {resource.path} has no list: skipped")
            return 0
        load = Load(resource, [uuid.uuid4() for _ in range(args.tenants)])
        elapsed = asyncio.run(load.run(base, args.clients, args.seconds))
        requests = len(load.latencies)
        p99 = sorted(load.latencies)[int(0.99 * (requests - 1))] if requests else 0.0
        rows = sum(len(live) for live in load.live.values())
        print(
            f"load: {args.clients} clients, {args.tenants} tenants, {elapsed:.0f} s on "
            f"{resource.path}: {requests} requests, {requests / elapsed:.0f} req/s, "
            f"p99 {p99 * 1000:.0f} ms, answers {dict(sorted(load.statuses.items()))}, "
            f"{rows} rows live"
        )
        if load.failures:
            print(f"load: FAILED, {len(load.failures)} problems:", file=sys.stderr)
            for failure in load.failures[:20]:
                print(f"  {failure}", file=sys.stderr)
            print(stack.log("api.log")[-3000:], file=sys.stderr)
            return 1
        print("load: passed (no 5xx, no row lost or leaked, every total right)")
        return 0
    finally:
        stack.close()


if __name__ == "__main__":
    sys.exit(main())
