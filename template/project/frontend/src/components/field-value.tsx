import dynamic from "next/dynamic";
import type { ReactNode } from "react";

import { formatValue, type Option, type ValueKind } from "@/lib/format";
import { useHydrated } from "@/lib/hydrated";

import { cn } from "./ui/cn";

// A referenced row's label is read from the browser (SWR): loaded only where one is shown.
const ReferenceValue = dynamic(() =>
  import("./reference-value").then((module) => module.ReferenceValue),
);

/** A field as a resource's pages show it (`src/lib/resources/<entity>.ts`). */
export interface FieldDescription {
  name: string;
  label: string;
  kind: ValueKind;
  /** An enumeration's values and labels. */
  options?: readonly Option[];
  /** A reference's resource, by its API path, which is also its pages' (`/campaigns`). */
  path?: string;
  /** A reference shown as a link: its resource has pages. */
  linked?: boolean;
}

/**
 * A value as `formatValue` writes it, an instant in the reader's time zone once in the browser: a
 * page rendered on the server (a list's first page) and the render that hydrates it write it in
 * UTC, named so, which the server and every browser write alike (no hydration mismatch).
 */
function useFormatted(field: FieldDescription, value: unknown): string {
  const hydrated = useHydrated();
  const zone = field.kind === "datetime" && !hydrated ? "UTC" : undefined;
  return formatValue(value, field.kind, field.options, zone);
}

/** A value of a field as people read it: formatted, or a referenced row's label. */
export function FieldValue({
  field,
  value,
  linked = field.linked,
}: {
  field: FieldDescription;
  value: unknown;
  /** A reference as a link or not (say, inside another link), whatever the field says. */
  linked?: boolean;
}) {
  const formatted = useFormatted(field, value);
  if (field.kind === "reference" && field.path) {
    const id = typeof value === "string" ? value : null;
    return <ReferenceValue path={field.path} id={id} linked={linked} />;
  }
  return <>{formatted}</>;
}

const NUMERIC: readonly ValueKind[] = ["integer", "number", "decimal"];

/** A table column's alignment for a field: numbers on the right, their digits aligned. */
export function columnClass(field: FieldDescription): string | undefined {
  return NUMERIC.includes(field.kind) ? "text-right tabular-nums" : undefined;
}

/**
 * A value in a table's cell, on one line cut with an ellipsis: a long value (a 255-character
 * word) neither widens the table nor pushes the other columns away; its whole text is in the
 * `title` (a reference's label has its own). `children` replaces the value (say, as a link).
 */
export function CellValue({
  field,
  value,
  children,
}: {
  field: FieldDescription;
  value: unknown;
  children?: ReactNode;
}) {
  const formatted = useFormatted(field, value);
  const title = field.kind === "reference" ? undefined : formatted;
  return (
    <span
      title={title}
      className={cn(
        "block max-w-64 truncate",
        NUMERIC.includes(field.kind) && "ml-auto",
        field.kind === "json" && "font-mono text-xs",
      )}
    >
      {children ?? <FieldValue field={field} value={value} />}
    </span>
  );
}
