"use client";

import useSWR from "swr";

import { apiClient, type ApiClient, type Schema } from "@/lib/api-client";

import type { Row, RowPage } from "./references.schema";
import { swrOptions } from "./swr";

export type { Row, RowPage };

// Loaded with the first answer to check, not with the page (`Schema` in `./api-client`).
const schemas = () => import("./references.schema");
const RowSchema: Schema<Row> = () => schemas().then((s) => s.RowSchema);
const RowPageSchema: Schema<RowPage> = () => schemas().then((s) => s.RowPageSchema);

/** The rows a picker offers at once. */
export const PICK_LIMIT = 10;

const NOT_LABELS = new Set(["id", "tenant_id", "created_at", "updated_at"]);

/**
 * How a row of another resource is named: its first text value (a resource's first
 * field is the one its own pages name it by), else the start of its id.
 */
export function rowLabel(row: Row): string {
  for (const [key, value] of Object.entries(row)) {
    if (NOT_LABELS.has(key) || key.endsWith("_id")) continue;
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return row.id.slice(0, 8);
}

/**
 * One row of the resource at `path` (`/campaigns`), for its label. The key starts with
 * the path, so that the resource's own refresh after a change refreshes it too.
 */
export function useRow(path: string, id: string | null | undefined, client: ApiClient = apiClient) {
  return useSWR<Row>(
    id ? [path, client.tenant(), "row", id] : null,
    () => client.get(`${path}/${id}`, RowSchema),
    swrOptions,
  );
}

/** The first rows of `path` matching `params` (a search `q`, filters), at most `limit`. */
export function useRows(
  path: string,
  params: Record<string, string>,
  limit: number = PICK_LIMIT,
  client: ApiClient = apiClient,
) {
  const given = Object.entries(params).filter(([, value]) => value.trim() !== "");
  const query = new URLSearchParams([...given, ["limit", String(limit)]]).toString();
  return useSWR<RowPage>(
    [path, client.tenant(), "rows", query],
    () => client.get(`${path}?${query}`, RowPageSchema),
    swrOptions,
  );
}
