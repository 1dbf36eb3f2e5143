"use client";

import { type FormEvent, useRef, useState } from "react";

import { loadChecker, type Schema } from "./api-client";
import { errorMessage, serverFieldErrors } from "./errors";
import type { FieldErrors } from "./validation";

// --- reading a form's values, typed as the API takes them --------------------

function raw(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** What an empty input becomes: `undefined` (required, Zod says so) or `null` (optional: cleared). */
function empty(optional: boolean): undefined | null {
  return optional ? null : undefined;
}

export function readText(form: FormData, name: string, optional = false) {
  return raw(form, name) ?? empty(optional);
}

export function readNumber(form: FormData, name: string, optional = false) {
  const value = raw(form, name);
  return value === undefined ? empty(optional) : Number(value.replace(",", "."));
}

/** Decimals travel as strings (their precision kept); a decimal comma is accepted. */
export function readDecimal(form: FormData, name: string, optional = false) {
  return raw(form, name)?.replace(",", ".") ?? empty(optional);
}

/** A checkbox (`on` or absent), or a select of "true", "false" and "" (not set). */
export function readBoolean(form: FormData, name: string, optional = false) {
  const value = raw(form, name);
  if (!optional) return value === "on" || value === "true";
  return value === undefined ? null : value === "true" || value === "on";
}

/** `datetime-local` gives a local time without its offset: send it as an instant (UTC). */
export function readDateTime(form: FormData, name: string, optional = false) {
  const value = raw(form, name);
  if (value === undefined) return empty(optional);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** A JSON object; what does not parse is kept as text, for Zod to refuse. */
export function readJson(form: FormData, name: string, optional = false) {
  const value = raw(form, name);
  if (value === undefined) return empty(optional);
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

// --- showing a value in an input -----------------------------------------------

function pad(value: number) {
  return String(value).padStart(2, "0");
}

/** The text an input shows for a value of the API (an edit form's defaults). */
export function inputValue(value: unknown, kind?: "datetime" | "json"): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (kind === "datetime") {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) return undefined;
    const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }
  if (kind === "json") return JSON.stringify(value, null, 2);
  return String(value);
}

/** Moves the focus to the first control of `form` (in the page's order) that has an error. */
export function focusFirstError(form: HTMLFormElement, errors: FieldErrors) {
  for (const element of Array.from(form.elements) as HTMLInputElement[]) {
    if (element.type === "hidden") continue;
    // A picker types into a control of its own and keeps the value in a hidden input.
    const name = element.name || element.dataset.field;
    if (name && errors[name]) {
      element.focus();
      return;
    }
  }
}

/** What a failed submission says above the submit button, in the project's language. */
export function submitError(error: unknown): string {
  return errorMessage(error);
}

export interface FormState {
  errors: FieldErrors;
  formError: string | null;
  pending: boolean;
  /** True once the server took the data (the page moves on: nothing is left to lose). */
  saved: boolean;
  handleSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  /** Loads what checks the values (Zod, the schema): the form calls it when first focused. */
  prepare: () => void;
}

/**
 * A form's submission: reads and validates the values, sends them once (the button is disabled
 * while pending, and further clicks are ignored until the answer), shows the client's and the
 * server's field errors next to their fields and moves the focus to the first one.
 */
export function useSubmit<T>(
  schema: Schema<T>,
  read: (form: FormData) => Record<string, unknown>,
  send: (data: T) => Promise<void>,
): FormState {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const busy = useRef(false);
  // Loaded once, when first needed: Zod and the schema are not in the page's first load.
  const checker = useRef<ReturnType<typeof loadChecker<T>> | null>(null);
  function prepared() {
    checker.current ??= loadChecker(schema);
    return checker.current;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    const form = event.currentTarget;
    const values = read(new FormData(form));
    let valid;
    try {
      const [{ validate }, checked] = await prepared();
      valid = validate(checked, values);
    } catch (error) {
      // Not loaded (offline, say): said above the button, and asked again at the next click.
      checker.current = null;
      busy.current = false;
      setFormError(submitError(error));
      return;
    }
    if (valid.errors) {
      busy.current = false;
      setErrors(valid.errors);
      setFormError(null);
      focusFirstError(form, valid.errors);
      return;
    }
    setPending(true);
    setErrors({});
    setFormError(null);
    try {
      await send(valid.data);
      setSaved(true);
      // Success: stay pending (the page moves on); a click in between sends nothing.
    } catch (error) {
      busy.current = false;
      setPending(false);
      const server = serverFieldErrors(error);
      setErrors(server);
      setFormError(submitError(error));
      focusFirstError(form, server);
    }
  }

  function prepare() {
    // Not loaded: the next submission asks again, and says so if it fails too.
    prepared().catch(() => (checker.current = null));
  }

  return { errors, formError, pending, saved, handleSubmit, prepare };
}
