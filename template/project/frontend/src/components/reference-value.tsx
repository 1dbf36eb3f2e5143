"use client";

import Link from "next/link";

import { apiClient, type ApiClient } from "@/lib/api-client";
import { messages } from "@/lib/i18n";
import { rowLabel, useRow } from "@/lib/references";

export interface ReferenceValueProps {
  /** The referenced resource's path in the API, which is also its pages' (`/campaigns`). */
  path: string;
  id: string | null | undefined;
  /** A link to the row's page, when the referenced resource has pages. */
  linked?: boolean;
  client?: ApiClient;
}

/** A referenced row as people read it: its label (fetched once per row), as a link. */
export function ReferenceValue({
  path,
  id,
  linked = false,
  client = apiClient,
}: ReferenceValueProps) {
  const { data, error } = useRow(path, id, client);
  if (!id) return <>{messages.none}</>;
  const label = data ? rowLabel(data) : error ? id.slice(0, 8) : "…";
  if (!linked) return <span title={label}>{label}</span>;
  return (
    <Link
      href={`${path}/${id}`}
      title={label}
      className="font-medium text-primary underline-offset-4 hover:underline"
    >
      {label}
    </Link>
  );
}
