"use client";

import { useTheme } from "next-themes";
import dynamic from "next/dynamic";
import type { ToasterProps } from "sonner";

import { useHydrated } from "@/lib/hydrated";
import { messages } from "@/lib/i18n";

import { Button } from "./ui/button";

/**
 * The header's switch between the light and the dark theme. The page follows the system setting
 * until it is used (next-themes keeps the choice, and sets the class before the first paint).
 */
export function ThemeToggle() {
  const { resolvedTheme, setTheme } = useTheme();
  const hydrated = useHydrated();
  const dark = hydrated && resolvedTheme === "dark";
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={messages.darkTheme}
      title={messages.darkTheme}
      aria-pressed={dark}
      onClick={() => setTheme(dark ? "light" : "dark")}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="currentColor">
        {dark ? (
          <path d="M6.2 1.3a6.5 6.5 0 1 0 8.5 8.5A5.5 5.5 0 0 1 6.2 1.3Z" />
        ) : (
          <>
            <circle cx="8" cy="8" r="3" />
            <path
              d="M8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.4 1.4M11.6 11.6 13 13M3 13l1.4-1.4M11.6 4.4 13 3"
              stroke="currentColor"
              strokeWidth="1.5"
              strokeLinecap="round"
            />
          </>
        )}
      </svg>
    </Button>
  );
}

/**
 * sonner's toaster, loaded after the page: nothing toasts before a first action, and a page
 * whose code does not toast (a list) does not carry sonner in its first load.
 */
const Toaster = dynamic(() => import("sonner").then((module) => module.Toaster), { ssr: false });

/** The toasts of `notify` (src/lib/feedback.ts), in the page's theme. */
export function ThemedToaster(props: Omit<ToasterProps, "theme">) {
  const { resolvedTheme } = useTheme();
  return <Toaster theme={resolvedTheme === "dark" ? "dark" : "light"} {...props} />;
}
