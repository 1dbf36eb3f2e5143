"use client";

import { useRouter } from "next/navigation";

/**
 * After a change to the resource at `path` (`/campaigns`): the pages read on the server are read
 * again (`router.refresh()` drops the router's cache, so Back shows no page older than the change),
 * and what the browser read of it with SWR (component pages, references' labels) is fetched again.
 * SWR is loaded here only then: the pages that change rows do not carry it.
 */
export function useRefresh(path: string) {
  const router = useRouter();
  return async () => {
    router.refresh();
    try {
      const { mutate } = await import("swr");
      await mutate((key) => Array.isArray(key) && key[0] === path);
    } catch {
      // The change is saved: a cache that could not be refreshed (SWR not loaded, offline) must
      // not show it as failed, nor let it be sent again. The next load reads it anew.
    }
  };
}
