"use client";

import type { ReactNode } from "react";
import { SWRConfig, type SWRConfiguration } from "swr";

import { ApiError } from "@/lib/api-client";

/** Don't retry what the server refused (4xx): only what may succeed later. */
export function shouldRetry(error: unknown): boolean {
  return !(error instanceof ApiError && error.status < 500);
}

const swrConfig: SWRConfiguration = { revalidateOnFocus: false, shouldRetryOnError: shouldRetry };

/** The app's SWR settings, for every hook (their keys carry the tenant). */
export function Providers({ children }: { children: ReactNode }) {
  return <SWRConfig value={swrConfig}>{children}</SWRConfig>;
}
