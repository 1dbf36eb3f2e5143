import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { ApiError, createApiClient, TENANT_HEADER } from "./api-client";

const Item = z.object({ id: z.string(), name: z.string() });
const TENANT = "7f1c1e6a-3c1f-4a55-9a43-2d3c8f0a9b10";

/** A fetch that answers `status` and `body` to every call, and records the calls. */
function fakeFetch(status: number, body?: unknown) {
  return vi.fn<typeof fetch>(async () =>
    body === undefined
      ? new Response(null, { status })
      : new Response(JSON.stringify(body), {
          status,
          headers: { "Content-Type": "application/json" },
        }),
  );
}

function sent(fetch: ReturnType<typeof fakeFetch>, call = 0) {
  const [url, init] = fetch.mock.calls[call];
  return { url, init: init as RequestInit & { headers: Record<string, string> } };
}

describe("createApiClient", () => {
  it("sends the tenant header and returns the validated body", async () => {
    const fetch = fakeFetch(200, { id: "1", name: "Campagne" });
    const client = createApiClient({ baseUrl: "http://api.test/v1/", tenantId: TENANT, fetch });

    const item = await client.get("/items/1", Item);

    expect(item).toEqual({ id: "1", name: "Campagne" });
    expect(sent(fetch).url).toBe("http://api.test/v1/items/1");
    expect(sent(fetch).init.method).toBe("GET");
    expect(sent(fetch).init.headers[TENANT_HEADER]).toBe(TENANT);
  });

  it("reads the tenant from a function at each request", async () => {
    const fetch = fakeFetch(200, { id: "1", name: "x" });
    let tenant: string | null = null;
    const client = createApiClient({ baseUrl: "http://api.test", tenantId: () => tenant, fetch });

    await client.get("/a", Item);
    tenant = TENANT;
    await client.get("/a", Item);

    expect(sent(fetch, 0).init.headers[TENANT_HEADER]).toBeUndefined();
    expect(sent(fetch, 1).init.headers[TENANT_HEADER]).toBe(TENANT);
  });

  it("sends JSON bodies", async () => {
    const fetch = fakeFetch(201, { id: "2", name: "Lead" });
    const client = createApiClient({ baseUrl: "http://api.test", tenantId: TENANT, fetch });

    await client.post("/items", Item, { name: "Lead" });
    await client.patch("/items/2", Item, { name: "Lead 2" });

    expect(sent(fetch, 0).init.method).toBe("POST");
    expect(sent(fetch, 0).init.headers["Content-Type"]).toBe("application/json");
    expect(JSON.parse(String(sent(fetch, 0).init.body))).toEqual({ name: "Lead" });
    expect(sent(fetch, 1).init.method).toBe("PATCH");
  });

  it("throws ApiError with the status and body on an error answer", async () => {
    const fetch = fakeFetch(404, { detail: "Not found" });
    const client = createApiClient({ baseUrl: "http://api.test", tenantId: TENANT, fetch });

    const error = await client.get("/items/9", Item).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).body).toEqual({ detail: "Not found" });
  });

  it("rejects a response that does not match the schema", async () => {
    const fetch = fakeFetch(200, { id: 1 });
    const client = createApiClient({ baseUrl: "http://api.test", tenantId: TENANT, fetch });

    await expect(client.get("/items/1", Item)).rejects.toThrow(z.ZodError);
  });

  it("accepts an empty 204 answer to a delete", async () => {
    const fetch = fakeFetch(204);
    const client = createApiClient({ baseUrl: "http://api.test", tenantId: TENANT, fetch });

    await expect(client.delete("/items/1")).resolves.toBeUndefined();
    expect(sent(fetch).init.method).toBe("DELETE");
  });
});
