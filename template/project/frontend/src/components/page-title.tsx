"use client";

import { useEffect, useRef } from "react";

import { takeHeadingFocus } from "@/lib/heading-focus";

/** A page's `h1`; it takes the focus when an action led here (`notify`), so a keyboard or
 * screen-reader user starts from the new page rather than from the top of the body. */
export function PageTitle({ children }: { children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeHeadingFocus()) heading.current?.focus();
  }, []);
  return (
    <h1
      ref={heading}
      tabIndex={-1}
      className="min-w-0 text-2xl font-semibold tracking-tight wrap-anywhere outline-none"
    >
      {children}
    </h1>
  );
}
