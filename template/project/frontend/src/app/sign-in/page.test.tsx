import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "@/lib/api-client";
import { messages } from "@/lib/i18n";
import { safeNext } from "@/lib/session";

import SignInPage from "./page";
import { signInError, SignInView } from "./view";

function answer(status: number, body: unknown) {
  return vi.spyOn(globalThis, "fetch").mockResolvedValue(Response.json(body, { status }));
}

async function signIn() {
  await userEvent.type(screen.getByLabelText(messages.email), "demo@example.com");
  await userEvent.type(screen.getByLabelText(messages.password), "a password");
  await userEvent.click(screen.getByRole("button", { name: messages.signInSubmit }));
}

afterEach(() => vi.restoreAllMocks());

describe("the sign-in page", () => {
  it("signs in, then goes back to the page asked for", async () => {
    const fetch = answer(200, { organization_id: "o1" });
    const go = vi.fn();
    render(<SignInView next="/campaigns?page=2" go={go} />);

    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(messages.signInTitle);
    await signIn();

    await waitFor(() => expect(go).toHaveBeenCalledWith("/campaigns?page=2"));
    const [url, init] = fetch.mock.calls[0];
    expect(String(url)).toBe("/api/v1/auth/sign-in");
    expect(JSON.parse(String(init?.body))).toEqual({
      email: "demo@example.com",
      password: "a password",
    });
  });

  it("says so when the e-mail or password is wrong", async () => {
    answer(401, { detail: "Wrong e-mail or password" });
    render(<SignInView next="/" go={vi.fn()} />);

    await signIn();

    expect(await screen.findByRole("alert")).toHaveTextContent(messages.wrongCredentials);
    expect(screen.getByRole("button", { name: messages.signInSubmit })).toBeEnabled();
  });

  it("renders from the page with a safe next address", async () => {
    render(await SignInPage({ searchParams: Promise.resolve({ next: "//evil.example" }) }));
    expect(screen.getByRole("button", { name: messages.signInSubmit })).toBeInTheDocument();
  });
});

describe("signInError and safeNext", () => {
  it("names each refusal", () => {
    expect(signInError(new ApiError(401, {}))).toBe(messages.wrongCredentials);
    expect(signInError(new ApiError(429, {}))).toBe(messages.tooManyAttempts);
    expect(signInError(new ApiError(500, {}))).toBe(messages.serverError);
    expect(signInError(new TypeError("offline"))).toBe(messages.unreachable);
  });

  it("keeps the browser on this site", () => {
    expect(safeNext("/campaigns")).toBe("/campaigns");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});
