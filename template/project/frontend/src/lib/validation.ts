import * as z from "zod/mini";

import { messages } from "./i18n";

/**
 * What needs Zod in the browser, loaded with the first answer to check or the first form sent
 * (`import("./validation")`), not with the page: an answer of the API checked against its schema,
 * and a form's values checked before they are sent, with messages in the project's language.
 */

/** A form's errors, by field name. */
export type FieldErrors = Partial<Record<string, string>>;

/** An answer of the API, as `schema` types it (a `ZodError` when it does not match). */
export function parseAnswer<T>(schema: z.core.$ZodType<T>, payload: unknown): T {
  return z.parse(schema, payload);
}

type Issue = z.core.$ZodRawIssue;

/** Zod's issues in the project's language (pass as `safeParse(data, { error: zodMessage })`). */
export function zodMessage(issue: Issue): string {
  const input = issue.input;
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined || input === null || input === "") return messages.required;
      if (issue.expected === "int") return messages.notAnInteger;
      if (issue.expected === "number") return messages.notANumber;
      if (issue.expected === "record" || issue.expected === "object") return messages.invalidJson;
      return messages.invalid;
    case "too_big":
      return issue.origin === "string"
        ? messages.tooLong(issue.maximum)
        : messages.tooBig(issue.maximum);
    case "too_small":
      if (issue.origin === "string" && input === "") return messages.required;
      return issue.origin === "string"
        ? messages.tooShort(issue.minimum)
        : messages.tooSmall(issue.minimum);
    case "invalid_value":
      // An enumeration's select left on "not set", or a value outside its options.
      if (input === undefined || input === null || input === "") return messages.required;
      return messages.notAChoice;
    case "invalid_format":
      if (issue.format === "uuid") return messages.invalidUuid;
      if (issue.format === "regex") return messages.notADecimal;
      if (issue.format === "date" || issue.format === "datetime") return messages.invalidDate;
      return messages.invalid;
    default:
      return messages.invalid;
  }
}

/** The first error of each field of a Zod error. */
function fieldErrors(error: z.core.$ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    if (field && !(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** A form's values as `schema` types them, or the first error of each field that is wrong. */
export function validate<T>(
  schema: z.core.$ZodType<T>,
  values: unknown,
): { data: T; errors?: undefined } | { data?: undefined; errors: FieldErrors } {
  const parsed = z.safeParse(schema, values, { error: zodMessage });
  return parsed.success ? { data: parsed.data } : { errors: fieldErrors(parsed.error) };
}
