import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** What the navigation shows of a feature: its list page and its name. */
export interface Feature {
  href: string;
  label: string;
  /** Its references to other resources: a field, and the path of the resource it names. */
  references?: { field: string; path: string }[];
}

/** A feature whose rows refer to another resource's row, by `field`. */
export interface Relation {
  href: string;
  label: string;
  field: string;
}

// Read on the server, when the layout renders (at build time: the pages are static).
export const FEATURES_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "src", "features");

/**
 * The features of the app: one small JSON file each in src/features/ (written by the
 * scaffold with the feature), discovered here, the way the backend discovers its routers.
 * Two branches that each add a feature add two files, and merge without a conflict.
 */
export function loadFeatures(dir: string = FEATURES_DIR): Feature[] {
  let names: string[];
  try {
    names = readdirSync(/*turbopackIgnore: true*/ dir).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  return names
    .map(
      (name) =>
        JSON.parse(
          readFileSync(path.join(/*turbopackIgnore: true*/ dir, name), "utf-8"),
        ) as Feature,
    )
    .filter((feature) => typeof feature.href === "string" && typeof feature.label === "string")
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The features whose rows refer to rows of the resource at `path` (a campaign's leads). */
export function relationsTo(path: string, features: Feature[] = loadFeatures()): Relation[] {
  return features.flatMap((feature) =>
    (feature.references ?? [])
      .filter((reference) => reference.path === path)
      .map((reference) => ({ href: feature.href, label: feature.label, field: reference.field })),
  );
}
