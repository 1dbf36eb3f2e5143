import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SWRConfig } from "swr";
import { describe, expect, it, vi } from "vitest";

import { apiClient, createApiClient } from "@/lib/api-client";
import { messages } from "@/lib/i18n";

import { UserMenu } from "./user-menu";

const pathname = vi.hoisted(() => ({ current: "/campaigns" }));
vi.mock("next/navigation", () => ({ usePathname: () => pathname.current }));

const ME = {
  user: { id: "u1", email: "ada@example.com", name: "Ada" },
  organizations: [
    { id: "o1", name: "Engines", role: "owner" },
    { id: "o2", name: "Partner", role: "viewer" },
  ],
  active_organization: { id: "o1", name: "Engines", role: "owner" },
};

function answering(me: unknown) {
  const fetch = vi.fn<typeof globalThis.fetch>(async (url) =>
    String(url).endsWith("/me")
      ? Response.json(me)
      : Response.json({ organization_id: "o2" }, { status: 200 }),
  );
  return { fetch, client: createApiClient({ baseUrl: "http://api.test", fetch }) };
}

/** A fresh SWR cache per test. */
const fresh = { provider: () => new Map() };

function renderMenu(me: unknown) {
  const { fetch, client } = answering(me);
  const go = vi.fn();
  render(
    <SWRConfig value={fresh}>
      <UserMenu client={client} go={go} />
    </SWRConfig>,
  );
  return { fetch, go };
}

describe("UserMenu", () => {
  it("shows the user, their role and the active organization, with a switcher", async () => {
    pathname.current = "/campaigns";
    renderMenu(ME);

    const group = await screen.findByRole("group", { name: messages.account });
    expect(group).toHaveTextContent("ada@example.com");
    expect(group).toHaveTextContent(messages.roles.owner);
    expect(screen.getByRole("combobox", { name: messages.organization })).toHaveValue("o1");
    await waitFor(() => expect(apiClient.tenant()).toBe("o1"));
  });

  it("switches organization, then reloads the page", async () => {
    pathname.current = "/campaigns";
    const { fetch, go } = renderMenu(ME);

    const switcher = await screen.findByRole("combobox", { name: messages.organization });
    await userEvent.selectOptions(switcher, "o2");

    await waitFor(() => expect(go).toHaveBeenCalled());
    const [url, init] = fetch.mock.calls[1];
    expect(String(url)).toBe("http://api.test/auth/switch");
    expect(JSON.parse(String(init?.body))).toEqual({ organization_id: "o2" });
  });

  it("names the only organization without a switcher, and signs out", async () => {
    pathname.current = "/";
    const { fetch, go } = renderMenu({ ...ME, organizations: [ME.organizations[0]] });

    expect(await screen.findByText("Engines")).toBeInTheDocument();
    expect(screen.queryByRole("combobox")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: messages.signOut }));

    await waitFor(() => expect(go).toHaveBeenCalledWith("/sign-in"));
    expect(String(fetch.mock.calls[1][0])).toBe("http://api.test/auth/sign-out");
  });

  it("asks nothing on the sign-in page", () => {
    pathname.current = "/sign-in";
    const { fetch } = renderMenu(ME);

    expect(screen.queryByRole("group")).not.toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });
});
