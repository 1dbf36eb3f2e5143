import { describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";

import {
  ApiError,
  createApiClient,
  CSRF_HEADER,
  readCookie,
  redirectToSignIn,
  setActiveOrganization,
  apiClient,
  signInUrl,
} from "./api-client";

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
  it("sends no tenant and no token: the session is the browser's cookie", async () => {
    const fetch = fakeFetch(200, { id: "1", name: "Campagne" });
    const api = createApiClient({ baseUrl: "http://api.test/v1/", tenantId: TENANT, fetch });

    const item = await api.get("/items/1", Item);

    expect(item).toEqual({ id: "1", name: "Campagne" });
    expect(sent(fetch).url).toBe("http://api.test/v1/items/1");
    expect(sent(fetch).init.method).toBe("GET");
    expect(Object.keys(sent(fetch).init.headers)).toEqual(["Accept"]);
    expect(sent(fetch).init.credentials).toBe("same-origin");
    expect(api.tenant()).toBe(TENANT);
  });

  it("reads the tenant of the cache keys from a function at each call", () => {
    let tenant: string | null = null;
    const api = createApiClient({ baseUrl: "http://api.test", tenantId: () => tenant });

    expect(api.tenant()).toBeNull();
    tenant = TENANT;
    expect(api.tenant()).toBe(TENANT);
    expect(createApiClient({}).tenant()).toBeNull();
  });

  it("echoes the CSRF cookie on writes, never on reads", async () => {
    const fetch = fakeFetch(201, { id: "2", name: "Lead" });
    const api = createApiClient({ baseUrl: "http://api.test", csrfToken: () => "c5rf", fetch });

    await api.get("/items/2", Item);
    await api.post("/items", Item, { name: "Lead" });
    await api.delete("/items/2");

    expect(sent(fetch, 0).init.headers[CSRF_HEADER]).toBeUndefined();
    expect(sent(fetch, 1).init.headers[CSRF_HEADER]).toBe("c5rf");
    expect(sent(fetch, 2).init.headers[CSRF_HEADER]).toBe("c5rf");
  });

  it("reads the CSRF token from document.cookie by default", async () => {
    document.cookie = "csrf_token=from-cookie";
    const fetch = fakeFetch(201, { id: "2", name: "Lead" });

    await createApiClient({ baseUrl: "http://api.test", fetch }).post("/items", Item, {});

    expect(sent(fetch).init.headers[CSRF_HEADER]).toBe("from-cookie");
    document.cookie = "csrf_token=; max-age=0";
  });

  it("calls onUnauthorized on a 401, then throws", async () => {
    const onUnauthorized = vi.fn();
    const fetch = fakeFetch(401, { detail: "Not signed in" });
    const api = createApiClient({ baseUrl: "http://api.test", onUnauthorized, fetch });

    const error = await failure(api.get("/me", Item));

    expect(error.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("reads a cookie and builds the sign-in address with the page to come back to", () => {
    expect(readCookie("a=1; csrf_token=x%3Dy; b=2", "csrf_token")).toBe("x=y");
    expect(readCookie("a=1", "csrf_token")).toBeNull();
    expect(signInUrl("/campaigns?page=2")).toBe("/sign-in?next=%2Fcampaigns%3Fpage%3D2");
  });

  it("sends the browser to sign-in, except from sign-in itself", () => {
    const assign = vi.fn();
    const here = { pathname: "/campaigns", search: "?page=2", assign };

    redirectToSignIn(here);
    redirectToSignIn({ ...here, pathname: "/sign-in" });

    expect(assign).toHaveBeenCalledTimes(1);
    expect(assign).toHaveBeenCalledWith("/sign-in?next=%2Fcampaigns%3Fpage%3D2");
  });

  it("keys the app's cache by the active organization", () => {
    setActiveOrganization(TENANT);
    expect(apiClient.tenant()).toBe(TENANT);
    setActiveOrganization(null);
    expect(apiClient.tenant()).toBeNull();
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
    expect(error.issues).toEqual([]);
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

  it("gives the server's validation errors with their type and context", async () => {
    const detail = [
      {
        loc: ["body", "name"],
        msg: "String should have at most 255 characters",
        type: "string_too_long",
        ctx: { max_length: 255 },
      },
      { loc: ["body", "budget"], msg: "Input should be a valid integer", type: "int_parsing" },
      { loc: ["body", "day"], msg: "no type" },
    ];
    const error = await failure(client(fakeFetch(422, { detail })).post("/x", Item, {}));

    expect(error.issues.map((issue) => [issue.loc[1], issue.type, issue.ctx])).toEqual([
      ["name", "string_too_long", { max_length: 255 }],
      ["budget", "int_parsing", undefined],
      ["day", "invalid", undefined],
    ]);
  });

  it("gives a conflict's kind and the field it names", async () => {
    const body = { detail: "email: taken", code: "unique", field: "email" };
    const error = await failure(client(fakeFetch(409, body)).post("/x", Item, {}));

    expect([error.code, error.field]).toEqual(["unique", "email"]);
    const plain = await failure(client(fakeFetch(409, { detail: "x" })).post("/x", Item, {}));
    expect([plain.code, plain.field]).toEqual([undefined, undefined]);
  });

  it("reads no validation errors from a list the server would not send", async () => {
    const detail = [{ loc: ["body", "name"], msg: "too long", type: "string_too_long" }, "oops"];
    const error = await failure(client(fakeFetch(422, { detail })).post("/x", Item, {}));

    expect(error.issues).toEqual([]);
    expect(error.detail).toBeUndefined();
    const odd = await failure(
      client(fakeFetch(422, { detail: [{ loc: "name", msg: "x" }] })).get("/x", Item),
    );
    expect(odd.issues).toEqual([]);
  });

  it("checks an answer with a schema given as a loader, loaded when the answer comes", async () => {
    const load = vi.fn(async () => Item);
    const request = client(fakeFetch(200, { id: "1", name: "Exemple" })).get("/items/1", load);

    await expect(request).resolves.toEqual({ id: "1", name: "Exemple" });
    expect(load).toHaveBeenCalledTimes(1);
    await expect(client(fakeFetch(200, { id: 1 })).get("/items/1", load)).rejects.toThrow(
      z.core.$ZodError,
    );
  });

  it("rejects a response that does not match the schema", async () => {
    await expect(client(fakeFetch(200, { id: 1 })).get("/items/1", Item)).rejects.toThrow(
      z.core.$ZodError,
    );
  });

  it("accepts an empty answer to a delete, 204 or 200", async () => {
    const fetch = fakeFetch(204);
    await expect(client(fetch).delete("/items/1")).resolves.toBeUndefined();
    expect(sent(fetch).init.method).toBe("DELETE");

    await expect(client(fakeFetch(200, "", "text/plain")).delete("/i/1")).resolves.toBeUndefined();
  });
});
