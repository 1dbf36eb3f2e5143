import { useId, useState, type ComponentType, type ReactNode } from "react";

import type { Option } from "@/lib/format";
import { messages } from "@/lib/i18n";

import { cn } from "./cn";
import { Checkbox, Input, Select, Textarea } from "./input";
import { Label } from "./label";

/** What a control needs to be labelled, described and marked invalid. */
export interface ControlProps {
  id: string;
  name: string;
  required?: boolean;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

export interface FieldProps {
  name: string;
  label: string;
  error?: string;
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A label, its control, "optional" when it is, and the field's error below it. */
export function Field({ name, label, error, required, className, children }: FieldProps) {
  const id = `${useId()}-${name}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const described = [required ? null : hintId, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={cn("grid gap-2", className)}>
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        {required ? null : (
          <span id={hintId} className="text-xs text-muted-foreground">
            {messages.optional}
          </span>
        )}
      </div>
      {children({
        id,
        name,
        required: required || undefined,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": described || undefined,
      })}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Characters as the API counts them (code points: an emoji is one). */
export function characterCount(value: string): number {
  return [...value].length;
}

/**
 * A text input that counts its characters against the column's limit: a longer value (a paste)
 * is kept and shown as too long, never cut silently; the form refuses it before sending.
 */
export function CountedInput({
  limit,
  defaultValue,
  ...control
}: ControlProps & { limit: number; defaultValue?: string }) {
  const [count, setCount] = useState(characterCount(defaultValue ?? ""));
  const counterId = `${control.id}-count`;
  const over = count > limit;
  const described = [control["aria-describedby"], counterId].filter(Boolean).join(" ");
  return (
    <>
      <Input
        {...control}
        aria-describedby={described}
        aria-invalid={control["aria-invalid"] || over || undefined}
        defaultValue={defaultValue}
        onInput={(event) => setCount(characterCount(event.currentTarget.value))}
      />
      <p
        id={counterId}
        className={cn(
          "text-right text-xs tabular-nums",
          over ? "font-medium text-destructive" : "text-muted-foreground",
        )}
      >
        {messages.characterCount(count, limit)}
      </p>
    </>
  );
}

/** The input each field type gets. */
export type FieldKind =
  | "text"
  | "textarea"
  | "integer"
  | "number"
  | "decimal"
  | "date"
  | "datetime"
  | "boolean"
  | "optional-boolean"
  | "json"
  | "uuid"
  | "select"
  | "reference";

export interface FormFieldProps {
  kind: FieldKind;
  name: string;
  label: string;
  required?: boolean;
  error?: string;
  /** The value shown first, as the input's text ("true"/"false" for booleans). */
  defaultValue?: string;
  /** The column's length: a counter shows it, the form's schema enforces it (nothing is cut). */
  maxLength?: number;
  /** The values a `select` offers. */
  options?: readonly Option[];
  /** The resource a `reference` picks from, by its API path (`/campaigns`). */
  path?: string;
  /**
   * The control a `reference` is picked with: `ReferenceCombobox`, given by a form that has a
   * reference, so that only those forms load Headless UI's combobox (about 40 kB gzip).
   */
  picker?: ComponentType<ControlProps & { path: string; defaultValue?: string }>;
}

/** A form field of a given kind: the right control with its label and error. */
export function FormField({
  kind,
  defaultValue,
  maxLength,
  options,
  path,
  picker: Picker,
  ...field
}: FormFieldProps) {
  if (kind === "boolean") {
    // A checkbox is always answered (checked or not): never `required`.
    return (
      <Field {...field} required>
        {(control) => (
          <div className="flex h-9 items-center">
            <Checkbox {...control} required={false} defaultChecked={defaultValue === "true"} />
          </div>
        )}
      </Field>
    );
  }
  return (
    <Field {...field}>
      {(control) => {
        switch (kind) {
          case "textarea":
            return <Textarea {...control} defaultValue={defaultValue} />;
          case "json":
            return (
              <Textarea
                {...control}
                className="font-mono"
                spellCheck={false}
                defaultValue={defaultValue}
                placeholder='{"key": "value"}'
              />
            );
          case "select":
            return (
              <Select {...control} defaultValue={defaultValue ?? ""}>
                <option value="" disabled={field.required}>
                  {messages.unset}
                </option>
                {options?.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            );
          case "optional-boolean":
            return (
              <Select {...control} defaultValue={defaultValue ?? ""}>
                <option value="">{messages.unset}</option>
                <option value="true">{messages.yes}</option>
                <option value="false">{messages.no}</option>
              </Select>
            );
          case "reference":
            return path && Picker ? (
              <Picker {...control} path={path} defaultValue={defaultValue} />
            ) : (
              <Input {...control} defaultValue={defaultValue} />
            );
          case "integer":
            return <Input {...control} type="number" step={1} defaultValue={defaultValue} />;
          case "number":
            return <Input {...control} type="number" step="any" defaultValue={defaultValue} />;
          case "decimal":
            return <Input {...control} inputMode="decimal" defaultValue={defaultValue} />;
          case "date":
            return <Input {...control} type="date" defaultValue={defaultValue} />;
          case "datetime":
            return <Input {...control} type="datetime-local" defaultValue={defaultValue} />;
          default:
            return maxLength ? (
              <CountedInput {...control} limit={maxLength} defaultValue={defaultValue} />
            ) : (
              <Input {...control} defaultValue={defaultValue} />
            );
        }
      }}
    </Field>
  );
}
