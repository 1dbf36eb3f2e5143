import { expect, test } from "@playwright/test";

test("the home page shows the product", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("VECTRA");
  await expect(page).toHaveTitle("VECTRA");
});
