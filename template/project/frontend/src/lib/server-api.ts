/**
 * The API as this site's server reaches it, for a page rendered on the server: the backend's
 * origin (API_ORIGIN, read at run time, never sent to the browser) and the visitor's session
 * cookies. The browser reaches it through `src/app/api/[...path]/route.ts` instead.
 */
import { cookies } from "next/headers";

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
  const cookie = (await cookies()).toString();
  try {
    const answer = await fetch(`${apiOrigin()}${DEFAULT_API_BASE_URL}${path}`, {
      headers: cookie ? { cookie, accept: "application/json" } : { accept: "application/json" },
      cache: "no-store",
    });
    return answer.status === 404 || answer.status === 422;
  } catch {
    return false;
  }
}
