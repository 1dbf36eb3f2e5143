/**
 * The API as this site's server reaches it, for a page rendered on the server: the backend's
 * origin (API_ORIGIN, read at run time, never sent to the browser) and the visitor's session
 * cookies. The browser reaches it through `src/app/api/[...path]/route.ts` instead.
 */
import { cookies } from "next/headers";
import * as z from "zod/mini";

import { DEFAULT_API_BASE_URL } from "./api-client";

/** The backend's origin, e.g. http://api:8000 in compose. */
export function apiOrigin(): string {
  return (process.env.API_ORIGIN ?? "http://127.0.0.1:8000").replace(/\/$/, "");
}

/**
 * Whether the API says `path` (below /api/v1: `/campaigns/<id>`) does not exist for this session:
 * 404, or 422 for an id that cannot be one. A page calls `notFound()` then, so that a missing item
 * is a real HTTP 404. Any other answer (signed out, unreachable) is left to the page to show.
 */
export async function isMissing(path: string): Promise<boolean> {
  try {
    const answer = await ask(path);
    return answer.status === 404 || answer.status === 422;
  } catch {
    return false;
  }
}

/**
 * What the API answers `path` (below /api/v1: `/campaigns?offset=0&limit=20`) for this session,
 * checked by `schema`: a page rendered on the server with it (a list's first page) needs no fetch
 * from the browser to show it. Undefined for any other answer (signed out, refused, unreachable,
 * off the schema): the page's client view then asks as it would without, and shows what it gets
 * (a 401 sends to sign-in).
 */
export async function serverGet<T>(
  path: string,
  schema: z.core.$ZodType<T>,
): Promise<T | undefined> {
  try {
    const answer = await ask(path);
    if (!answer.ok) return undefined;
    const parsed = z.safeParse(schema, await answer.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A GET of the API with the visitor's session cookies, never cached. */
async function ask(path: string): Promise<Response> {
  const cookie = (await cookies()).toString();
  return fetch(`${apiOrigin()}${DEFAULT_API_BASE_URL}${path}`, {
    headers: cookie ? { cookie, accept: "application/json" } : { accept: "application/json" },
    cache: "no-store",
  });
}
