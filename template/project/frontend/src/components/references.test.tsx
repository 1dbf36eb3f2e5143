import { render, screen } from "@testing-library/react";
import { SWRConfig } from "swr";
import { describe, expect, it, vi } from "vitest";

import { createApiClient } from "@/lib/api-client";
import { messages } from "@/lib/i18n";
import { rowLabel } from "@/lib/references";

import { FieldValue } from "./field-value";
import { ReferenceValue } from "./reference-value";
import { RelatedLists } from "./related-lists";

const CAMPAIGN = { id: "0b6d5c1e-5f0a-4c3e-9a51-3f1b2c4d5e6f", name: "Salon 2026", budget: 100 };
const LEADS = [
  {
    id: "5e0c9a1b-2d3f-4e5a-8b6c-7d8e9f0a1b2c",
    email: "ada@example.com",
    campaign_id: CAMPAIGN.id,
  },
  {
    id: "7f1d2e3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
    email: "alan@example.com",
    campaign_id: CAMPAIGN.id,
  },
];

/** An API whose `GET /campaigns/<id>` is CAMPAIGN and `GET /leads?…` the leads (`total` given). */
function api(total = LEADS.length) {
  const fetch = vi.fn<typeof globalThis.fetch>(async (input) => {
    const url = String(input);
    if (url.includes(`/campaigns/${CAMPAIGN.id}`)) return Response.json(CAMPAIGN);
    if (url.includes("/leads?")) return Response.json({ items: LEADS, total });
    return Response.json({ detail: "Not found" }, { status: 404 });
  });
  return { fetch, client: createApiClient({ baseUrl: "http://api.test", fetch }) };
}

/** A fresh SWR cache per render. */
const fresh = { provider: () => new Map() };

function renderFresh(node: React.ReactNode) {
  return render(<SWRConfig value={fresh}>{node}</SWRConfig>);
}

describe("rowLabel", () => {
  it("names a row by its first text value, else by the start of its id", () => {
    expect(rowLabel(CAMPAIGN)).toBe("Salon 2026");
    expect(rowLabel({ id: "abcdef012345", campaign_id: "x", created_at: "2026", score: 3 })).toBe(
      "abcdef01",
    );
    expect(rowLabel({ id: "abcdef012345", name: "  ", email: "ada@example.com" })).toBe(
      "ada@example.com",
    );
  });
});

describe("ReferenceValue", () => {
  it("shows the referenced row's label, as a link to its page", async () => {
    const { client } = api();
    renderFresh(<ReferenceValue path="/campaigns" id={CAMPAIGN.id} linked client={client} />);

    const link = await screen.findByRole("link", { name: "Salon 2026" });
    expect(link).toHaveAttribute("href", `/campaigns/${CAMPAIGN.id}`);
  });

  it("shows the label alone without pages, the id's start when the row cannot be read", async () => {
    const { client } = api();
    renderFresh(
      <>
        <span data-testid="found">
          <ReferenceValue path="/campaigns" id={CAMPAIGN.id} client={client} />
        </span>
        <span data-testid="missing">
          <ReferenceValue
            path="/campaigns"
            id="99999999-0000-4000-8000-000000000000"
            client={client}
          />
        </span>
        <span data-testid="none">
          <ReferenceValue path="/campaigns" id={null} client={client} />
        </span>
      </>,
    );

    // The label alone, whole in its title (a table's cell may cut it).
    const found = await screen.findByText("Salon 2026");
    expect(found.parentElement).toBe(screen.getByTestId("found"));
    expect(found).toHaveAttribute("title", "Salon 2026");
    expect((await screen.findByText("99999999")).parentElement).toBe(screen.getByTestId("missing"));
    expect(screen.getByTestId("none")).toHaveTextContent(messages.none);
    expect(screen.queryByRole("link")).toBeNull();
  });
});

describe("FieldValue", () => {
  it("formats a value by its kind, and a reference by its row's label", async () => {
    const { client } = api();
    const active = { name: "active", label: "Active", kind: "boolean" as const };
    const reference = { name: "campaign_id", label: "Campaign", kind: "reference" as const };
    const linkedReference = { ...reference, path: "/campaigns", linked: true };
    renderFresh(
      <>
        <span data-testid="boolean">
          <FieldValue field={active} value={true} />
        </span>
        {/* Fetches the row with the test's client; the field below reads it from the cache. */}
        <ReferenceValue path="/campaigns" id={CAMPAIGN.id} client={client} />
        <span data-testid="reference">
          <FieldValue field={linkedReference} value={CAMPAIGN.id} />
        </span>
        <span data-testid="no-path">
          <FieldValue field={reference} value={CAMPAIGN.id} />
        </span>
      </>,
    );

    expect(screen.getByTestId("boolean")).toHaveTextContent(messages.yes);
    expect(await screen.findByRole("link", { name: "Salon 2026" })).toHaveAttribute(
      "href",
      `/campaigns/${CAMPAIGN.id}`,
    );
    // A reference without its resource's path is shown as its value.
    expect(screen.getByTestId("no-path")).toHaveTextContent(CAMPAIGN.id);
  });
});

describe("RelatedLists", () => {
  const relation = { href: "/leads", label: "Leads", field: "campaign_id" };

  it("lists the rows that refer to the page's row, with a pre-filled new one", async () => {
    const { fetch, client } = api();
    renderFresh(<RelatedLists parentId={CAMPAIGN.id} relations={[relation]} client={client} />);

    const section = await screen.findByRole("region", { name: /Leads/ });
    expect(await screen.findByRole("link", { name: "ada@example.com" })).toHaveAttribute(
      "href",
      `/leads/${LEADS[0].id}`,
    );
    expect(section).toHaveTextContent("(2)");
    expect(screen.getByRole("link", { name: messages.new })).toHaveAttribute(
      "href",
      `/leads/new?campaign_id=${CAMPAIGN.id}`,
    );
    // All of them are shown: no "see all".
    expect(screen.queryByRole("link", { name: messages.seeAll })).toBeNull();
    expect(String(fetch.mock.calls[0][0])).toContain(`/leads?campaign_id=${CAMPAIGN.id}&limit=10`);
  });

  it("links to the whole filtered list when there are more, and says when there is none", async () => {
    const { client } = api(25);
    renderFresh(<RelatedLists parentId={CAMPAIGN.id} relations={[relation]} client={client} />);
    expect(await screen.findByRole("link", { name: messages.seeAll })).toHaveAttribute(
      "href",
      `/leads?campaign_id=${CAMPAIGN.id}`,
    );

    const empty = createApiClient({
      baseUrl: "http://api.test",
      fetch: async () => Response.json({ items: [], total: 0 }),
    });
    renderFresh(<RelatedLists parentId={CAMPAIGN.id} relations={[relation]} client={empty} />);
    expect(await screen.findByText(messages.empty)).toBeInTheDocument();
  });

  it("shows nothing without relations, and says when the rows cannot be read", async () => {
    const { container } = renderFresh(<RelatedLists parentId={CAMPAIGN.id} relations={[]} />);
    expect(container).toBeEmptyDOMElement();

    const failing = createApiClient({
      baseUrl: "http://api.test",
      fetch: async () => Response.json({ detail: "boom" }, { status: 500 }),
    });
    renderFresh(<RelatedLists parentId={CAMPAIGN.id} relations={[relation]} client={failing} />);
    expect(await screen.findByText(messages.loadError)).toBeInTheDocument();
  });
});
