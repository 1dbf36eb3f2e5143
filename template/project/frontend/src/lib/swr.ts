import type { SWRConfiguration } from "swr";

import { ApiError } from "./api-client";

/** Don't retry what the server refused (4xx): only what may succeed later. */
export function shouldRetry(error: unknown): boolean {
  return !(error instanceof ApiError && error.status < 500);
}

/**
 * The app's SWR settings, given by each hook that reads the API from the browser. Not an
 * `SWRConfig` at the root: SWR would then be in every page's first load, and the pages read
 * on the server (`src/lib/server-api.ts`) need none of it.
 */
export const swrOptions: SWRConfiguration = {
  revalidateOnFocus: false,
  shouldRetryOnError: shouldRetry,
};
