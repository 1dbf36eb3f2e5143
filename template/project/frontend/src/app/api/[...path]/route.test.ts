// @vitest-environment node
// The proxy runs on the server: Node's fetch, Request and Headers, not a browser's.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

import { GET, POST } from "./route";

function context(...path: string[]) {
  return { params: Promise.resolve({ path }) };
}

function backend(response: Response) {
  return vi.spyOn(globalThis, "fetch").mockResolvedValue(response);
}

afterEach(() => vi.restoreAllMocks());

describe("the API proxy", () => {
  it("forwards the method, path, query, body, cookie and CSRF header, nothing else", async () => {
    const fetch = backend(Response.json({ id: "1" }, { status: 201 }));
    const request = new NextRequest("http://app.test/api/v1/campaigns?limit=2", {
      method: "POST",
      body: JSON.stringify({ name: "x" }),
      headers: {
        "content-type": "application/json",
        cookie: "session=t; csrf_token=c",
        "x-csrf-token": "c",
        authorization: "Bearer smuggled",
        "x-tenant-id": "smuggled",
      },
    });

    const answer = await POST(request, context("v1", "campaigns"));

    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ id: "1" });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe("http://127.0.0.1:8000/api/v1/campaigns?limit=2");
    expect(init?.method).toBe("POST");
    const headers = init?.headers as Headers;
    expect(headers.get("cookie")).toBe("session=t; csrf_token=c");
    expect(headers.get("x-csrf-token")).toBe("c");
    expect(headers.get("authorization")).toBeNull();
    expect(headers.get("x-tenant-id")).toBeNull();
    expect(new TextDecoder().decode(init?.body as ArrayBuffer)).toBe('{"name":"x"}');
  });

  it("passes every cookie the API sets back to the browser", async () => {
    const headers = new Headers({ "content-type": "application/json" });
    headers.append("set-cookie", "session=t; HttpOnly; Path=/");
    headers.append("set-cookie", "csrf_token=c; Path=/");
    backend(new Response('{"organization_id":"o1"}', { status: 200, headers }));
    vi.stubEnv("API_ORIGIN", "http://api:8000/");

    const answer = await POST(
      new NextRequest("http://app.test/api/v1/auth/sign-in", { method: "POST", body: "{}" }),
      context("v1", "auth", "sign-in"),
    );

    expect(answer.headers.getSetCookie()).toEqual([
      "session=t; HttpOnly; Path=/",
      "csrf_token=c; Path=/",
    ]);
    expect(String(vi.mocked(globalThis.fetch).mock.calls[0][0])).toBe(
      "http://api:8000/api/v1/auth/sign-in",
    );
    vi.unstubAllEnvs();
  });

  it("never climbs out of the API's /api", async () => {
    const fetch = backend(Response.json({}));

    const answer = await GET(new NextRequest("http://app.test/api/x"), context("..", "docs"));

    expect(answer.status).toBe(404);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("answers an empty 204, and 502 when the API is down", async () => {
    backend(new Response(null, { status: 204 }));
    const empty = await GET(new NextRequest("http://app.test/api/v1/x"), context("v1", "x"));
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe("");

    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("connection refused"));
    const down = await GET(new NextRequest("http://app.test/api/v1/x"), context("v1", "x"));
    expect(down.status).toBe(502);
  });
});
