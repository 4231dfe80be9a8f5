/**
 * The second wave's screens end to end in a real browser, as a newcomer would use them on the README's start
 * command (embedded defaults, the offline catalogue): import a recipe from a web page, plan it for Tuesday,
 * turn the week into a shopping list, edit notes and share the recipe with a friend, reopen and delete a chat,
 * make and revoke an API token, export, then delete the account. Then an admin's user list, and the shopping
 * list at phone width. Screenshots land in test-results/screenshots/ (failed steps too).
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import { startTestServer, type TestServer } from "@sous/server/test/harness";
import { chromiumAvailable, inCI, launchChromium } from "./browser.js";

const DIST = fileURLToPath(new URL("../dist", import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL("../../../test-results/screenshots", import.meta.url));
const TITLE = "Tuesday Chickpea Curry";

/** A recipe page the way recipe sites publish them: schema.org Recipe in JSON-LD inside an @graph. */
const RECIPE_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${TITLE} | A Food Blog</title>
<script type="application/ld+json">${JSON.stringify({
  "@context": "https://schema.org",
  "@graph": [
    { "@type": "WebPage", name: `${TITLE} | A Food Blog` },
    {
      "@type": "Recipe",
      name: TITLE,
      description: "A weeknight curry from the storecupboard.",
      recipeYield: "4 servings",
      prepTime: "PT10M",
      cookTime: "PT25M",
      recipeCuisine: "Indian",
      recipeIngredient: ["2 tbsp vegetable oil", "1 onion, chopped", "400 g chickpeas, drained", "400 ml coconut milk", "2 tsp curry powder"],
      recipeInstructions: [
        { "@type": "HowToStep", text: "Soften the onion in the oil for 8 minutes." },
        { "@type": "HowToStep", text: "Stir in the curry powder, then the chickpeas and coconut milk." },
        { "@type": "HowToStep", text: "Simmer for 15 minutes and serve with rice." },
      ],
    },
  ],
})}</script></head><body><h1>${TITLE}</h1><p>Our favourite weeknight curry.</p></body></html>`;

let server: TestServer;
let pages: Server;
let pageUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

/** A loaded machine is slow to paint: wait for what the page shows, up to a step's budget. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const tab = (name: string) => page.getByRole("tab", { name });
const panel = (screen: string) => page.locator(`#panel-${screen}`);
const screenshot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });

/** This week's Tuesday as the web app names days (YYYY-MM-DD in the browser's time zone). */
function tuesdayOfThisWeek(): string {
  const now = new Date();
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  day.setDate(day.getDate() - ((day.getDay() + 6) % 7) + 1);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

async function signIn(email: string, name: string): Promise<void> {
  await page.goto(`${server.url}/#/signin`);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByRole("textbox", { name: "Name (optional)" }).fill(name);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("account").getByText(name).waitFor();
}

describe.runIf(chromiumAvailable || inCI)("the kitchen screens in a real browser", () => {
  beforeAll(async () => {
    if (!existsSync(`${DIST}/index.html`)) {
      throw new Error(`${DIST}/index.html is missing: build the web app first (pnpm --filter @sous/web build).`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    pages = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(RECIPE_PAGE));
    await new Promise<void>((resolve) => pages.listen(0, "127.0.0.1", resolve));
    pageUrl = `http://127.0.0.1:${(pages.address() as AddressInfo).port}/recipes/chickpea-curry`;
    server = await startTestServer({
      env: { WEB_DIST_DIR: DIST, IMPORT_ALLOW_HOSTS: "127.0.0.1", AI_REQUESTS_PER_DAY: "1000" },
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => pageErrors.push(error.message));
  }, 180_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => pages?.close(resolve));
  });
  beforeEach((test) => {
    onTestFailed(async () => {
      const name = test.task.name.replace(/\W+/g, "-");
      await page?.screenshot({ path: `${SCREENSHOTS}/failed-kitchen-${name}.png`, fullPage: true });
    });
  });

  it("asks a visitor to sign in on the account screens", async () => {
    await page.goto(`${server.url}/#/shopping`);
    await panel("shopping").getByText("Sign in first").waitFor();
    await page.goto(`${server.url}/#/account`);
    await panel("account").getByText("Sign in first").waitFor();
  });

  it("imports a recipe from a web page, previews it and saves it", async () => {
    await signIn("newcomer@example.com", "Nia Newcomer");
    await tab("Import").click();
    await panel("import").getByRole("textbox", { name: "Page address" }).fill(pageUrl);
    await panel("import").getByRole("button", { name: "Import" }).click();
    const preview = panel("import").getByTestId("import-preview");
    await preview.getByRole("heading", { name: TITLE }).waitFor();
    expect(await preview.getByTestId("ingredient").count()).toBe(5);
    expect(await preview.textContent()).toContain("json-ld");
    await screenshot("10-import");
    await preview.getByRole("button", { name: "Save recipe" }).click();
    await preview.getByRole("link", { name: "Open it in your recipes" }).waitFor();
  });

  it("imports pasted text and says what it could not fill", async () => {
    await panel("import").getByRole("radio", { name: "Pasted text" }).check();
    await panel("import")
      .getByRole("textbox", { name: "Recipe text" })
      .fill("Lemon Rice\n\nIngredients\n200 g basmati rice\n1 lemon\n\nMethod\n1. Cook the rice.\n2. Stir in the lemon.");
    await panel("import").getByRole("button", { name: "Import" }).click();
    await panel("import").getByTestId("import-preview").getByRole("heading", { name: "Lemon Rice" }).waitFor();
  });

  it("plans the recipe for Tuesday and shows it in the week", async () => {
    await tab("Plan").click();
    const form = panel("plan").getByRole("form", { name: "Plan a meal" });
    await eventually(() => form.getByRole("combobox", { name: "Recipe" }).locator("option").count()).toBe(2);
    await form.getByRole("combobox", { name: "Recipe" }).selectOption({ label: TITLE });
    await form.getByRole("combobox", { name: "Day" }).selectOption(tuesdayOfThisWeek());
    await form.getByRole("combobox", { name: "Meal" }).selectOption("dinner");
    await form.getByRole("button", { name: "Plan it" }).click();
    await panel("plan").getByTestId(`plan-day-${tuesdayOfThisWeek()}`).getByRole("link", { name: TITLE }).waitFor();
    await screenshot("11-plan");
  });

  it("turns the week into a shopping list, merged, with its source, and checks an item off", async () => {
    await panel("plan").getByRole("button", { name: "Add this week to the shopping list" }).click();
    await panel("plan").getByRole("link", { name: "Open the shopping list" }).click();
    const items = panel("shopping").getByTestId("shopping-item");
    await eventually(() => items.count()).toBe(5);
    expect(await items.filter({ hasText: "chickpeas" }).textContent()).toContain(TITLE);
    await items.filter({ hasText: "chickpeas" }).getByRole("checkbox").check();
    await eventually(() => items.filter({ hasText: "chickpeas" }).getAttribute("class")).toContain("checked");
    await panel("shopping").getByRole("textbox", { name: "Item" }).fill("rice");
    await panel("shopping").getByRole("button", { name: "Add", exact: true }).click();
    await eventually(() => items.count()).toBe(6);
    await screenshot("12-shopping");
    await panel("shopping").getByRole("button", { name: "Clear checked (1)" }).click();
    await eventually(() => items.count()).toBe(5);
  });

  it("edits the notes of the saved recipe", async () => {
    await tab("Saved").click();
    await panel("saved").getByRole("link", { name: TITLE }).click();
    await panel("saved").getByRole("textbox", { name: "Notes" }).fill("Add spinach at the end.");
    await panel("saved").getByRole("button", { name: "Save notes" }).click();
    await eventually(() => panel("saved").getByRole("button", { name: "Save notes" }).count()).toBe(0);
    await page.reload();
    await eventually(() => panel("saved").getByRole("textbox", { name: "Notes" }).inputValue()).toBe("Add spinach at the end.");
  });

  it("shares the recipe with a friend, who sees it read-only, until the link is revoked", async () => {
    await panel("saved").getByRole("button", { name: "Share" }).click();
    const link = await panel("saved").getByTestId("share-link").inputValue();
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
    await screenshot("13-share");
    const friend = await browser.newPage();
    try {
      const seen = await friend.goto(link);
      expect(seen?.status()).toBe(200);
      await friend.getByRole("heading", { name: TITLE }).waitFor();
      await panel("saved").getByRole("button", { name: "Stop sharing" }).click();
      await panel("saved").getByText("The link no longer works.").waitFor();
      const gone = await friend.goto(link);
      expect(gone?.status()).toBe(404);
    } finally {
      await friend.close();
    }
  });

  it("reopens a past chat from the history and deletes it", async () => {
    await tab("Chat").click();
    await panel("chat").getByRole("textbox", { name: "Message" }).fill("how long do I rest a steak?");
    await panel("chat").getByRole("button", { name: "Send" }).click();
    await eventually(() => panel("chat").getByTestId("message-assistant").getAttribute("aria-busy")).toBe("false");
    await panel("chat").getByRole("button", { name: "New conversation" }).click();
    await eventually(() => panel("chat").getByTestId("message-user").count()).toBe(0);
    await panel("chat").getByText("Past conversations (1)").click();
    await panel("chat").getByTestId("conversation").getByRole("button").first().click();
    await eventually(() => panel("chat").getByTestId("message-user").textContent()).toContain("rest a steak");
    await screenshot("14-chat-history");
    await panel("chat").getByRole("button", { name: /^Delete conversation/ }).click();
    await eventually(() => panel("chat").getByTestId("conversation").count()).toBe(0);
  });

  it("puts what a pantry suggestion is missing onto the shopping list in one go", async () => {
    await tab("What can I make").click();
    const pantry = panel("pantry").getByRole("textbox", { name: "In your pantry" });
    for (const item of ["eggs", "spaghetti"]) {
      await pantry.fill(item);
      await pantry.press("Enter");
    }
    await panel("pantry").getByRole("button", { name: "Find recipes" }).click();
    const first = panel("pantry").locator(".suggestion").first();
    // allTextContents does not wait: wait for the suggestions to be on screen first.
    await first.locator(".badge-allergen").first().waitFor();
    const missing = await first.locator(".badge-allergen").allTextContents();
    expect(missing.length).toBeGreaterThan(0);
    await first.getByRole("button", { name: "Add what's missing to the shopping list" }).click();
    await first.getByRole("button", { name: "Added to the shopping list" }).waitFor();
    await tab("Shopping").click();
    const names = await panel("shopping").getByTestId("shopping-item").locator(".name").allTextContents();
    for (const item of missing) expect(names.join("|").toLowerCase()).toContain(item.toLowerCase());
  });

  it("makes an API token shown once, lists it and revokes it", async () => {
    await tab("Account").click();
    await panel("account").getByRole("textbox", { name: "Token name" }).fill("laptop CLI");
    await panel("account").getByRole("button", { name: "Create token" }).click();
    expect(await panel("account").getByTestId("new-token").locator("code").textContent()).toMatch(/^sous_/);
    await eventually(() => panel("account").getByTestId("api-token").count()).toBe(1);
    await screenshot("15-account");
    await panel("account").getByRole("button", { name: "Revoke laptop CLI" }).click();
    await eventually(() => panel("account").getByTestId("api-token").count()).toBe(0);
  });

  it("exports everything as JSON, then deletes the account and is signed out", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      panel("account").getByRole("button", { name: "Export my data" }).click(),
    ]);
    const exported = readFileSync(await download.path(), "utf8");
    expect(exported).toContain(TITLE);
    expect(exported).toContain("newcomer@example.com");
    await panel("account").getByRole("button", { name: "Delete my account…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your account?" });
    const confirm = dialog.getByRole("button", { name: "Delete everything" });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole("textbox", { name: "Confirmation" }).fill("delete my account");
    await confirm.click();
    await page.getByRole("link", { name: "Sign in" }).first().waitFor();
    const left = await server.db.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "newcomer@example.com")
      .execute();
    expect(left).toEqual([]);
  });

  it("shows an admin the user list with roles", async () => {
    await signIn("chef@example.com", "Admin Chef");
    await server.db.db.updateTable("users").set({ role: "admin" }).where("email", "=", "chef@example.com").execute();
    await page.reload();
    await page.getByTestId("account").getByText("Admin Chef").waitFor();
    await tab("Account").click();
    const table = panel("account").getByRole("table");
    await table.getByRole("cell", { name: "chef@example.com" }).waitFor();
    expect(await table.getByRole("combobox", { name: "Role of chef@example.com" }).inputValue()).toBe("admin");
  });

  it("fits a phone's width on the shopping list and plan", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const screen of ["Shopping", "Plan", "Account", "Import"]) {
      await tab(screen).click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, screen).toBeLessThanOrEqual(0);
    }
    await tab("Plan").click();
    await screenshot("16-plan-phone");
    expect(pageErrors).toEqual([]);
  });
});
