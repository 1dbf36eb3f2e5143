"use client";

import { useTheme } from "next-themes";
import { useSyncExternalStore } from "react";
import { Toaster, type ToasterProps } from "sonner";

import { messages } from "@/lib/i18n";

import { Button } from "./ui/button";

/** False on the server and in the first render, true once hydrated: the theme is known then. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    () => () => undefined,
    () => true,
    () => false,
  );
}

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
      <span aria-hidden="true">{dark ? "☾" : "☀"}</span>
    </Button>
  );
}

/** The toasts of `notify` (src/lib/feedback.ts), in the page's theme. */
export function ThemedToaster(props: Omit<ToasterProps, "theme">) {
  const { resolvedTheme } = useTheme();
  return <Toaster theme={resolvedTheme === "dark" ? "dark" : "light"} {...props} />;
}
