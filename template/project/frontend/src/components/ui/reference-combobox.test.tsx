import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SWRConfig } from "swr";
import { describe, expect, it, vi } from "vitest";

import { createApiClient } from "@/lib/api-client";
import { messages } from "@/lib/i18n";

import { ReferenceCombobox } from "./reference-combobox";

const CAMPAIGNS = [
  { id: "0b6d5c1e-5f0a-4c3e-9a51-3f1b2c4d5e6f", name: "Salon 2026" },
  { id: "5e0c9a1b-2d3f-4e5a-8b6c-7d8e9f0a1b2c", name: "Webinaire" },
];

/** The campaigns API: a search by name (`q`), and each campaign by its id. */
function api() {
  const fetch = vi.fn<typeof globalThis.fetch>(async (input) => {
    const url = new URL(String(input));
    const id = url.pathname.split("/").pop();
    const one = CAMPAIGNS.find((campaign) => campaign.id === id);
    if (one) return Response.json(one);
    const q = (url.searchParams.get("q") ?? "").toLowerCase();
    const items = CAMPAIGNS.filter((campaign) => campaign.name.toLowerCase().includes(q));
    return Response.json({ items, total: items.length });
  });
  return { fetch, client: createApiClient({ baseUrl: "http://api.test", fetch }) };
}

/** A fresh SWR cache per render. */
const fresh = { provider: () => new Map() };

function renderPicker(defaultValue?: string) {
  const { fetch, client } = api();
  render(
    <SWRConfig value={fresh}>
      <form aria-label="form">
        <label htmlFor="campaign">Campaign</label>
        <ReferenceCombobox
          id="campaign"
          name="campaign_id"
          path="/campaigns"
          defaultValue={defaultValue}
          client={client}
          required
        />
      </form>
    </SWRConfig>,
  );
  const form = screen.getByRole("form", { name: "form" }) as HTMLFormElement;
  return { fetch, value: () => new FormData(form).get("campaign_id") };
}

describe("ReferenceCombobox", () => {
  it("searches the referenced resource as one types, and picks with the keyboard", async () => {
    const { fetch, value } = renderPicker();
    const input = screen.getByRole("combobox", { name: "Campaign" });
    expect(input).toBeRequired();
    expect(value()).toBe("");

    await userEvent.type(input, "web");
    expect(await screen.findByRole("option", { name: "Webinaire" })).toBeInTheDocument();
    expect(screen.queryByRole("option", { name: "Salon 2026" })).toBeNull();
    await userEvent.keyboard("{ArrowDown}{Enter}");

    expect(value()).toBe(CAMPAIGNS[1].id);
    expect(input).toHaveValue("Webinaire");
    expect(fetch.mock.calls.map(([url]) => String(url))).toContain(
      "http://api.test/campaigns?q=web&sort=-created_at&limit=10",
    );
  });

  it("shows the row it starts with by its label, and says when nothing matches", async () => {
    const { value } = renderPicker(CAMPAIGNS[0].id);
    const input = screen.getByRole("combobox", { name: "Campaign" });
    await waitFor(() => expect(input).toHaveValue("Salon 2026"));
    expect(value()).toBe(CAMPAIGNS[0].id);

    await userEvent.clear(input);
    await userEvent.type(input, "zzz");
    expect(await screen.findByText(messages.noMatch)).toBeInTheDocument();
  });
});
