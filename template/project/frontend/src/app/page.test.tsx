import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { loadFeatures } from "@/features";
import { messages } from "@/lib/i18n";

import PageError from "./error";
import NotFound from "./not-found";
import HomePage from "./page";
import { ApiError } from "@/lib/api-client";
import { shouldRetry } from "@/lib/swr";

vi.mock("@/features", () => ({ loadFeatures: vi.fn(() => []) }));

describe("HomePage", () => {
  it("shows the product name as the main heading", () => {
    render(<HomePage />);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(messages.appName);
    expect(screen.getByText(messages.appDescription)).toBeInTheDocument();
    expect(screen.getByText(messages.noFeatures)).toBeInTheDocument();
  });

  it("links to each feature", () => {
    vi.mocked(loadFeatures).mockReturnValueOnce([{ href: "/campaigns", label: "Campaigns" }]);
    render(<HomePage />);
    expect(screen.getByRole("link", { name: /Campaigns/ })).toHaveAttribute("href", "/campaigns");
  });
});

describe("the app's states", () => {
  it("has an error state that retries and a not-found page titled by its h1", () => {
    const reset = vi.fn();
    render(<PageError error={new Error("boom")} reset={reset} />);
    screen.getByRole("button", { name: messages.retry }).click();
    expect(reset).toHaveBeenCalledTimes(1);

    render(<NotFound />);
    expect(screen.getByRole("heading", { level: 1, name: messages.notFound })).toBeInTheDocument();
  });

  it("retries a request that may succeed later, not one the server refused", () => {
    expect(shouldRetry(new ApiError(503, ""))).toBe(true);
    expect(shouldRetry(new TypeError("fetch failed"))).toBe(true);
    expect(shouldRetry(new ApiError(404, { detail: "Not found" }))).toBe(false);
  });
});
