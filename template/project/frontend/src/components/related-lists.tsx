"use client";

import Link from "next/link";

import { ButtonLink } from "@/components/ui/button";
import type { Relation } from "@/features";
import { apiClient, type ApiClient } from "@/lib/api-client";
import { messages } from "@/lib/i18n";
import { rowLabel, useRows } from "@/lib/references";

/** The first rows of one relation, a link to all of them and a "new" one pre-filled. */
function RelatedList({
  relation,
  parentId,
  client,
}: {
  relation: Relation;
  parentId: string;
  client: ApiClient;
}) {
  const filter = { [relation.field]: parentId };
  const { data, error, isLoading } = useRows(relation.href, filter, undefined, client);
  const search = new URLSearchParams(filter).toString();
  const headingId = `related-${relation.href.slice(1)}-${relation.field}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border bg-card p-6 shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-2 pb-3">
        <h2 id={headingId} className="text-lg font-semibold">
          {relation.label}
          {data ? (
            <span className="ml-2 text-sm font-normal text-muted-foreground">({data.total})</span>
          ) : null}
        </h2>
        <div className="flex gap-2">
          {data && data.total > data.items.length ? (
            <ButtonLink variant="ghost" size="sm" href={`${relation.href}?${search}`}>
              {messages.seeAll}
            </ButtonLink>
          ) : null}
          <ButtonLink variant="outline" size="sm" href={`${relation.href}/new?${search}`}>
            {messages.new}
          </ButtonLink>
        </div>
      </div>
      {isLoading ? <p className="text-sm text-muted-foreground">{messages.loading}</p> : null}
      {error ? <p className="text-sm text-destructive">{messages.loadError}</p> : null}
      {data && data.items.length === 0 ? (
        <p className="text-sm text-muted-foreground">{messages.empty}</p>
      ) : null}
      {data && data.items.length > 0 ? (
        <ul className="grid gap-1">
          {data.items.map((row) => (
            <li key={row.id}>
              <Link
                href={`${relation.href}/${row.id}`}
                className="text-sm font-medium text-primary underline-offset-4 hover:underline"
              >
                {rowLabel(row)}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** On a row's page, the rows of other features that refer to it (a campaign's leads). */
export function RelatedLists({
  parentId,
  relations,
  client = apiClient,
}: {
  parentId: string;
  relations: Relation[];
  client?: ApiClient;
}) {
  if (relations.length === 0) return null;
  return (
    <div className="mt-6 grid gap-6">
      {relations.map((relation) => (
        <RelatedList
          key={`${relation.href}-${relation.field}`}
          relation={relation}
          parentId={parentId}
          client={client}
        />
      ))}
    </div>
  );
}
