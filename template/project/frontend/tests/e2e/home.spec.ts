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
