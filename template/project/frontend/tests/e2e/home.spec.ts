import { expect, test } from "@playwright/test";

import { expectAccessible, snap } from "./support";

test("the home page shows the product, in the app shell", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("VECTRA");
  await expect(page).toHaveTitle("VECTRA");
  await expect(page.getByRole("navigation").first()).toBeVisible();
  await expectAccessible(page);
  await snap(page, "home");
});
