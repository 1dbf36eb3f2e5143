"use client";

import { ThemeProvider } from "next-themes";
import type { ReactNode } from "react";
import { SWRConfig, type SWRConfiguration } from "swr";

import { ApiError } from "@/lib/api-client";

/** Don't retry what the server refused (4xx): only what may succeed later. */
export function shouldRetry(error: unknown): boolean {
  return !(error instanceof ApiError && error.status < 500);
}

const swrConfig: SWRConfiguration = { revalidateOnFocus: false, shouldRetryOnError: shouldRetry };

/**
 * The app's SWR settings, for every hook (their keys carry the tenant), and its theme: the
 * system's setting until the header's toggle is used, as a class on <html> (set by a script
 * before the first paint: no flash of the other theme).
 */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <SWRConfig value={swrConfig}>{children}</SWRConfig>
    </ThemeProvider>
  );
}
