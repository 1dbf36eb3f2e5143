/**
 * The API as this site's server reaches it, for a page rendered on the server: the backend's
 * origin (API_ORIGIN, read at run time, never sent to the browser) and the visitor's session
 * cookies. The browser reaches it through `src/app/api/[...path]/route.ts` instead.
 */
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import * as z from "zod/mini";

import { DEFAULT_API_BASE_URL, loadSchema, signInUrl, type Schema } from "./api-client";

/** The backend's origin, e.g. http://api:8000 in compose. */
export function apiOrigin(): string {
  return (process.env.API_ORIGIN ?? "http://127.0.0.1:8000").replace(/\/$/, "");
}

/**
 * What the API answered a read: the data, checked by its schema, or the answer's status when it
 * is not a success (0 when there is none, or one off the schema).
 */
export type ServerRead<T> = { data: T; status: 200 } | { data?: undefined; status: number };

/**
 * What the API answers `path` (below /api/v1: `/campaigns?offset=0&limit=20`) for this session,
 * checked by `schema`: a page is rendered on the server with it, with no fetch from the browser
 * before it shows. The page decides on any other answer: sign-in for a 401, a real HTTP 404
 * (`notFound()`) for a missing item, an error state with a retry otherwise.
 */
export async function serverRead<T>(path: string, schema: Schema<T>): Promise<ServerRead<T>> {
  try {
    const answer = await ask(path);
    if (!answer.ok) return { status: answer.status };
    const parsed = z.safeParse(await loadSchema(schema), await answer.json());
    return parsed.success ? { data: parsed.data, status: 200 } : { status: 0 };
  } catch {
    return { status: 0 };
  }
}

/** Whether a read says the item asked for is missing: 404, or 422 for an id that cannot be one. */
export function isMissing(read: ServerRead<unknown>): boolean {
  return read.status === 404 || read.status === 422;
}

/** Off to sign-in, coming back to `here`, when a read says the visitor is not signed in. */
export function requireSession(read: ServerRead<unknown>, here: string) {
  if (read.status === 401) redirect(signInUrl(here));
}

/** A GET of the API with the visitor's session cookies, never cached. */
async function ask(path: string): Promise<Response> {
  const cookie = (await cookies()).toString();
  return fetch(`${apiOrigin()}${DEFAULT_API_BASE_URL}${path}`, {
    headers: cookie ? { cookie, accept: "application/json" } : { accept: "application/json" },
    cache: "no-store",
  });
}
