// Signing in where people actually reach the portal, in a real browser. Without PUBLIC_URL (a fresh clone,
// `npm start` listening on every interface) the sign-in form works at http://127.0.0.1:PORT, at the machine's
// network address and under another host name — better-auth used to accept only http://localhost:PORT and the
// form called its refusal "Wrong email or password". With PUBLIC_URL set, a sign-in from another address says so
// instead of blaming the password. And ?next= never sends anyone off-site, through the form or when already signed in.
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "./http";
import { DEMO_PASSWORD, startPortal, type Portal } from "./portal-server";

/** A host name only this browser knows: Chromium resolves it to the loopback. */
const ALIAS = "portal-alias.test";
const SHOTS = "/tmp/shots-10s";

/** The machine's first non-loopback IPv4 address (what `next start` prints as "Network"), if it has one. */
function networkAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
}

describe("signing in at the address people use", () => {
  let portal: Portal;
  let port = "";
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];

  async function newPage(viewport = { width: 1440, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
    return page;
  }

  async function signInThroughForm(page: Page, url: string, email: string, password = DEMO_PASSWORD): Promise<void> {
    await page.goto(url);
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  beforeAll(async () => {
    // As `npm start` runs it: no PUBLIC_URL, no trusted proxy, every interface.
    portal = await startPortal({ PUBLIC_URL: "", TRUSTED_PROXIES: "" }, { allInterfaces: true });
    port = new URL(portal.baseUrl).port;
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${ALIAS} 127.0.0.1`] });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await portal?.stop();
  });

  it("signs in at http://127.0.0.1:PORT without PUBLIC_URL", async () => {
    const page = await newPage();
    await signInThroughForm(page, `http://127.0.0.1:${port}/sign-in`, "mo@portal.local");
    await page.getByRole("heading", { name: "Hello, Mo" }).waitFor();
    expect(new URL(page.url()).origin).toBe(`http://127.0.0.1:${port}`);
    await page.screenshot({ path: `${SHOTS}/sign-in-127.png` });
  });

  it("signs in under another host name", async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signInThroughForm(page, `http://${ALIAS}:${port}/sign-in`, "sam@portal.local");
    await page.getByRole("heading", { name: "Hello, Sam" }).waitFor();
    expect(await page.getByTestId("header-user-name").textContent()).toBe("Sam Member");
    await page.screenshot({ path: `${SHOTS}/sign-in-alias-phone.png` });
  });

  it("signs in at the machine's network address", async () => {
    const address = networkAddress();
    expect(address, "this machine has no network address to sign in at").toBeDefined();
    const page = await newPage();
    await signInThroughForm(page, `http://${address}:${port}/sign-in`, "rita@portal.local");
    await page.getByRole("heading", { name: "Hello, Rita" }).waitFor();
  });

  it("sends a signed-in person to this site only, whatever ?next= says, through the form", async () => {
    const page = await newPage();
    await signInThroughForm(page, `http://127.0.0.1:${port}/sign-in?next=/%09/evil.example`, "admin@portal.local", inject("adminPassword"));
    await page.waitForLoadState("load");
    await page.getByRole("heading", { name: /^Hello, / }).waitFor();
    expect(new URL(page.url()).origin).toBe(`http://127.0.0.1:${port}`);
    // Already signed in: the sign-in page redirects at once (307), and only to a path here.
    for (const next of [
      "/%09/evil.example",
      "/%5C%5Cevil.example",
      "/.//evil.example",
      "/%0D%0ASet-Cookie:%20x=1",
      "/caf%C3%A9/%E2%9C%93",
      "https://evil.example/",
    ]) {
      const response = await page.goto(`http://127.0.0.1:${port}/sign-in?next=${next}`);
      // A path here (the dashboard, or a page that does not exist: 404), never a server error or another site.
      expect(response?.status(), next).toBeLessThan(500);
      expect(new URL(page.url()).origin, next).toBe(`http://127.0.0.1:${port}`);
    }
    const raw = await page.context().request.get(`http://127.0.0.1:${port}/sign-in?next=/%09/evil.example`, { maxRedirects: 0 });
    expect(raw.status()).toBe(307);
    expect(new URL(raw.headers().location ?? "", `http://127.0.0.1:${port}/`).origin).toBe(`http://127.0.0.1:${port}`);
  });

  it("says so when PUBLIC_URL names another address, rather than blaming the password", async () => {
    // The shared portal has PUBLIC_URL=http://127.0.0.1:PORT; the alias is the same server under another name.
    const shared = new URL(inject("baseUrl"));
    const page = await newPage();
    await signInThroughForm(page, `http://${ALIAS}:${shared.port}/sign-in`, "mo@portal.local");
    const error = page.getByTestId("sign-in-error");
    await error.waitFor();
    expect(await error.textContent()).toMatch(/does not accept sign-ins from this address/);
    expect(await error.textContent()).not.toMatch(/wrong email or password/i);
    await page.screenshot({ path: `${SHOTS}/sign-in-wrong-origin.png` });
  });

  it("logged no errors in the browser console", () => {
    // The refused sign-in of the last test is a 403 the browser reports, and a `next` naming a page that does not
    // exist lands on the 404 page; nothing else may fail.
    expect(consoleErrors.filter((e) => !/status of 40[34]/.test(e))).toEqual([]);
  });
});
