import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { loadFeatures, relationsTo } from "./index";

function folder(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), "features-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("loadFeatures", () => {
  it("reads one file per feature, sorted by label, and skips the rest", () => {
    const dir = folder({
      "leads.json": JSON.stringify({ href: "/leads", label: "Leads" }),
      "campaigns.json": JSON.stringify({ href: "/campaigns", label: "Campaigns" }),
      "broken.json": JSON.stringify({ href: 3 }),
      "notes.txt": "not a feature",
    });

    expect(loadFeatures(dir)).toEqual([
      { href: "/campaigns", label: "Campaigns" },
      { href: "/leads", label: "Leads" },
    ]);
  });

  it("gives no feature when the folder is missing", () => {
    expect(loadFeatures(path.join(tmpdir(), "no-such-folder-of-features"))).toEqual([]);
  });
});

describe("relationsTo", () => {
  it("finds the features that refer to a resource, each by its field", () => {
    const features = [
      { href: "/campaigns", label: "Campaigns" },
      {
        href: "/leads",
        label: "Leads",
        references: [
          { field: "campaign_id", path: "/campaigns" },
          { field: "backup_campaign_id", path: "/campaigns" },
          { field: "owner_id", path: "/users" },
        ],
      },
    ];

    expect(relationsTo("/campaigns", features)).toEqual([
      { href: "/leads", label: "Leads", field: "campaign_id" },
      { href: "/leads", label: "Leads", field: "backup_campaign_id" },
    ]);
    expect(relationsTo("/leads", features)).toEqual([]);
  });
});
