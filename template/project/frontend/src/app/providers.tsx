"use client";

import { ThemeProvider } from "next-themes";
import type { ReactNode } from "react";

/**
 * The app's theme: the system's setting until the header's toggle is used, as a class on <html>
 * (set by a script before the first paint: no flash of the other theme).
 */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      {children}
    </ThemeProvider>
  );
}
