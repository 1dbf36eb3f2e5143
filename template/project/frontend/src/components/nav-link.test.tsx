import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { NavLink } from "./nav-link";

const pathname = vi.hoisted(() => ({ current: "/campaigns/42" }));
vi.mock("next/navigation", () => ({ usePathname: () => pathname.current }));

describe("NavLink", () => {
  it("is marked as the current page on its pages", () => {
    render(<NavLink href="/campaigns">Campaigns</NavLink>);
    expect(screen.getByRole("link", { name: "Campaigns" })).toHaveAttribute("aria-current", "page");
  });

  it("is not on other pages", () => {
    pathname.current = "/campaigns-archive";
    render(<NavLink href="/campaigns">Campaigns</NavLink>);
    expect(screen.getByRole("link", { name: "Campaigns" })).not.toHaveAttribute("aria-current");
  });
});
