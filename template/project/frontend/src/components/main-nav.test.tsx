import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { messages } from "@/lib/i18n";

import { MainNav } from "./main-nav";

const pathname = vi.hoisted(() => ({ current: "/" }));
vi.mock("next/navigation", () => ({ usePathname: () => pathname.current }));
// The account has its own tests (user-menu.test.tsx): here, where it goes.
vi.mock("./user-menu", () => ({
  UserMenu: ({ className }: { className?: string }) => (
    <div data-testid="account" className={className} />
  ),
}));

const ITEMS = [
  { href: "/", label: "Home" },
  { href: "/campaigns", label: "Campaigns" },
];

describe("MainNav", () => {
  it("shows the links inline on large screens, a closed menu button on small ones", async () => {
    render(<MainNav items={ITEMS} />);

    expect(screen.getAllByRole("navigation", { name: messages.mainNav })).toHaveLength(1);
    expect(screen.getByRole("navigation").parentElement).toHaveClass("hidden", "lg:block");
    // The account is loaded after the page.
    expect(await screen.findByTestId("account")).toHaveClass("hidden", "lg:flex");
    const menu = screen.getByRole("button", { name: messages.menu });
    expect(menu).toHaveClass("lg:hidden");
    expect(menu).toHaveAttribute("aria-expanded", "false");
    expect(menu).not.toHaveAttribute("aria-controls");
  });

  it("discloses the links and the account, and closes on Escape, the focus back on it", async () => {
    pathname.current = "/campaigns";
    render(<MainNav items={ITEMS} />);
    const menu = screen.getByRole("button", { name: messages.menu });

    await userEvent.click(menu);
    expect(menu).toHaveAttribute("aria-expanded", "true");
    const panel = document.getElementById(menu.getAttribute("aria-controls") ?? "");
    expect(panel).not.toBeNull();
    expect(screen.getAllByRole("navigation")).toHaveLength(2);
    expect(screen.getAllByRole("link", { name: "Campaigns" })[1]).toHaveAttribute(
      "aria-current",
      "page",
    );
    expect((await screen.findAllByTestId("account"))[1]).toHaveClass("flex");

    await userEvent.keyboard("{Escape}");
    expect(menu).toHaveAttribute("aria-expanded", "false");
    expect(screen.getAllByRole("navigation")).toHaveLength(1);
    expect(menu).toHaveFocus();
  });

  it("closes when another page is shown, and by its button", async () => {
    pathname.current = "/";
    const { rerender } = render(<MainNav items={ITEMS} />);
    const menu = screen.getByRole("button", { name: messages.menu });

    await userEvent.click(menu);
    await userEvent.keyboard("{a}");
    expect(menu).toHaveAttribute("aria-expanded", "true");
    pathname.current = "/campaigns";
    rerender(<MainNav items={ITEMS} />);
    expect(menu).toHaveAttribute("aria-expanded", "false");

    await userEvent.click(menu);
    await userEvent.click(menu);
    expect(menu).toHaveAttribute("aria-expanded", "false");
  });
});
