import { expect, test } from "@playwright/test";

import { messages } from "../../src/lib/i18n";
import { DEMO, expectAccessible, signIn, snap } from "./support";

test("the home page shows the product, in the app shell, signed in", async ({ page }) => {
  await signIn(page);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("VECTRA");
  await expect(page).toHaveTitle("VECTRA");
  await expect(page.getByRole("navigation").first()).toBeVisible();
  await expect(page.getByRole("group", { name: messages.account })).toContainText(DEMO.email);
  await expectAccessible(page);
  await snap(page, "home");
});

test("without a session, a page sends to sign-in and back", async ({ page }) => {
  await page.goto("/?from=e2e");

  await expect(page).toHaveURL(/\/sign-in\?next=%2F%3Ffrom%3De2e$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages.signInTitle);
  await expectAccessible(page);
  await page.getByLabel(messages.password).fill("not the password");
  await page.getByLabel(messages.email).fill(DEMO.email);
  await page.getByRole("button", { name: messages.signInSubmit }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: messages.wrongCredentials }),
  ).toBeVisible();

  await page.getByLabel(messages.password).fill(DEMO.password);
  await page.getByRole("button", { name: messages.signInSubmit }).click();

  await expect(page).toHaveURL(/\/\?from=e2e$/);
  await expect(page.getByRole("group", { name: messages.account })).toContainText(DEMO.email);
});

test("the organization switcher changes the active organization; sign-out ends the session", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/");
  const switcher = page.getByRole("combobox", { name: messages.organization });
  await expect(switcher).toBeVisible();

  await switcher.selectOption({ label: "Demo Partner" });

  await expect(page.getByRole("group", { name: messages.account })).toContainText(
    messages.roles.viewer,
  );
  await page.getByRole("button", { name: messages.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const cookies = await page.context().cookies();
  expect(cookies.find((cookie) => cookie.name === "session")).toBeUndefined();
});

test("on a phone, a menu holds the navigation; a skip link leads to the content", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  await page.goto("/");

  // Nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const menu = page.getByRole("button", { name: messages.menu });
  await expect(page.getByRole("navigation", { name: messages.mainNav })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("navigation", { name: messages.mainNav })).toBeVisible();
  await expect(page.getByRole("group", { name: messages.account })).toContainText(DEMO.email);
  await expectAccessible(page);
  await snap(page, "mobile-menu");
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  // The first Tab shows the skip link; following it puts the focus on the page's content.
  await page.reload();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: messages.skipToContent });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("an unknown page is a real 404, titled by its h1, in both themes", async ({ page }) => {
  await signIn(page);
  const response = await page.goto("/no-such-page");

  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: messages.notFound })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: messages.darkTheme }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expectAccessible(page);
});
