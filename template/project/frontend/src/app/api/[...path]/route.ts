/**
 * The browser's only way to the API: this server forwards `/api/*` to the backend
 * (API_ORIGIN, read at run time, never sent to the browser). The session stays in the
 * backend's httpOnly cookie, now a first-party cookie of this site: no token or tenant
 * is ever in the page's JavaScript, `NEXT_PUBLIC_*` or storage.
 */
import type { NextRequest } from "next/server";

import { apiOrigin } from "@/lib/server-api";

export const dynamic = "force-dynamic";

// What goes through, each way; nothing else (hop-by-hop headers, the host, encodings).
const REQUEST_HEADERS = ["accept", "content-type", "cookie", "x-csrf-token", "x-request-id"];
const DROPPED_RESPONSE_HEADERS = new Set([
  "connection",
  "content-encoding",
  "content-length",
  "keep-alive",
  "transfer-encoding",
  "set-cookie",
]);

type Context = { params: Promise<{ path: string[] }> };

async function forward(request: NextRequest, context: Context): Promise<Response> {
  const { path } = await context.params;
  // Only below the API's /api: no dot segment climbs out of it.
  if (path.some((segment) => segment === "." || segment === "..")) {
    return Response.json({ detail: "Not Found" }, { status: 404 });
  }
  const target = `${apiOrigin()}/api/${path.map(encodeURIComponent).join("/")}${request.nextUrl.search}`;
  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  // The client's address, for the backend's limit of failed sign-ins per address.
  const client = request.headers.get("x-forwarded-for");
  if (client) headers.set("x-forwarded-for", client);
  const hasBody = !["GET", "HEAD"].includes(request.method);
  let answer: Response;
  try {
    answer = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: "manual",
      cache: "no-store",
    });
  } catch {
    return Response.json({ detail: "The API cannot be reached" }, { status: 502 });
  }
  const out = new Headers();
  answer.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) out.set(name, value);
  });
  for (const cookie of answer.headers.getSetCookie()) out.append("set-cookie", cookie);
  const empty = answer.status === 204 || answer.status === 304 || request.method === "HEAD";
  return new Response(empty ? null : await answer.arrayBuffer(), {
    status: answer.status,
    headers: out,
  });
}

export {
  forward as DELETE,
  forward as GET,
  forward as HEAD,
  forward as PATCH,
  forward as POST,
  forward as PUT,
};
