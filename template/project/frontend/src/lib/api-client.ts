import * as z from "zod/mini";

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
const ValidationIssue = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.catch(z.string(), "invalid"),
  ctx: z.catch(z.optional(z.record(z.string(), z.unknown())), undefined),
});
export type ServerIssue = z.infer<typeof ValidationIssue>;
const ErrorBody = z.object({
  detail: z.union([z.string(), z.array(ValidationIssue)]),
  /** A 409's kind (`unique`, `referenced`) and the field whose value is taken. */
  code: z.catch(z.optional(z.string()), undefined),
  field: z.catch(z.optional(z.string()), undefined),
});

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
    const parsed = ErrorBody.safeParse(this.body);
    return parsed.success && typeof parsed.data.detail === "string"
      ? parsed.data.detail
      : undefined;
  }

  /** A 422's validation errors (`detail[]`), in the server's order; none for other answers. */
  get issues(): ServerIssue[] {
    const parsed = ErrorBody.safeParse(this.body);
    return parsed.success && typeof parsed.data.detail !== "string" ? parsed.data.detail : [];
  }

  /** A 409's kind: `unique` (a value taken), `referenced` (a row others refer to). */
  get code(): string | undefined {
    const parsed = ErrorBody.safeParse(this.body);
    return parsed.success ? parsed.data.code : undefined;
  }

  /** The field a 409 names (its value is taken), when the server says which. */
  get field(): string | undefined {
    const parsed = ErrorBody.safeParse(this.body);
    return parsed.success ? parsed.data.field : undefined;
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
 * other success is validated with the Zod schema given.
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
    schema: z.core.$ZodType<T>,
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
    return z.parse(schema, payload);
  }

  return {
    /** The tenant the next request is sent for (SWR keys include it). */
    tenant,
    get: <T>(path: string, schema: z.core.$ZodType<T>) => request("GET", path, schema),
    post: <T>(path: string, schema: z.core.$ZodType<T>, body: unknown) =>
      request("POST", path, schema, body),
    patch: <T>(path: string, schema: z.core.$ZodType<T>, body: unknown) =>
      request("PATCH", path, schema, body),
    delete: async (path: string): Promise<void> => {
      await request("DELETE", path, z.unknown());
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
