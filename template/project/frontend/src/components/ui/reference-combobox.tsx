"use client";

import { Combobox, ComboboxInput, ComboboxOption, ComboboxOptions } from "@headlessui/react";
import { useState } from "react";

import { apiClient, type ApiClient } from "@/lib/api-client";
import { messages } from "@/lib/i18n";
import { rowLabel, useRow, useRows, type Row } from "@/lib/references";

import { cn } from "./cn";
import type { ControlProps } from "./field";

export interface ReferenceComboboxProps extends ControlProps {
  /** The referenced resource's path in the API (`/campaigns`). */
  path: string;
  /** The id referenced first (an edit, or a "new" pre-filled from a parent's page). */
  defaultValue?: string;
  client?: ApiClient;
}

const input = cn(
  "h-9 w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs",
  "placeholder:text-muted-foreground focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 focus-visible:outline-none",
  "aria-invalid:border-destructive aria-invalid:ring-destructive/20",
);

/** The rows matching what was typed, newest first: fetched only while the list is open. */
function Options({ path, query, client }: { path: string; query: string; client: ApiClient }) {
  const { data, error, isLoading } = useRows(
    path,
    { q: query, sort: "-created_at" },
    undefined,
    client,
  );
  const note = isLoading
    ? messages.loading
    : error
      ? messages.loadError
      : data?.items.length === 0
        ? messages.noMatch
        : null;
  return (
    <>
      {note ? <p className="px-2 py-1.5 text-sm text-muted-foreground">{note}</p> : null}
      {data?.items.map((row) => (
        <ComboboxOption
          key={row.id}
          value={row}
          className="cursor-default rounded-sm px-2 py-1.5 text-sm data-focus:bg-secondary data-focus:text-secondary-foreground data-selected:font-medium"
        >
          {rowLabel(row)}
        </ComboboxOption>
      ))}
    </>
  );
}

/**
 * A reference picked by searching the referenced resource (its list's `q`): an accessible
 * combobox (Headless UI: arrows, Enter, Escape, screen-reader announcements). The form reads
 * the chosen id from a hidden input named as the field.
 */
export function ReferenceCombobox({
  path,
  defaultValue,
  client = apiClient,
  name,
  ...control
}: ReferenceComboboxProps) {
  const [chosen, setChosen] = useState<Row | null>(defaultValue ? { id: defaultValue } : null);
  const [query, setQuery] = useState("");
  // The first id arrives alone: its row is fetched for its label.
  const first = useRow(path, chosen && Object.keys(chosen).length === 1 ? chosen.id : null, client);
  const shown = first.data && first.data.id === chosen?.id ? first.data : chosen;
  return (
    <Combobox value={shown} onChange={setChosen} onClose={() => setQuery("")} by="id" immediate>
      <div className="relative">
        <ComboboxInput
          {...control}
          data-field={name}
          className={input}
          autoComplete="off"
          placeholder={messages.searchToPick}
          displayValue={(row: Row | null) => (row ? rowLabel(row) : "")}
          onChange={(event) => setQuery(event.target.value)}
        />
        <ComboboxOptions className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border bg-card p-1 shadow-md">
          <Options path={path} query={query} client={client} />
        </ComboboxOptions>
      </div>
      <input type="hidden" name={name} value={chosen?.id ?? ""} />
    </Combobox>
  );
}
