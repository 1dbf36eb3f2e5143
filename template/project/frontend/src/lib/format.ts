import { locale, messages } from "./i18n";

export type ValueKind =
  | "text"
  | "integer"
  | "number"
  | "decimal"
  | "boolean"
  | "date"
  | "datetime"
  | "json"
  | "choice"
  | "reference";

/** One value of an enumeration and its label for people. */
export interface Option {
  value: string;
  label: string;
}

/** Intl's formats are slow to build (a list's first render builds some): each is built once. */
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function once<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => T): T {
  let format = formats.get(key) as T | undefined;
  if (format === undefined) {
    format = build();
    formats.set(key, format);
  }
  return format;
}

const dateFormat = () =>
  once("date", () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }));
/**
 * An instant, in the reader's time zone, which it names ("15 janv. 2026, 10:30 UTC+1"): colleagues
 * in two zones read two times, and each knows which. (`timeZoneName` excludes `dateStyle`.)
 */
export function dateTimeFormat(timeZone?: string): Intl.DateTimeFormat {
  return once(
    `datetime ${timeZone ?? ""}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZoneName: "short",
        timeZone,
      }),
  );
}
const numberFormat = () =>
  once("number", () => new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }));
const decimalFormat = () =>
  once(
    "decimal",
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  );

/** A value of the API as people read it, in the project's locale (an enum's value by its label). */
export function formatValue(
  value: unknown,
  kind: ValueKind = "text",
  options?: readonly Option[],
  /** An instant's zone instead of the reader's: "UTC" where the reader's is not known yet. */
  timeZone?: string,
): string {
  if (value === null || value === undefined || value === "") return messages.none;
  switch (kind) {
    case "choice":
      return options?.find((option) => option.value === value)?.label ?? String(value);
    case "boolean":
      return value ? messages.yes : messages.no;
    case "date": {
      const date = new Date(`${String(value)}T00:00:00Z`);
      return Number.isNaN(date.getTime()) ? String(value) : dateFormat().format(date);
    }
    case "datetime": {
      const date = new Date(String(value));
      if (Number.isNaN(date.getTime())) return String(value);
      return dateTimeFormat(timeZone).format(date);
    }
    case "integer":
    case "number":
      return typeof value === "number" ? numberFormat().format(value) : String(value);
    case "decimal": {
      const number = Number(value);
      return Number.isNaN(number) ? String(value) : decimalFormat().format(number);
    }
    case "json":
      return JSON.stringify(value);
    default:
      return String(value);
  }
}
