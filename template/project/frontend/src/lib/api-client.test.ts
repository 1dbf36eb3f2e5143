import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { ApiError, createApiClient, TENANT_HEADER } from "./api-client";

const Item = z.object({ id: z.string(), name: z.string() });
const TENANT = "7f1c1e6a-3c1f-4a55-9a43-2d3c8f0a9b10";

/** A fetch that answers `status` with `body` (JSON unless `contentType` says otherwise). */
function fakeFetch(status: number, body?: unknown, contentType = "application/json") {
  return vi.fn<typeof fetch>(async () =>
    body === undefined
      ? new Response(null, { status })
      : new Response(typeof body === "string" ? body : JSON.stringify(body), {
          status,
          headers: { "Content-Type": contentType },
        }),
  );
}

function sent(fetch: ReturnType<typeof fakeFetch>, call = 0) {
  const [url, init] = fetch.mock.calls[call];
  return { url, init: init as RequestInit & { headers: Record<string, string> } };
}

function client(fetch: ReturnType<typeof fakeFetch>) {
  return createApiClient({ baseUrl: "http://api.test", tenantId: TENANT, fetch });
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("createApiClient", () => {
  it("sends the tenant header and returns the validated body", async () => {
    const fetch = fakeFetch(200, { id: "1", name: "Campagne" });
    const api = createApiClient({ baseUrl: "http://api.test/v1/", tenantId: TENANT, fetch });

    const item = await api.get("/items/1", Item);

    expect(item).toEqual({ id: "1", name: "Campagne" });
    expect(sent(fetch).url).toBe("http://api.test/v1/items/1");
    expect(sent(fetch).init.method).toBe("GET");
    expect(sent(fetch).init.headers[TENANT_HEADER]).toBe(TENANT);
    expect(api.tenant()).toBe(TENANT);
  });

  it("reads the tenant from a function at each request", async () => {
    const fetch = fakeFetch(200, { id: "1", name: "x" });
    let tenant: string | null = null;
    const api = createApiClient({ baseUrl: "http://api.test", tenantId: () => tenant, fetch });

    await api.get("/a", Item);
    tenant = TENANT;
    await api.get("/a", Item);

    expect(sent(fetch, 0).init.headers[TENANT_HEADER]).toBeUndefined();
    expect(sent(fetch, 1).init.headers[TENANT_HEADER]).toBe(TENANT);
  });

  it("sends JSON bodies", async () => {
    const fetch = fakeFetch(201, { id: "2", name: "Lead" });
    const api = client(fetch);

    await api.post("/items", Item, { name: "Lead" });
    await api.patch("/items/2", Item, { name: "Lead 2" });

    expect(sent(fetch, 0).init.method).toBe("POST");
    expect(sent(fetch, 0).init.headers["Content-Type"]).toBe("application/json");
    expect(JSON.parse(String(sent(fetch, 0).init.body))).toEqual({ name: "Lead" });
    expect(sent(fetch, 1).init.method).toBe("PATCH");
  });

  it("throws ApiError with the status, body and message of a JSON error", async () => {
    const error = await failure(client(fakeFetch(404, { detail: "Not found" })).get("/x", Item));

    expect(error.status).toBe(404);
    expect(error.body).toEqual({ detail: "Not found" });
    expect(error.detail).toBe("Not found");
    expect(error.fieldErrors).toEqual({});
  });

  it("keeps the status and the text of an error that is not JSON (a proxy's 502 page)", async () => {
    const html = "<html><body>Bad gateway</body></html>";
    const error = await failure(client(fakeFetch(502, html, "text/html")).get("/x", Item));

    expect(error.status).toBe(502);
    expect(error.body).toBe(html);
    expect(error.detail).toBeUndefined();
  });

  it("refuses a success that is not JSON, or JSON that does not parse", async () => {
    const html = await failure(client(fakeFetch(200, "<html></html>", "text/html")).get("/", Item));
    expect(html.status).toBe(200);

    const broken = await failure(client(fakeFetch(200, "{not json")).get("/", Item));
    expect(broken.body).toBe("{not json");
  });

  it("gives the server's validation errors by field", async () => {
    const detail = [
      { loc: ["body", "name"], msg: "String should have at most 255 characters", type: "x" },
      { loc: ["body", "name"], msg: "second message", type: "x" },
      { loc: ["query", "limit"], msg: "not a body field", type: "x" },
      { loc: ["body", "budget"], msg: "Input should be a valid integer", type: "x" },
    ];
    const error = await failure(client(fakeFetch(422, { detail })).post("/x", Item, {}));

    expect(error.fieldErrors).toEqual({
      name: "String should have at most 255 characters",
      budget: "Input should be a valid integer",
    });
  });

  it("rejects a response that does not match the schema", async () => {
    await expect(client(fakeFetch(200, { id: 1 })).get("/items/1", Item)).rejects.toThrow(
      z.ZodError,
    );
  });

  it("accepts an empty answer to a delete, 204 or 200", async () => {
    const fetch = fakeFetch(204);
    await expect(client(fetch).delete("/items/1")).resolves.toBeUndefined();
    expect(sent(fetch).init.method).toBe("DELETE");

    await expect(client(fakeFetch(200, "", "text/plain")).delete("/i/1")).resolves.toBeUndefined();
  });
});
