import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";

import { apiOrigin, isMissing, requireSession, serverRead } from "./server-api";

const cookies = vi.hoisted(() => ({ value: "session=abc; csrf_token=xyz" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ toString: () => cookies.value }),
}));
vi.mock("next/navigation", () => ({
  redirect: vi.fn((url: string) => {
    throw new Error(`NEXT_REDIRECT;${url}`);
  }),
}));

const Page = z.object({ items: z.array(z.object({ id: z.string() })), total: z.number() });

function json(status: number, body?: unknown) {
  return vi.spyOn(globalThis, "fetch").mockResolvedValue(
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    }),
  );
}

describe("reading the API from the server, for a page rendered there", () => {
  beforeEach(() => vi.stubEnv("API_ORIGIN", "http://api:8000/"));
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("gives the answer, checked, asked with the visitor's session cookies", async () => {
    const fetch = json(200, { items: [{ id: "a" }], total: 1 });

    expect(await serverRead("/campaigns?offset=0&limit=20", Page)).toEqual({
      data: { items: [{ id: "a" }], total: 1 },
      status: 200,
    });
    const [url, init] = fetch.mock.calls[0];
    expect(String(url)).toBe("http://api:8000/api/v1/campaigns?offset=0&limit=20");
    expect(new Headers(init?.headers).get("cookie")).toBe("session=abc; csrf_token=xyz");
    expect(init?.cache).toBe("no-store");
  });

  it("takes a schema as a loader too", async () => {
    json(200, { items: [], total: 0 });
    expect(await serverRead("/campaigns", async () => Page)).toEqual({
      data: { items: [], total: 0 },
      status: 200,
    });
  });

  it("gives the status of a refusal, and 0 for an answer off the schema or none", async () => {
    json(401, { detail: "Not authenticated" });
    expect(await serverRead("/campaigns", Page)).toEqual({ status: 401 });
    json(200, { items: "none" });
    expect(await serverRead("/campaigns", Page)).toEqual({ status: 0 });
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("connection refused"));
    expect(await serverRead("/campaigns", Page)).toEqual({ status: 0 });
  });

  it("says missing for a 404, and for an id that cannot be one (422), not otherwise", () => {
    expect([404, 422, 401, 503, 0].map((status) => isMissing({ status }))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it("sends to sign-in, and back, when the visitor is not signed in", () => {
    expect(() => requireSession({ status: 401 }, "/campaigns?page=2")).toThrow(
      "NEXT_REDIRECT;/sign-in?next=%2Fcampaigns%3Fpage%3D2",
    );
    expect(() => requireSession({ status: 503 }, "/campaigns")).not.toThrow();
    expect(() => requireSession({ data: null, status: 200 }, "/campaigns")).not.toThrow();
  });

  it("sends no cookie header when the visitor has none", async () => {
    cookies.value = "";
    const fetch = json(200, { items: [], total: 0 });

    await serverRead("/campaigns", Page);
    expect(new Headers(fetch.mock.calls[0][1]?.headers).has("cookie")).toBe(false);
    cookies.value = "session=abc; csrf_token=xyz";
  });

  it("defaults to the API on this machine", () => {
    vi.unstubAllEnvs();
    vi.stubEnv("API_ORIGIN", undefined);
    expect(apiOrigin()).toBe("http://127.0.0.1:8000");
  });
});
