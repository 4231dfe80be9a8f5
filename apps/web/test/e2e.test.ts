/**
 * The web app end to end in a real browser against the real server (in-process, embedded defaults: PGlite in
 * memory, the offline catalogue) serving the built app from apps/web/dist, as in production. One user's
 * journey, step by step: dev sign-in, generate and watch it stream, save, find by search, scale, rate and
 * tag, delete, chat, pantry suggestions, sign out; then an anonymous visitor on a phone over the daily AI limit
 * (429). A screenshot of each screen lands in test-results/screenshots/ (failed steps too).
 */
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import { startTestServer, type TestServer } from "@sous/server/test/harness";
import { chromiumAvailable, inCI, launchChromium } from "./browser.js";

const DIST = fileURLToPath(new URL("../dist", import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL("../../../test-results/screenshots", import.meta.url));
const STEP_TIMEOUT = 15_000;

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** What the page showed at one DOM change while a recipe was generated. */
interface StreamLogEntry {
  state: string | null;
  title: string;
  ingredients: number;
  steps: number;
}

/** The tab of a section, by its visible name. */
const tab = (name: string) => page.getByRole("tab", { name });
const panel = (screen: string) => page.locator(`#panel-${screen}`);

describe.runIf(chromiumAvailable || inCI)("web app in a real browser", () => {
  beforeAll(async () => {
    if (!existsSync(`${DIST}/index.html`)) {
      throw new Error(`${DIST}/index.html is missing: build the web app first (pnpm --filter @sous/web build).`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  // A failed step leaves a picture of the page it failed on.
  beforeEach((test) => {
    onTestFailed(async () => {
      const name = test.task.name.replace(/\W+/g, "-");
      await page?.screenshot({ path: `${SCREENSHOTS}/failed-${name}.png`, fullPage: true });
    });
  });

  describe("a signed-in cook's journey", journey);
  describe("an anonymous visitor over the daily AI limit", overLimit);
});

function journey() {
  beforeAll(async () => {
    server = await startTestServer({
      env: { WEB_DIST_DIR: DIST, AI_REQUESTS_PER_DAY: "1000", AI_REQUESTS_PER_DAY_ANONYMOUS: "1000" },
    });
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      // The browser logs every 4xx it receives (the refresh call of a visitor without a session answers 401);
      // those are expected answers, not errors of the app.
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
        pageErrors.push(message.text());
      }
    });
  });

  afterAll(async () => {
    await context?.close();
    await server?.stop();
  });

  it("serves the app and restores no session for a new visitor", async () => {
    await page.goto(server.url);
    await expect.poll(() => page.title()).toBe("Sous");
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    expect(await tab("Generate").getAttribute("aria-selected")).toBe("true");
  });

  it("moves between sections with the keyboard (one tab stop, arrow keys)", async () => {
    await tab("Generate").focus();
    // Each key press re-renders asynchronously: poll rather than read once (a loaded machine is slow to paint).
    const selected = (name: string) => expect.poll(() => tab(name).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("ArrowRight");
    await selected("What can I make");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("What can I make");
    await expect.poll(() => panel("pantry").isVisible()).toBe(true);
    await page.keyboard.press("End");
    await selected("Account");
    await page.keyboard.press("ArrowRight"); // wraps around
    await selected("Generate");
    expect(await tab("Chat").getAttribute("tabindex")).toBe("-1");
  });

  it("signs in with the dev sign-in", async () => {
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.getByRole("textbox", { name: "Email" }).fill("cook@example.com");
    await page.getByRole("textbox", { name: "Name (optional)" }).fill("Casey Cook");
    await screenshot("01-sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("account").getByText("Casey Cook").waitFor();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
  });

  it("keeps the session across a reload through the refresh cookie only", async () => {
    await page.reload();
    await page.getByTestId("account").getByText("Casey Cook").waitFor();
    // Nothing of the session is in web storage: the access token lives in memory, the refresh token in an
    // HttpOnly cookie scripts cannot read.
    const stored = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
    );
    expect(stored).not.toMatch(/eyJ|sous_refresh/);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "sous_refresh")).toMatchObject({ httpOnly: true, path: "/trpc" });
  });

  it("generates a recipe from the offline catalogue and shows it while it streams", async () => {
    await tab("Generate").click();
    // Record every change of the panel: what was on screen while the status said "streaming".
    await page.evaluate(() => {
      const seen: StreamLogEntry[] = [];
      (window as unknown as { streamLog: typeof seen }).streamLog = seen;
      const root = document.getElementById("panel-generate") as HTMLElement;
      new MutationObserver(() => {
        seen.push({
          state: root.querySelector("[data-testid=stream-status]")?.getAttribute("data-state") ?? null,
          title: root.querySelector(".recipe-title")?.textContent ?? "",
          ingredients: root.querySelectorAll("[data-testid=ingredient]").length,
          steps: root.querySelectorAll(".steps li").length,
        });
      }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await panel("generate").getByRole("textbox", { name: "Dish" }).fill("spaghetti carbonara");
    await panel("generate").getByRole("button", { name: "Generate" }).click();
    await panel("generate").locator("[data-testid=stream-status][data-state=done]").waitFor();

    const log = await page.evaluate(
      () => (window as unknown as { streamLog: StreamLogEntry[] }).streamLog,
    );
    const streaming = log.filter((entry) => entry.state === "streaming");
    // The title was on screen while the recipe was still being written…
    expect(streaming.some((entry) => entry.title === "Spaghetti Carbonara")).toBe(true);
    // …and the recipe grew in several visible steps before it was done.
    const distinct = new Set(streaming.map((entry) => `${entry.title}|${entry.ingredients}|${entry.steps}`));
    expect(distinct.size).toBeGreaterThanOrEqual(3);
    const final = log.at(-1);
    expect(final?.ingredients).toBeGreaterThan(0);
    const partial = (entry: StreamLogEntry) =>
      entry.ingredients < (final?.ingredients ?? 0) || entry.steps < (final?.steps ?? 0);
    expect(streaming.some(partial)).toBe(true);

    await expect.poll(() => panel("generate").getByTestId("source").textContent()).toContain("offline catalogue");
    await screenshot("02-generate");
  });

  it("saves the generated recipe", async () => {
    await panel("generate").getByRole("button", { name: "Save recipe" }).click();
    await panel("generate").getByRole("link", { name: "Open it in your recipes" }).waitFor();
  });

  it("refreshes the session once and retries when a call is refused as UNAUTHORIZED", async () => {
    // The first saved.list request goes out with a credential the server cannot verify, as an expired
    // access token would; the server's real 401 must lead to one auth.refresh and a retry that succeeds.
    const calls: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/trpc/")) calls.push(path.slice("/trpc/".length));
    });
    let tampered = false;
    await page.route(/\/trpc\/[^?]*saved\.list/, async (route) => {
      const headers = route.request().headers();
      if (tampered) return route.continue();
      tampered = true;
      await route.continue({ headers: { ...headers, authorization: "Bearer expired-or-forged" } });
    });
    await tab("Saved").click();
    await panel("saved").getByTestId("saved-item").first().waitFor();
    await page.unrouteAll();
    const lists = calls.filter((call) => call.includes("saved.list"));
    const refreshAt = calls.findIndex((call) => call.includes("auth.refresh"));
    expect(lists.length).toBe(2);
    expect(refreshAt).toBeGreaterThan(calls.indexOf(lists[0] as string));
    expect(refreshAt).toBeLessThan(calls.lastIndexOf(lists[1] as string));
    expect(await panel("saved").getByRole("alert").count()).toBe(0);
  });

  it("finds the saved recipe by search on the Saved screen", async () => {
    await tab("Saved").click();
    await panel("saved").getByTestId("saved-item").first().waitFor();
    await panel("saved").getByRole("searchbox", { name: "Search" }).fill("guanciale");
    await expect
      .poll(() => panel("saved").getByTestId("saved-item").allTextContents())
      .toEqual([expect.stringContaining("Spaghetti Carbonara")]);
    await screenshot("03-saved-list");

    await panel("saved").getByRole("searchbox", { name: "Search" }).fill("lasagne");
    await panel("saved").getByText("Nothing matches").waitFor();
    await panel("saved").getByRole("searchbox", { name: "Search" }).fill("carbonara");
    await panel("saved").getByRole("link", { name: "Spaghetti Carbonara" }).click();
    await panel("saved").getByRole("heading", { name: "Spaghetti Carbonara", level: 1 }).waitFor();
  });

  it("scales the saved recipe: the quantities change with the servings", async () => {
    const servings = panel("saved").getByRole("spinbutton", { name: "Servings" });
    await expect.poll(() => servings.inputValue()).toBe("4");
    const before = await panel("saved").getByTestId("amount").allTextContents();
    expect(before[0]).toBe("400 g");

    await panel("saved").getByRole("button", { name: "More servings" }).click();
    await panel("saved").getByRole("button", { name: "More servings" }).click();
    await panel("saved").getByRole("button", { name: "More servings" }).click();
    await panel("saved").getByRole("button", { name: "More servings" }).click();
    await expect.poll(() => panel("saved").getByTestId("servings").textContent()).toBe("8");
    const after = await panel("saved").getByTestId("amount").allTextContents();
    expect(after[0]).toBe("800 g");
    expect(after).not.toEqual(before);
    await screenshot("04-saved-detail-scaled");
  });

  it("rates and tags the saved recipe", async () => {
    const fourStars = panel("saved").getByRole("radio", { name: "4 stars" });
    // Click the star, as a user does (the radio itself is visually hidden inside its label).
    await panel("saved").locator("label", { has: page.getByRole("radio", { name: "4 stars" }) }).click();
    // The radio is controlled by the server's answer: checked means the rating was stored.
    await expect.poll(() => fourStars.isChecked()).toBe(true);

    const tags = panel("saved").getByRole("textbox", { name: "Tags" });
    await tags.fill("weeknight");
    await tags.press("Enter");
    await panel("saved").getByRole("button", { name: "Save tags" }).click();
    // Once the stored tags equal the edited ones there is nothing left to save.
    await panel("saved").getByRole("button", { name: "Save tags" }).waitFor({ state: "detached" });
    expect(await panel("saved").getByRole("list", { name: "Tags" }).textContent()).toContain("weeknight");
  });

  it("deletes the saved recipe after a confirmation", async () => {
    await panel("saved").getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: /Delete/ });
    await dialog.waitFor();
    await screenshot("05-delete-confirmation");
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe("#/saved");
    await panel("saved").getByRole("searchbox", { name: "Search" }).fill("");
    await panel("saved").getByText("No saved recipes yet").waitFor();
  });

  it("chats one turn with a streamed reply", async () => {
    await tab("Chat").click();
    await panel("chat").getByRole("textbox", { name: "Message", exact: true }).fill("What temperature is chicken safe at?");
    await panel("chat").getByRole("textbox", { name: "Message", exact: true }).press("Enter");
    await panel("chat").getByTestId("message-user").waitFor();
    const reply = panel("chat").getByTestId("message-assistant");
    await expect.poll(() => reply.getAttribute("aria-busy")).toBe("false");
    expect(await reply.locator(".message-text").textContent()).toMatch(/°C|°F/);
    await panel("chat").getByRole("button", { name: "New conversation" }).waitFor();
    await screenshot("06-chat");
  });

  it("suggests recipes from a pantry list", async () => {
    await tab("What can I make").click();
    const pantry = panel("pantry").getByRole("textbox", { name: "In your pantry" });
    for (const item of ["eggs", "spaghetti", "pecorino"]) {
      await pantry.fill(item);
      await pantry.press("Enter");
    }
    await panel("pantry").getByRole("button", { name: "Find recipes" }).click();
    await panel("pantry").locator(".suggestion").first().waitFor();
    await screenshot("07-pantry");
  });

  it("signs out", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    await page.reload();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    expect(pageErrors).toEqual([]);
  });
}

function overLimit() {
  let limited: TestServer;
  let visitor: BrowserContext;

  beforeAll(async () => {
    limited = await startTestServer({ env: { WEB_DIST_DIR: DIST, AI_REQUESTS_PER_DAY_ANONYMOUS: "1" } });
    visitor = await browser.newContext({ viewport: { width: 390, height: 844 } }); // a phone
    page = await visitor.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
  });
  afterAll(async () => {
    await visitor?.close();
    await limited?.stop();
  });

  it("shows when to retry after a 429 and that the allowance is used up", async () => {
    await page.goto(limited.url);
    const dish = panel("generate").getByRole("textbox", { name: "Dish" });
    await dish.fill("pad thai");
    await panel("generate").getByRole("button", { name: "Generate" }).click();
    await panel("generate").locator("[data-testid=stream-status][data-state=done]").waitFor();

    await panel("generate").getByRole("button", { name: "Generate" }).click();
    const alert = panel("generate").getByRole("alert");
    await alert.waitFor();
    expect(await alert.getAttribute("data-code")).toBe("TOO_MANY_REQUESTS");
    expect(await alert.getByTestId("retry-after").textContent()).toMatch(/You can try again in \d+ (s|min|h)/);
    await expect.poll(() => page.getByTestId("quota").textContent()).toContain("Daily AI limit reached");
    await screenshot("08-rate-limited-phone");
  });
}
