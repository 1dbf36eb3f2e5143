import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";

import { apiOrigin, isMissing, serverGet } from "./server-api";

const cookies = vi.hoisted(() => ({ value: "session=abc; csrf_token=xyz" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ toString: () => cookies.value }),
}));

function answer(status: number) {
  return vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response(null, { status }));
}

describe("asking the API from the server whether an item exists", () => {
  beforeEach(() => vi.stubEnv("API_ORIGIN", "http://api:8000/"));
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("reaches the backend's origin with the visitor's session cookies", async () => {
    const fetch = answer(200);

    expect(await isMissing("/campaigns/42")).toBe(false);
    const [url, init] = fetch.mock.calls[0];
    expect(String(url)).toBe("http://api:8000/api/v1/campaigns/42");
    expect(new Headers(init?.headers).get("cookie")).toBe("session=abc; csrf_token=xyz");
    expect(init?.cache).toBe("no-store");
  });

  it("says missing for a 404, and for an id that cannot be one (422)", async () => {
    answer(404);
    expect(await isMissing("/campaigns/42")).toBe(true);
    answer(422);
    expect(await isMissing("/campaigns/not-an-id")).toBe(true);
  });

  it("leaves any other answer to the page: signed out, refused, or unreachable", async () => {
    answer(401);
    expect(await isMissing("/campaigns/42")).toBe(false);
    answer(503);
    expect(await isMissing("/campaigns/42")).toBe(false);
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("connection refused"));
    expect(await isMissing("/campaigns/42")).toBe(false);
  });

  it("sends no cookie header when the visitor has none", async () => {
    cookies.value = "";
    const fetch = answer(200);

    await isMissing("/campaigns/42");
    expect(new Headers(fetch.mock.calls[0][1]?.headers).has("cookie")).toBe(false);
    cookies.value = "session=abc; csrf_token=xyz";
  });

  it("defaults to the API on this machine", () => {
    vi.unstubAllEnvs();
    vi.stubEnv("API_ORIGIN", undefined);
    expect(apiOrigin()).toBe("http://127.0.0.1:8000");
  });
});

describe("reading the API from the server, for a page rendered there", () => {
  const Page = z.object({ items: z.array(z.object({ id: z.string() })), total: z.number() });

  beforeEach(() => vi.stubEnv("API_ORIGIN", "http://api:8000"));
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  function json(status: number, body: unknown) {
    return vi.spyOn(globalThis, "fetch").mockResolvedValue(
      new Response(JSON.stringify(body), {
        status,
        headers: { "Content-Type": "application/json" },
      }),
    );
  }

  it("gives the answer, checked, asked with the visitor's session cookies", async () => {
    const fetch = json(200, { items: [{ id: "a" }], total: 1 });

    expect(await serverGet("/campaigns?offset=0&limit=20", Page)).toEqual({
      items: [{ id: "a" }],
      total: 1,
    });
    const [url, init] = fetch.mock.calls[0];
    expect(String(url)).toBe("http://api:8000/api/v1/campaigns?offset=0&limit=20");
    expect(new Headers(init?.headers).get("cookie")).toBe("session=abc; csrf_token=xyz");
    expect(init?.cache).toBe("no-store");
  });

  it("gives nothing for a refusal, an answer off the schema, or no answer", async () => {
    json(401, { detail: "Not authenticated" });
    expect(await serverGet("/campaigns", Page)).toBeUndefined();
    json(200, { items: "none" });
    expect(await serverGet("/campaigns", Page)).toBeUndefined();
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("connection refused"));
    expect(await serverGet("/campaigns", Page)).toBeUndefined();
  });
});
