import type * as z from "zod/mini";

/**
 * The API, through this site's own server (`src/app/api/[...path]/route.ts`): the session is
 * the backend's httpOnly cookie, which scripts cannot read; no token or tenant is held here.
 */
export const DEFAULT_API_BASE_URL = "/api/v1";

/** The cookie (readable) and the header of the CSRF check: writes echo the cookie's value. */
export const CSRF_COOKIE = "csrf_token";
export const CSRF_HEADER = "X-CSRF-Token";

/** The page to sign in on, coming back to `next` afterwards. */
export const SIGN_IN_PATH = "/sign-in";

/** A cookie's value in `document.cookie`-style text, or null. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}

/** Where a missing or expired session sends the browser: sign-in, then back here. */
export function signInUrl(next: string): string {
  return `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
}

/**
 * One of FastAPI's validation errors: `{"loc": ["body", "name"], "msg": "...", "type":
 * "string_too_long", "ctx": {"max_length": 255}}`. Its `msg` is English: people are shown its
 * `type` and `ctx` in the project's language (`src/lib/errors.ts`).
 */
export interface ServerIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
  ctx?: Record<string, unknown>;
}

/**
 * A Zod schema, or a function that loads one. Every page loads this client, and Zod with its
 * schemas is an eighth of a page's JavaScript: a resource gives loaders (`./resources/*.ts`), so
 * that Zod comes with the first answer to check, not with the page.
 */
export type Schema<T> = z.core.$ZodType<T> | (() => Promise<z.core.$ZodType<T>>);

/** The schema itself: loaded first when given a loader. */
export async function loadSchema<T>(schema: Schema<T>): Promise<z.core.$ZodType<T>> {
  return typeof schema === "function" ? schema() : schema;
}

/** Zod's checks (`./validation`) with the schema itself: what checks an answer or a form. */
export function loadChecker<T>(schema: Schema<T>) {
  return Promise.all([import("./validation"), loadSchema(schema)]);
}

// An error's body is read here without Zod, for the same reason: every page can meet one.
type Fields = Record<string, unknown>;

function fields(value: unknown): Fields | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : undefined;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A validation error as the server sends it, or null for anything else. */
function serverIssue(value: unknown): ServerIssue | null {
  const issue = fields(value);
  const loc = issue?.loc;
  if (!issue || !Array.isArray(loc) || typeof issue.msg !== "string") return null;
  if (!loc.every((part) => typeof part === "string" || typeof part === "number")) return null;
  return {
    loc,
    msg: issue.msg,
    type: optionalText(issue.type) ?? "invalid",
    ctx: fields(issue.ctx),
  };
}

/** An answer of the API that is not a success: its status, and its body (parsed when JSON). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`API answered HTTP ${status}`);
    this.name = "ApiError";
  }

  /** The server's message (`{"detail": "..."}`), if it sent one. */
  get detail(): string | undefined {
    return optionalText(fields(this.body)?.detail);
  }

  /** A 422's validation errors (`detail[]`), in the server's order; none for other answers. */
  get issues(): ServerIssue[] {
    const detail = fields(this.body)?.detail;
    if (!Array.isArray(detail)) return [];
    const issues = detail.map(serverIssue);
    // All or nothing: a list with one error of another shape is not FastAPI's.
    return issues.every((issue) => issue !== null) ? (issues as ServerIssue[]) : [];
  }

  /** A 409's kind: `unique` (a value taken), `referenced` (a row others refer to). */
  get code(): string | undefined {
    return optionalText(fields(this.body)?.code);
  }

  /** The field a 409 names (its value is taken), when the server says which. */
  get field(): string | undefined {
    return optionalText(fields(this.body)?.field);
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  /**
   * The active organization, for cache keys only (SWR keys include it, so that two
   * organizations never share a cache); the server takes it from the session, never from here.
   */
  tenantId?: string | (() => string | null);
  /** The CSRF cookie's value, sent with every write (default: read from `document.cookie`). */
  csrfToken?: () => string | null;
  /** Called on a 401 (no session, or an expired one) before the error is thrown. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

function isJson(response: Response): boolean {
  return /\bjson\b/i.test(response.headers.get("Content-Type") ?? "");
}

/**
 * A typed client: the status and the content type are checked before the body is read, an
 * error keeps its status and body (JSON or text), an empty success is `undefined`, and every
 * other success is validated with the Zod schema given (loaded first, when given a loader).
 */
export function createApiClient(options: ApiClientOptions) {
  const baseUrl = (options.baseUrl ?? DEFAULT_API_BASE_URL).replace(/\/$/, "");
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const tenant = () =>
    typeof options.tenantId === "function" ? options.tenantId() : (options.tenantId ?? null);
  const csrfToken =
    options.csrfToken ??
    (() => (typeof document === "undefined" ? null : readCookie(document.cookie, CSRF_COOKIE)));

  async function request<T>(
    method: Method,
    path: string,
    schema: Schema<T> | null,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const csrf = method === "GET" ? null : csrfToken();
    if (csrf) headers[CSRF_HEADER] = csrf;

    const response = await doFetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    if (response.status === 401) options.onUnauthorized?.();
    const text = await response.text();
    let payload: unknown = text === "" ? undefined : text;
    if (payload !== undefined && isJson(response)) {
      try {
        payload = JSON.parse(text);
      } catch {
        throw new ApiError(response.status, text);
      }
    } else if (payload !== undefined && response.ok) {
      // A success that is not JSON (an HTML page from a proxy, say) is not an answer of the API.
      throw new ApiError(response.status, text);
    }
    if (!response.ok) throw new ApiError(response.status, payload);
    if (schema === null) return payload as T;
    const [{ parseAnswer }, checked] = await loadChecker(schema);
    return parseAnswer(checked, payload);
  }

  return {
    /** The tenant the next request is sent for (SWR keys include it). */
    tenant,
    get: <T>(path: string, schema: Schema<T>) => request("GET", path, schema),
    post: <T>(path: string, schema: Schema<T>, body: unknown) =>
      request("POST", path, schema, body),
    patch: <T>(path: string, schema: Schema<T>, body: unknown) =>
      request("PATCH", path, schema, body),
    /** Whatever it answers is not read. */
    delete: async (path: string): Promise<void> => {
      await request("DELETE", path, null);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

let activeOrganization: string | null = null;

/** The signed-in user's active organization, once known (`/me`): cache keys hold it. */
export function setActiveOrganization(id: string | null) {
  activeOrganization = id;
}

type Here = Pick<Location, "pathname" | "search" | "assign">;

/** Off to sign-in, unless already there: the page asked for comes back afterwards. */
export function redirectToSignIn(here: Here | undefined = globalThis.location) {
  if (!here || here.pathname === SIGN_IN_PATH) return;
  here.assign(signInUrl(here.pathname + here.search));
}

/** The app's client: the browser's session cookie, the CSRF header, sign-in on a 401. */
export const apiClient = createApiClient({
  tenantId: () => activeOrganization,
  onUnauthorized: () => redirectToSignIn(),
});
