/**
 * Real headless Chromium for the web suites: Debian's `chromium` (what `.ci/run` installs) driven by
 * playwright-core. Pages are signed in the way a person signs in (a one-time link, then Continue),
 * every Content-Security-Policy violation a page reports is collected so a suite can assert there
 * were none, and screenshots are kept under test/artifacts/screenshots for a person to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TOKENS, type ChatPlatform, type InboundPort, type PersonRef, type RequestContext } from '@muster/core';
import type { Store } from '@muster/store';
import type { InProcessServer } from '../integration/server-support';

export const CHROMIUM = process.env.MUSTER_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(__dirname, '../../artifacts/screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium package (bash .ci/run does) or set MUSTER_CHROMIUM.`);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: asRoot ? ['--no-sandbox'] : [] });
}

/** The console user `npm start` types as; a person of the `local` workspace. */
export const consoleUser = (handle = 'you'): PersonRef => ({ platform: 'console', id: handle, name: handle });

export interface SignedIn {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every CSP violation and page error seen so far, as text (empty when the page behaved). */
  readonly problems: string[];
}

/**
 * A new browser context signed in as `person`: a one-time link made in the store (what `muster
 * login-link` does), opened, and Continue pressed, as a person would.
 */
export async function signIn(browser: Browser, server: Pick<InProcessServer, 'url' | 'store'>, person: PersonRef, workspaceId = 'local', tenantId = 'default'): Promise<SignedIn> {
  const { token } = await server.store.webSessions.createSignInLink({ person, workspaceId, tenantId });
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`/login/link/${token}`);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: 'Continue' }).click()]);
  return { context, page, problems };
}

/** Collects CSP violations (Chromium reports them on the console) and uncaught page errors. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Types a command into Muster as a chat person would (the console platform), through the real inbound port. */
export async function typeCommand(server: Pick<InProcessServer, 'running'>, person: PersonRef, text: string, conversationId = 'incidents'): Promise<string> {
  const platform = person.platform as ChatPlatform;
  const workspaceId = platform === 'console' ? 'local' : 'T-web';
  const ctx: RequestContext = {
    actor: person, platform, workspaceId, conversation: { platform, workspaceId, conversationId },
    idempotencyKey: `test:${randomUUID()}`,
  };
  const reply = await server.running.container.get<InboundPort>(TOKENS.InboundPort).command(ctx, text);
  return reply.view?.fallback ?? '';
}

export type { Store };
