import { fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";

import { FormField } from "@/components/ui/field";

import { ApiError, type Schema as SchemaOf } from "./api-client";
import {
  focusFirstError,
  inputValue,
  readBoolean,
  readDateTime,
  readDecimal,
  readJson,
  readNumber,
  readText,
  submitError,
  useSubmit,
} from "./forms";
import { messages } from "./i18n";
import { checked } from "./testing";
import { zodMessage } from "./validation";

function formData(values: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.set(name, value);
  return data;
}

describe("reading a form", () => {
  const form = formData({
    name: " Exemple ",
    blank: "  ",
    budget: "42",
    amount: "1250,50",
    active: "on",
    maybe: "false",
    starts_at: "2026-01-15T09:30",
    tags: '{"a": 1}',
    broken: "{nope",
  });

  it("gives required empty values as undefined, optional ones as null", () => {
    expect(readText(form, "name")).toBe("Exemple");
    expect(readText(form, "blank")).toBeUndefined();
    expect(readText(form, "blank", true)).toBeNull();
    expect(readNumber(form, "budget")).toBe(42);
    expect(readNumber(form, "missing", true)).toBeNull();
    expect(readDecimal(form, "amount")).toBe("1250.50");
    expect(readDecimal(form, "missing")).toBeUndefined();
  });

  it("reads booleans: a checkbox is false when unchecked, a select may be left unset", () => {
    expect(readBoolean(form, "active")).toBe(true);
    expect(readBoolean(form, "missing")).toBe(false);
    expect(readBoolean(form, "maybe", true)).toBe(false);
    expect(readBoolean(form, "missing", true)).toBeNull();
  });

  it("reads date-times as instants and JSON as values", () => {
    expect(readDateTime(form, "starts_at")).toBe(new Date("2026-01-15T09:30").toISOString());
    expect(readDateTime(form, "name")).toBe("Exemple");
    expect(readDateTime(form, "missing", true)).toBeNull();
    expect(readJson(form, "tags")).toEqual({ a: 1 });
    expect(readJson(form, "broken")).toBe("{nope");
    expect(readJson(form, "missing", true)).toBeNull();
  });

  it("shows values of the API in inputs", () => {
    expect(inputValue(null)).toBeUndefined();
    expect(inputValue(42)).toBe("42");
    expect(inputValue({ a: 1 }, "json")).toBe('{\n  "a": 1\n}');
    const local = inputValue("2026-01-15T09:30:00Z", "datetime");
    expect(local).toMatch(/^2026-01-1\dT\d\d:30$/);
    expect(inputValue("nope", "datetime")).toBeUndefined();
  });
});

describe("messages in the project's language", () => {
  const Schema = z.object({
    name: z.string().check(z.minLength(1), z.maxLength(3)),
    budget: z.int().check(z.minimum(0), z.maximum(10)),
    amount: z.string().check(z.regex(/^\d+$/)),
    id: z.uuid(),
    day: z.iso.date(),
    tags: z.record(z.string(), z.unknown()),
    flag: z.boolean(),
    email: z.email(),
  });

  function errors(values: Record<string, unknown>) {
    const result = z.safeParse(Schema, values, { error: zodMessage });
    return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path[0], i.message]));
  }

  it("says what is wrong, field by field", () => {
    expect(
      errors({
        name: "abcd",
        budget: 0.5,
        amount: "x",
        id: "x",
        day: "x",
        tags: "x",
        flag: "x",
        email: "x",
      }),
    ).toEqual({
      name: messages.tooLong(3),
      budget: messages.notAnInteger,
      amount: messages.notADecimal,
      id: messages.invalidUuid,
      day: messages.invalidDate,
      tags: messages.invalidJson,
      flag: messages.invalid,
      email: messages.invalid,
    });
    expect(errors({ name: "", budget: 11 })).toMatchObject({
      name: messages.required,
      budget: messages.tooBig(10),
      amount: messages.required,
    });
    expect(errors({ name: "a", budget: -1 }).budget).toBe(messages.tooSmall(0));
    expect(errors({ name: "a", budget: "x" }).budget).toBe(messages.notANumber);
  });

  it("asks for an enumeration's value, and refuses one outside its options", () => {
    const Status = z.object({ status: z.enum(["new", "lost"]) });
    const message = (status: unknown) =>
      z.safeParse(Status, { status }, { error: zodMessage }).error?.issues[0]?.message;

    expect(message(undefined)).toBe(messages.required);
    expect(message("")).toBe(messages.required);
    expect(message("won")).toBe(messages.notAChoice);
  });

  it("explains a failed submission", () => {
    expect(submitError(new TypeError("fetch failed"))).toBe(messages.unreachable);
    expect(submitError(new ApiError(500, "boom"))).toBe(messages.serverError);
    expect(submitError(new ApiError(409, { detail: "Already exists" }))).toBe(messages.conflict);
    const invalid = { detail: [{ loc: ["body", "name"], msg: "too long", type: "x" }] };
    expect(submitError(new ApiError(422, invalid))).toBe(messages.fixErrors);
  });
});

const Schema = z.object({
  name: z.string().check(z.minLength(1)),
  budget: z.nullish(z.int()),
});

type Data = z.infer<typeof Schema>;

function Form({
  send,
  schema = Schema,
}: {
  send: (data: Data) => Promise<void>;
  schema?: SchemaOf<Data>;
}) {
  const read = (form: FormData) => ({
    name: readText(form, "name"),
    budget: readNumber(form, "budget", true),
  });
  const { errors, formError, pending, handleSubmit, prepare } = useSubmit(schema, read, send);
  return (
    <form aria-label="test" noValidate onSubmit={handleSubmit} onFocus={prepare}>
      <FormField kind="integer" name="budget" label="Budget" error={errors.budget} />
      <FormField kind="text" name="name" label="Name" required error={errors.name} />
      {formError ? <p role="alert">{formError}</p> : null}
      <button type="submit" disabled={pending}>
        {pending ? messages.saving : messages.save}
      </button>
    </form>
  );
}

describe("focusFirstError", () => {
  it("focuses a picker's own control, not the hidden input that holds its value", () => {
    render(
      <form aria-label="form">
        <input type="hidden" name="campaign_id" value="" />
        <input aria-label="Campaign" data-field="campaign_id" />
        <input aria-label="Name" name="name" />
      </form>,
    );

    const form = screen.getByRole("form", { name: "form" }) as HTMLFormElement;
    focusFirstError(form, { name: "Required", campaign_id: "Required" });

    expect(screen.getByLabelText("Campaign")).toHaveFocus();
  });
});

describe("useSubmit", () => {
  it("shows the errors and focuses the first field in error", async () => {
    const send = vi.fn(async () => {});
    render(<Form send={send} />);

    fireEvent.change(screen.getByLabelText("Budget"), { target: { value: "0.5" } });
    await userEvent.click(screen.getByRole("button", { name: messages.save }));
    await checked();

    expect(send).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Budget")).toHaveFocus();
    expect(screen.getByLabelText("Budget")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(messages.notAnInteger)).toBeVisible();
    expect(screen.getByText(messages.required)).toBeVisible();
  });

  it("sends once however many clicks, and stays pending after success", async () => {
    let finish: () => void = () => {};
    const send = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<Form send={send} />);

    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Exemple" } });
    const button = screen.getByRole("button", { name: messages.save });
    fireEvent.submit(button.closest("form")!);
    fireEvent.submit(button.closest("form")!);
    fireEvent.submit(button.closest("form")!);
    await checked();
    finish();

    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({ name: "Exemple", budget: null });
    expect(await screen.findByRole("button", { name: messages.saving })).toBeDisabled();
  });

  it("shows the server's field errors on their fields, and lets the user try again", async () => {
    const invalid = {
      detail: [
        {
          loc: ["body", "name"],
          msg: "String should have at most 255 characters",
          type: "string_too_long",
          ctx: { max_length: 255 },
        },
      ],
    };
    const send = vi.fn(async () => {
      throw new ApiError(422, invalid);
    });
    render(<Form send={send} />);

    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Exemple" } });
    await userEvent.click(screen.getByRole("button", { name: messages.save }));
    await checked();

    // In the project's language, from the error's type: never the server's English text.
    expect(await screen.findByText(messages.tooLong(255))).toBeVisible();
    expect(screen.queryByText(/should have/)).toBeNull();
    expect(screen.getByRole("alert")).toHaveTextContent(messages.fixErrors);
    expect(screen.getByLabelText("Name")).toHaveFocus();
    await userEvent.click(screen.getByRole("button", { name: messages.save }));
    await checked();
    expect(send).toHaveBeenCalledTimes(2);
  });

  it("loads its schema when first focused, once", async () => {
    const load = vi.fn(async () => Schema);
    render(<Form send={vi.fn()} schema={load} />);

    expect(load).not.toHaveBeenCalled();
    await userEvent.click(screen.getByLabelText("Name"));
    await userEvent.click(screen.getByLabelText("Budget"));
    await checked();
    expect(load).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole("button", { name: messages.save }));
    await checked();

    expect(load).toHaveBeenCalledTimes(1);
    expect(screen.getByText(messages.required)).toBeVisible();
  });

  it("says so when its schema cannot be loaded, and asks again at the next click", async () => {
    const load = vi
      .fn<() => Promise<typeof Schema>>()
      .mockRejectedValueOnce(new TypeError("Failed to fetch"))
      .mockResolvedValue(Schema);
    const send = vi.fn(async () => {});
    render(<Form send={send} schema={load} />);

    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Exemple" } });
    await userEvent.click(screen.getByRole("button", { name: messages.save }));
    await checked();
    expect(screen.getByRole("alert")).toHaveTextContent(messages.unreachable);
    expect(send).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: messages.save }));
    await checked();
    expect(send).toHaveBeenCalledWith({ name: "Exemple", budget: null });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
