import { z } from "zod";

/** The header that carries the caller's tenant (the backend's TENANT_HEADER). */
export const TENANT_HEADER = "X-Tenant-ID";

export const DEFAULT_API_BASE_URL =
  process.env.NEXT_PUBLIC_API_BASE_URL ?? "http://127.0.0.1:8000/api/v1";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`API answered HTTP ${status}`);
    this.name = "ApiError";
  }
}

export interface ApiClientOptions {
  baseUrl?: string;
  /** The tenant's UUID, or a function that reads it (from the session, say). */
  tenantId: string | (() => string | null);
  fetch?: typeof fetch;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** A typed client: every response is validated with the Zod schema given. */
export function createApiClient(options: ApiClientOptions) {
  const baseUrl = (options.baseUrl ?? DEFAULT_API_BASE_URL).replace(/\/$/, "");
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(
    method: Method,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    const tenantId = typeof options.tenantId === "function" ? options.tenantId() : options.tenantId;
    const headers: Record<string, string> = { Accept: "application/json" };
    if (tenantId) headers[TENANT_HEADER] = tenantId;
    if (body !== undefined) headers["Content-Type"] = "application/json";

    const response = await doFetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload: unknown = response.status === 204 ? undefined : await response.json();
    if (!response.ok) throw new ApiError(response.status, payload);
    return schema.parse(payload);
  }

  return {
    get: <T>(path: string, schema: z.ZodType<T>) => request("GET", path, schema),
    post: <T>(path: string, schema: z.ZodType<T>, body: unknown) =>
      request("POST", path, schema, body),
    patch: <T>(path: string, schema: z.ZodType<T>, body: unknown) =>
      request("PATCH", path, schema, body),
    delete: (path: string) => request("DELETE", path, z.undefined()),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The app's client: the tenant comes from NEXT_PUBLIC_TENANT_ID until real auth replaces it. */
export const apiClient = createApiClient({
  tenantId: () => process.env.NEXT_PUBLIC_TENANT_ID ?? null,
});
