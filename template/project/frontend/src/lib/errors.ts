import { ApiError, type ServerIssue } from "./api-client";
import { messages } from "./i18n";

/**
 * What the server refused, in the project's language: from each error's code (a 422's pydantic
 * `type` and its `ctx`, a 409's `code` and `field`, the HTTP status), never from the server's
 * own text, which is English.
 */

/** A limit of a 422's `ctx` (`{"le": 2147483647}`), as the messages take it. */
function limit(ctx: ServerIssue["ctx"], key: string): number | string {
  const value = ctx?.[key];
  return typeof value === "number" ? value : String(value ?? "");
}

/** One validation error of the server (a 422's `detail[]` item), for the field it names. */
export function issueMessage(issue: Pick<ServerIssue, "type" | "ctx">): string {
  const { ctx } = issue;
  switch (issue.type) {
    case "missing":
      return messages.required;
    case "string_too_long":
      return messages.tooLong(limit(ctx, "max_length"));
    case "string_too_short":
      return Number(ctx?.min_length ?? 1) <= 1
        ? messages.required
        : messages.tooShort(limit(ctx, "min_length"));
    case "greater_than":
      return messages.above(limit(ctx, "gt"));
    case "greater_than_equal":
      return messages.tooSmall(limit(ctx, "ge"));
    case "less_than":
      return messages.below(limit(ctx, "lt"));
    case "less_than_equal":
      return messages.tooBig(limit(ctx, "le"));
    case "int_parsing":
    case "int_parsing_size":
    case "int_type":
    case "int_from_float":
      return messages.notAnInteger;
    case "float_parsing":
    case "float_type":
    case "finite_number":
      return messages.notANumber;
    case "decimal_parsing":
    case "decimal_type":
      return messages.notADecimal;
    case "decimal_max_digits":
      return messages.tooManyDigits(limit(ctx, "max_digits"));
    case "decimal_max_places":
      return messages.tooManyDecimals(limit(ctx, "decimal_places"));
    case "decimal_whole_digits":
      return messages.tooManyWholeDigits(limit(ctx, "whole_digits"));
    case "enum":
    case "literal_error":
      return messages.notAChoice;
    case "uuid_parsing":
    case "uuid_type":
    case "uuid_version":
      return messages.invalidUuid;
    case "date_parsing":
    case "date_type":
    case "date_from_datetime_parsing":
    case "date_from_datetime_inexact":
    case "datetime_parsing":
    case "datetime_type":
    case "datetime_from_date_parsing":
    case "datetime_object_invalid":
      return messages.invalidDate;
    case "json_invalid":
    case "json_type":
    case "dict_type":
      return messages.invalidJson;
    case "reference_not_found":
      return messages.referenceMissing;
    default:
      // value_error (a NUL character, a date outside the calendar...), bool_parsing, string_type.
      return messages.invalid;
  }
}

/** The server's errors by field of the form: a 422's (first one each), a 409's taken value. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!(error instanceof ApiError)) return errors;
  for (const issue of error.issues) {
    const [where, field] = issue.loc;
    if (where === "body" && typeof field === "string" && !(field in errors)) {
      errors[field] = issueMessage(issue);
    }
  }
  if (error.status === 409 && error.code === "unique" && error.field) {
    for (const field of error.field.split(",")) errors[field.trim()] = messages.taken;
  }
  return errors;
}

/** What a failed request says above its form or its button: one line, whatever the status. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return messages.unreachable;
  if (Object.keys(serverFieldErrors(error)).length > 0) return messages.fixErrors;
  switch (error.status) {
    case 400:
      return messages.badRequest;
    case 401:
      return messages.signedOut;
    case 403:
      return messages.forbidden;
    case 404:
      return messages.gone;
    case 409:
      return error.code === "referenced" ? messages.stillReferenced : messages.conflict;
    case 413:
      return messages.tooLarge;
    case 422:
      return messages.valueRefused;
    case 429:
      return messages.tooManyRequests;
    case 502:
    case 503:
    case 504:
      return messages.unavailable;
    default:
      return error.status >= 500 ? messages.serverError : messages.serverRefused(error.status);
  }
}
