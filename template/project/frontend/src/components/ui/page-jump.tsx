"use client";

import { useId } from "react";

import { messages } from "@/lib/i18n";

import { Button } from "./button";
import { Input } from "./input";

/** "Go to page [ n ] Go": opens `href(n)` (the URL holds the list's whole state). */
export function PageJump({ pages, href }: { pages?: number; href: (page: number) => string }) {
  const id = useId();
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(event) => {
        event.preventDefault();
        const wanted = Number(new FormData(event.currentTarget).get("page"));
        if (Number.isInteger(wanted) && wanted >= 1) {
          window.location.assign(href(pages ? Math.min(wanted, pages) : wanted));
        }
      }}
    >
      <label htmlFor={id} className="sr-only">
        {messages.goToPage}
      </label>
      <Input id={id} name="page" type="number" min={1} max={pages} className="h-8 w-20" />
      <Button type="submit" variant="outline" size="sm">
        {messages.go}
      </Button>
    </form>
  );
}
