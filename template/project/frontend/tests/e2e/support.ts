import path from "node:path";

import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// Where the specs find the app and its backend (playwright.config.ts starts both).
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const API_PORT = Number(process.env.E2E_API_PORT ?? 8100);
export const API_URL = `http://127.0.0.1:${API_PORT}/api/v1`;
export const TENANT = "00000000-0000-4000-8000-000000000e2e";

/** The API's count of a resource for the e2e tenant (`GET /<plural>` answers `{items, total}`). */
export async function total(page: Page, path: string): Promise<number> {
  const response = await page.request.get(`${API_URL}${path}?limit=1`, {
    headers: { "X-Tenant-ID": TENANT },
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { total: number }).total;
}

/** Creates a row through the API for the e2e tenant (`POST /<plural>`) and gives its id. */
export async function created(page: Page, path: string, data: object): Promise<string> {
  const response = await page.request.post(`${API_URL}${path}`, {
    headers: { "X-Tenant-ID": TENANT },
    data,
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** No accessibility violation that axe can find on the page as it is. */
export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

/** With SCREENSHOTS_DIR set (`make screenshots`), a PNG of the whole page; else nothing. */
export async function snap(page: Page, name: string) {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  // No text left selected by earlier clicks (a triple click selects a paragraph).
  await page.evaluate(() => window.getSelection()?.removeAllRanges());
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Whether the specs take screenshots (they then add some data, for pictures worth seeing). */
export const SCREENSHOTS = Boolean(process.env.SCREENSHOTS_DIR);
