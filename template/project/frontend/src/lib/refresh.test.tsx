import { act, renderHook, waitFor } from "@testing-library/react";
import useSWR from "swr";
import { describe, expect, it, vi } from "vitest";

import { useRefresh } from "./refresh";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

describe("useRefresh", () => {
  it("reads the server's pages again, and what SWR read of the resource, not of others", async () => {
    const campaigns = vi.fn(async () => "campaign");
    const leads = vi.fn(async () => "lead");
    const { result } = renderHook(() => ({
      campaign: useSWR(["/campaigns", "tenant", "1"], campaigns),
      lead: useSWR(["/leads", "tenant", "1"], leads),
      refresh: useRefresh("/campaigns"),
    }));
    await waitFor(() => expect(result.current.lead.data).toBe("lead"));
    await waitFor(() => expect(result.current.campaign.data).toBe("campaign"));

    await act(async () => {
      await result.current.refresh();
    });

    expect(refresh).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(campaigns).toHaveBeenCalledTimes(2));
    expect(leads).toHaveBeenCalledTimes(1);
  });

  // Last: it loads this module again, with an SWR that fails.
  it("does not fail the change when the browser's caches cannot be refreshed", async () => {
    refresh.mockClear();
    vi.resetModules();
    vi.doMock("swr", () => ({
      mutate: async () => {
        throw new TypeError("Failed to fetch");
      },
    }));
    // The router is mocked: the hook can be called outside a component here.
    const { useRefresh: refreshOffline } = await import("./refresh");

    await expect(refreshOffline("/campaigns")()).resolves.toBeUndefined();
    expect(refresh).toHaveBeenCalledTimes(1);
    vi.doUnmock("swr");
  });
});
