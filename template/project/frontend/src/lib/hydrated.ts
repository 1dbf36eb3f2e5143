import { useSyncExternalStore } from "react";

/**
 * False on the server and in the render that hydrates its HTML, true after (and in a render the
 * browser makes alone): what depends on the browser (its theme, its time zone) waits for it, so
 * that the hydrating render says exactly what the server's HTML says.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    () => () => undefined,
    () => true,
    () => false,
  );
}
