"use client";

import dynamic from "next/dynamic";
import { usePathname } from "next/navigation";
import { useRef, useState, type KeyboardEvent, type ReactNode } from "react";

import { messages } from "@/lib/i18n";

import { NavLink } from "./nav-link";
import { Button } from "./ui/button";

export interface NavItem {
  href: string;
  label: string;
}

const PANEL_ID = "main-nav-menu";

/**
 * The account, loaded after the page: it shows nothing before `/me` answers in the browser, and
 * its schemas and fetch stay out of every page's first load.
 */
const UserMenu = dynamic(() => import("./user-menu").then((module) => module.UserMenu), {
  ssr: false,
});

function Links({ items, className }: { items: NavItem[]; className: string }) {
  return (
    <nav aria-label={messages.mainNav}>
      <ul className={className}>
        {items.map((item) => (
          <li key={item.href}>
            <NavLink href={item.href}>{item.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The header's navigation and account: inline on large screens; below `lg`, a "Menu"
 * button that discloses them, closed again by Escape (focus back on the button) or by
 * going to another page. `actions` (the theme's toggle) stay on the header's right at every size.
 */
export function MainNav({ items, actions }: { items: NavItem[]; actions?: ReactNode }) {
  const pathname = usePathname() ?? "";
  // Open on the page it was opened on: a navigation closes it, without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);

  function close(event: KeyboardEvent) {
    if (event.key !== "Escape") return;
    setOpenOn(null);
    button.current?.focus();
  }

  return (
    <>
      <div className="hidden lg:block">
        <Links items={items} className="flex flex-wrap items-center gap-1 text-sm" />
      </div>
      <div className="ml-auto flex items-center gap-3">
        <UserMenu className="hidden lg:flex" />
        {actions}
        <Button
          ref={button}
          variant="outline"
          size="sm"
          className="lg:hidden"
          aria-expanded={open}
          aria-controls={open ? PANEL_ID : undefined}
          onKeyDown={close}
          onClick={() => setOpenOn(open ? null : pathname)}
        >
          <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="currentColor">
            <rect x="2" y="3" width="12" height="1.5" rx="0.75" />
            <rect x="2" y="7.25" width="12" height="1.5" rx="0.75" />
            <rect x="2" y="11.5" width="12" height="1.5" rx="0.75" />
          </svg>
          {messages.menu}
        </Button>
      </div>
      {open ? (
        <div
          id={PANEL_ID}
          className="grid basis-full gap-3 border-t py-3 lg:hidden"
          onKeyDown={close}
        >
          <Links items={items} className="grid gap-1 text-sm" />
          <UserMenu className="flex flex-wrap border-t pt-3" />
        </div>
      ) : null}
    </>
  );
}
