import { render, screen } from "@testing-library/react";
import { toast } from "sonner";
import { describe, expect, it, vi } from "vitest";

import { notify, takeHeadingFocus } from "@/lib/feedback";

import { PageHeader } from "./states";

vi.mock("sonner", () => ({ toast: { success: vi.fn() } }));

describe("notify and the page's title", () => {
  it("shows a toast, and the next page's title takes the focus, once", async () => {
    notify("“Spring” was created.");

    // sonner is loaded on demand: the toast follows at once.
    await vi.waitFor(() => expect(toast.success).toHaveBeenCalledWith("“Spring” was created."));
    render(<PageHeader title="Spring" />);
    expect(screen.getByRole("heading", { level: 1, name: "Spring" })).toHaveFocus();
    expect(takeHeadingFocus()).toBe(false);
  });

  it("leaves the focus alone on a page reached otherwise", () => {
    render(<PageHeader title="Campaigns" />);

    const heading = screen.getByRole("heading", { level: 1 });
    expect(heading).not.toHaveFocus();
    // A long title wraps rather than widening the page.
    expect(heading).toHaveClass("wrap-anywhere");
  });
});
