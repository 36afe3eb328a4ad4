// HTTP helpers for the browser and API tests: sign in as a person (a session cookie), and call the portal's API
// over real HTTP with that cookie or an API token.
//
// Sign-in is rate limited per client address (5 a minute, lib/server/auth/auth-config.ts), and every test file
// talks to the same server from 127.0.0.1. A file that signs in several people therefore presents itself as its
// own client with X-Forwarded-For (what a reverse proxy in front of the portal sends), so the files do not use up
// each other's allowance. The portal believes the header because the test portals trust the loopback as their
// proxy (TRUSTED_PROXIES, test/e2e/portal-server.ts).
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { CreatedToken, Me } from "@/lib/schemas/access";

/** A signed-in session: the cookie header for HTTP calls, and the cookies themselves for a browser context. */
export interface Session {
  cookie: string;
  cookies: { name: string; value: string }[];
}

export interface ApiResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface Caller {
  /** A session cookie header (from signIn) or an API token secret. */
  cookie?: string;
  token?: string;
}

export class PortalHttp {
  constructor(
    readonly baseUrl: string,
    /** The client address this file presents (X-Forwarded-For). */
    readonly clientIp: string,
  ) {}

  /** Signs in through better-auth's email endpoint and returns the session cookie header to send back. */
  async signIn(email: string, password: string): Promise<Session> {
    const res = await fetch(`${this.baseUrl}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: this.baseUrl, "x-forwarded-for": this.clientIp },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}: ${await res.text()}`);
    const cookies = res.headers.getSetCookie().flatMap((line) => {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      return eq > 0 ? [{ name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() }] : [];
    });
    if (!cookies.some((c) => c.name.endsWith("session_token"))) throw new Error(`sign-in as ${email} set no session cookie`);
    return { cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "), cookies };
  }

  async call<T = unknown>(path: string, who: Caller, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: "application/json", "x-forwarded-for": this.clientIp, ...init.headers };
    if (who.token) headers.authorization = `Bearer ${who.token}`;
    if (who.cookie) {
      headers.cookie = who.cookie;
      // Session-authenticated writes come from the portal's own pages; say so, as a browser would.
      headers.origin = this.baseUrl;
    }
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: init.method ?? "GET",
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    const isJson = /json/.test(res.headers.get("content-type") ?? "");
    return { status: res.status, headers: res.headers, body: (isJson && text ? JSON.parse(text) : text) as T, text };
  }

  /**
   * Signs in once and trades the session for an API token scoped to the person's first team and a role (a platform
   * reviewer's token asks for the grant to review every team's requests). Throws unless the token was created.
   */
  async tokenFor(
    email: string,
    password: string,
    opts: { role: "member" | "reviewer"; platformReviewer?: boolean; name: string; expiresInDays?: number },
  ): Promise<{ token: string; me: Me; teamId: string; created: ApiResult<CreatedToken> }> {
    const { cookie } = await this.signIn(email, password);
    const me = await this.call<Me>("/api/v1/me", { cookie });
    if (me.status !== 200) throw new Error(`GET /api/v1/me as ${email} answered ${me.status}: ${me.text}`);
    const team = me.body.teams[0];
    if (!team) throw new Error(`${email} has no team`);
    const body = {
      name: opts.name,
      teamId: team.id,
      role: opts.role,
      platformReviewer: opts.platformReviewer ?? false,
      expiresInDays: opts.expiresInDays ?? 7,
    };
    const created = await this.call<CreatedToken>("/api/v1/tokens", { cookie }, { method: "POST", body });
    if (created.status !== 201) throw new Error(`creating a token as ${email} answered ${created.status}: ${created.text}`);
    return { token: created.body.secret, me: me.body, teamId: team.id, created };
  }
}

/** Chromium flags for the browser tests (Debian's Chromium, headless, nothing from the network but the portal). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

/**
 * A browser page signed in as `who` (their session cookies), in a new context that `contexts` keeps for closing;
 * console errors and uncaught exceptions go to `errors`, each naming who and where.
 */
export async function openPageAs(
  browser: Browser,
  opts: { baseUrl: string; who: string; session: Session; viewport: { width: number; height: number }; contexts: BrowserContext[]; errors: string[] },
): Promise<Page> {
  const { baseUrl, who, errors } = opts;
  const context = await browser.newContext({ viewport: opts.viewport, baseURL: baseUrl });
  opts.contexts.push(context);
  await context.addCookies(opts.session.cookies.map((c) => ({ ...c, url: baseUrl })));
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${who} ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught (${who}) on ${page.url()}: ${error.message}`));
  return page;
}

/** How long a browser test waits for the simulated engine to run an operation through (a shared, loaded machine). */
export const LIFECYCLE_TIMEOUT = 90_000;

/** Polls `read` every 250 ms until `check` holds; fails after `timeoutMs`, showing the last value read. */
export async function until<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = LIFECYCLE_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last).slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await read();
  }
  return last;
}

/**
 * A datastore provisioned the way a team gets one, through the API: the requester asks for `workload` under `name` in
 * its first team, the reviewer approves, the preview the approval queued runs, the requester provisions it (an up
 * confirming that preview) and it becomes active on the simulated engine. Returns its id; throws, naming the step
 * and the portal's answer, when a step does not do what it should.
 */
export async function provisionDatastore(
  http: PortalHttp,
  opts: { requester: Caller; reviewer: Caller; name: string; workload: Record<string, unknown> },
): Promise<string> {
  const { requester, reviewer, name } = opts;
  const expectStatus = (what: string, res: ApiResult, status: number) => {
    if (res.status !== status) throw new Error(`${what} for ${name} answered ${res.status}: ${res.text}`);
  };
  const me = await http.call<Me>("/api/v1/me", requester);
  const created = await http.call<{ id: string }>("/api/v1/requests", requester, {
    method: "POST",
    body: { teamId: me.body.teams[0]?.id, name, workload: { ...opts.workload, name } },
  });
  expectStatus("creating the request", created, 201);
  expectStatus("submitting the request", await http.call(`/api/v1/requests/${created.body.id}/submit`, requester, { method: "POST" }), 200);
  const approved = await http.call<{ datastoreId: string | null }>(`/api/v1/requests/${created.body.id}/decisions`, reviewer, {
    method: "POST",
    body: { decision: "approved" },
  });
  expectStatus("approving the request", approved, 200);
  const id = approved.body.datastoreId ?? "";
  const operations = async () =>
    (await http.call<{ items: { id: string; kind: string; status: string }[] }>(`/api/v1/datastores/${id}/operations`, requester)).body.items;
  const [preview] = await until(`the preview of ${name}`, operations, (ops) => ops[0]?.kind === "preview" && ops[0].status === "succeeded");
  const up = await http.call(`/api/v1/datastores/${id}/operations`, requester, {
    method: "POST",
    body: { kind: "up", previewId: preview?.id },
    headers: { "idempotency-key": `up-${id}` },
  });
  expectStatus("queueing the up", up, 202);
  await until(
    `${name} to become active`,
    async () => (await http.call<{ status: string }>(`/api/v1/datastores/${id}`, requester)).body,
    (d) => d.status === "active",
  );
  return id;
}

/** How far the page scrolls sideways (px): 0 or less when nothing is wider than the viewport. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}
