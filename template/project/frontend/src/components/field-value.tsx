import { formatValue, type Option, type ValueKind } from "@/lib/format";

import { ReferenceValue } from "./reference-value";

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
  if (field.kind === "reference" && field.path) {
    const id = typeof value === "string" ? value : null;
    return <ReferenceValue path={field.path} id={id} linked={linked} />;
  }
  return <>{formatValue(value, field.kind, field.options)}</>;
}
