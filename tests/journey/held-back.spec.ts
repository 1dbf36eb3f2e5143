/**
 * The held-back journey (issue 25): kept in the scaffold's repository, never generated, and run
 * by its tests in a French project and in an English one, each on a desktop and on a phone.
 * It drives a `campaign` feature (name:str budget:int? starts_at:datetime), labelled in French
 * in the French project, and expects every word it reads in the project's own language,
 * written out here rather than taken from the project's messages.
 */
import { expect, type Page, test } from "@playwright/test";

import { lang } from "../../src/lib/i18n";
import { expectAccessible, signIn } from "./support";

const WORDS = {
  fr: {
    plural: "Campagnes",
    newTitle: "Campagne : création",
    name: "Nom",
    budget: "Budget",
    startsAt: "Date de début",
    new: "Nouveau",
    save: "Enregistrer",
    cancel: "Annuler",
    edit: "Modifier",
    menu: "Menu",
    notFound: "Introuvable",
    created: /^« .+ » a été créé\.$/,
    tooBig: /^La valeur doit être inférieure ou égale à 2\s147\s483\s647\.$/,
    unsaved: "Vos modifications ne sont pas enregistrées. Quitter cette page quand même ?",
  },
  en: {
    plural: "Campaigns",
    newTitle: "New campaign",
    name: "Name",
    budget: "Budget",
    startsAt: "Starts at",
    new: "New",
    save: "Save",
    cancel: "Cancel",
    edit: "Edit",
    menu: "Menu",
    notFound: "Not found",
    created: /^“.+” was created\.$/,
    tooBig: /^The value must be at most 2,147,483,647\.$/,
    unsaved: "Your changes are not saved. Leave this page anyway?",
  },
};
/** Words of the other language that a page must not show. */
const FOREIGN = {
  fr: [
    "Save",
    "Cancel",
    "New",
    "Edit",
    "Delete",
    "Campaigns",
    "Name",
    "Starts at",
    "Search",
    "Loading",
  ],
  en: [
    "Enregistrer",
    "Annuler",
    "Nouveau",
    "Modifier",
    "Supprimer",
    "Campagnes",
    "Nom",
    "Rechercher",
  ],
};
const W = WORDS[lang as keyof typeof WORDS];

const DEVICES = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, phone: false },
  { name: "phone", viewport: { width: 390, height: 844 }, phone: true },
];

/** One language on the page, nothing wider than the screen, nothing axe can find. */
async function expectWell(page: Page) {
  const text = await page.locator("body").innerText();
  for (const word of FOREIGN[lang as keyof typeof FOREIGN]) {
    expect(text, `"${word}" on ${page.url()}`).not.toMatch(
      new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, "u"),
    );
  }
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width on ${page.url()}`).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
  await expectAccessible(page);
}

for (const device of DEVICES) {
  test.describe(device.name, () => {
    test.use({ viewport: device.viewport, isMobile: device.phone, hasTouch: device.phone });

    test(`held back: a campaign from the home page to a 404, on a ${device.name}`, async ({
      page,
    }) => {
      await signIn(page);
      const sent: string[] = [];
      page.on("request", (request) => {
        if (request.method() === "POST" && new URL(request.url()).pathname.endsWith("/campaigns")) {
          sent.push(request.url());
        }
      });

      // From the home page through the navigation (behind the menu on a phone).
      await page.goto("/");
      if (device.phone) await page.getByRole("button", { name: W.menu }).click();
      await page.getByRole("navigation").getByRole("link", { name: W.plural, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(W.plural);
      await expectWell(page);

      // A budget beyond what the API stores is refused before anything is sent.
      await page.getByRole("link", { name: W.new, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(W.newTitle);
      const long = `${device.name}${Date.now()}${"W".repeat(255)}`.slice(0, 255);
      await page.getByLabel(W.name, { exact: true }).fill(long);
      await page.getByLabel(W.budget, { exact: true }).fill("1000000000000");
      await page.getByLabel(W.startsAt, { exact: true }).fill("2027-03-01T09:30");
      await page.getByRole("button", { name: W.save }).click();
      await expect(page.getByText(W.tooBig).first()).toBeVisible();
      expect(sent).toEqual([]);
      await expectWell(page);

      // Corrected and saved: its page at once, the long name whole, a toast saying so.
      await page.getByLabel(W.budget, { exact: true }).fill("5000");
      await page.getByRole("button", { name: W.save }).click();
      await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
      const detail = page.url();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(long);
      await expect(
        page.locator("[data-sonner-toast]").filter({ hasText: W.created }),
      ).toBeVisible();
      expect(sent).toHaveLength(1);
      await expectWell(page);

      // In the list, newest first, it is the first row: cut in its cell, whole in its title.
      await page.goto("/campaigns?sort=-created_at");
      await expect(page.getByRole("row").nth(1).getByTitle(long)).toBeVisible();
      await expectWell(page);

      // A page past the last one leads to the last one.
      await page.goto("/campaigns?page=99");
      await expect(page).not.toHaveURL(/page=99/);
      await expect(page.getByRole("table", { name: W.plural })).toBeVisible();

      // Leaving a changed form asks first; staying keeps what was typed.
      await page.goto(detail);
      await page.getByRole("link", { name: W.edit, exact: true }).click();
      const name = page.getByLabel(W.name, { exact: true });
      await expect(name).toHaveValue(long);
      await name.fill(`${device.name} renamed`);
      const asked: string[] = [];
      page.once("dialog", (dialog) => {
        asked.push(dialog.message());
        void dialog.dismiss();
      });
      await page.getByRole("link", { name: W.cancel, exact: true }).click();
      await expect.poll(() => asked).toEqual([W.unsaved]);
      await expect(page).toHaveURL(`${detail}/edit`);
      await expect(name).toHaveValue(`${device.name} renamed`);
      // So does the browser's Back button; staying returns to the form as it was.
      page.once("dialog", (dialog) => {
        asked.push(dialog.message());
        void dialog.dismiss();
      });
      await page.evaluate(() => window.history.back());
      await expect.poll(() => asked).toEqual([W.unsaved, W.unsaved]);
      await expect(page).toHaveURL(`${detail}/edit`);
      await expect(name).toHaveValue(`${device.name} renamed`);
      await expectWell(page);

      // An id that does not exist: a real 404, titled, in the project's language (leaving the
      // changed form, this time accepted).
      page.on("dialog", (dialog) => void dialog.accept());
      const response = await page.goto(`/campaigns/${crypto.randomUUID()}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(W.notFound);
      await expectWell(page);
    });
  });
}
