import { z } from "zod";

/** The header that carries the caller's tenant (the backend's TENANT_HEADER). */
export const TENANT_HEADER = "X-Tenant-ID";

export const DEFAULT_API_BASE_URL =
  process.env.NEXT_PUBLIC_API_BASE_URL ?? "http://127.0.0.1:8000/api/v1";

/** One of FastAPI's validation errors: `{"loc": ["body", "name"], "msg": "...", "type": "..."}`. */
const ValidationIssue = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
});
const ErrorBody = z.object({ detail: z.union([z.string(), z.array(ValidationIssue)]) });

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

  /** The server's errors per field of the body (a 422's `detail[].loc`), first message each. */
  get fieldErrors(): Record<string, string> {
    const parsed = ErrorBody.safeParse(this.body);
    const errors: Record<string, string> = {};
    if (!parsed.success || typeof parsed.data.detail === "string") return errors;
    for (const issue of parsed.data.detail) {
      const [where, field] = issue.loc;
      if (where === "body" && typeof field === "string" && !(field in errors)) {
        errors[field] = issue.msg;
      }
    }
    return errors;
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  /** The tenant's UUID, or a function that reads it (from the session, say). */
  tenantId: string | (() => string | null);
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
    typeof options.tenantId === "function" ? options.tenantId() : options.tenantId;

  async function request<T>(
    method: Method,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const tenantId = tenant();
    const headers: Record<string, string> = { Accept: "application/json" };
    if (tenantId) headers[TENANT_HEADER] = tenantId;
    if (body !== undefined) headers["Content-Type"] = "application/json";

    const response = await doFetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
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
    return schema.parse(payload);
  }

  return {
    /** The tenant the next request is sent for (SWR keys include it). */
    tenant,
    get: <T>(path: string, schema: z.ZodType<T>) => request("GET", path, schema),
    post: <T>(path: string, schema: z.ZodType<T>, body: unknown) =>
      request("POST", path, schema, body),
    patch: <T>(path: string, schema: z.ZodType<T>, body: unknown) =>
      request("PATCH", path, schema, body),
    delete: async (path: string): Promise<void> => {
      await request("DELETE", path, z.unknown());
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app's client: the tenant comes from NEXT_PUBLIC_TENANT_ID until real auth replaces it. */
export const apiClient = createApiClient({
  tenantId: () => process.env.NEXT_PUBLIC_TENANT_ID ?? null,
});
