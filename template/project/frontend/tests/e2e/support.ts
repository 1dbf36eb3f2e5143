import path from "node:path";

import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

import { messages } from "../../src/lib/i18n";

// Where the specs find the app and its backend (playwright.config.ts starts both).
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const API_PORT = Number(process.env.E2E_API_PORT ?? 8100);
/** The API as the browser reaches it: through the app's own server, with the session cookie. */
export const API_URL = `http://127.0.0.1:${PORT}/api/v1`;

/** The demo account the backend creates on its embedded defaults (backend/app/db/demo.py). */
export const DEMO = { email: "demo@example.com", password: "vectra-demo-password" };

/**
 * Signed in as the demo user, in the demo organization: the API sets the httpOnly session
 * cookie and the CSRF cookie in the page's browser context (page.request shares its cookies).
 */
export async function signIn(page: Page) {
  const response = await page.request.post(`${API_URL}/auth/sign-in`, { data: DEMO });
  expect(response.ok()).toBe(true);
}

/** The headers of a write sent with page.request: the CSRF cookie's value, echoed. */
export async function writeHeaders(page: Page): Promise<Record<string, string>> {
  const cookies = await page.context().cookies();
  return { "X-CSRF-Token": cookies.find((cookie) => cookie.name === "csrf_token")?.value ?? "" };
}

/** The API's count of a resource for the signed-in organization (`{items, total}`). */
export async function total(page: Page, path: string): Promise<number> {
  const response = await page.request.get(`${API_URL}${path}?limit=1`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { total: number }).total;
}

/** Creates a row through the API for the signed-in organization (`POST /<plural>`): its id. */
export async function created(page: Page, path: string, data: object): Promise<string> {
  const response = await page.request.post(`${API_URL}${path}`, {
    headers: await writeHeaders(page),
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
  // Nothing still loading (a detail page's related lists).
  await expect(page.getByText(messages.loading)).toHaveCount(0);
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Whether the specs take screenshots (they then add some data, for pictures worth seeing). */
export const SCREENSHOTS = Boolean(process.env.SCREENSHOTS_DIR);
