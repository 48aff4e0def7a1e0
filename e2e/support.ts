// Shared helpers for browser journeys: a real Chromium (Debian's) driven by playwright-core,
// a fresh profile per browser, sign-in, and a screenshot in e2e/artifacts/ when a journey fails.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import test, { type TestContext } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const BASE_URL = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const DEMO_PASSWORD = process.env.HUOBAN_DEMO_PASSWORD ?? '';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Chromium with a throw-away profile; close() removes the profile too. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'huoban-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1366, height: 800 },
    locale: 'zh-CN',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function url(pathname = '/'): string {
  return `${BASE_URL}${pathname}`;
}

/** Signs in through the sign-in page and waits for the signed-in shell. */
export async function signIn(page: Page, name: string, password = DEMO_PASSWORD): Promise<void> {
  if (!password) throw new Error('HUOBAN_DEMO_PASSWORD is not set');
  if (!new URL(page.url(), BASE_URL).pathname.startsWith('/login')) await page.goto(url('/login'));
  await page.getByTestId('login-name').fill(name);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('account-menu').waitFor();
}

/** Saves a full-page screenshot to e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A screenshot for looking at, taken only when E2E_SNAPSHOTS=1. */
export async function snapshot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SNAPSHOTS === '1') await screenshot(page, name);
}

/**
 * A browser journey: one fresh browser, the test body, and on failure a screenshot of the page
 * as it was (its path is added to the error message).
 */
export function journey(name: string, body: (page: Page, t: TestContext) => Promise<void>): void {
  test(name, { timeout: 120_000 }, async (t) => {
    const browser = await launchBrowser();
    try {
      await body(browser.page, t);
    } catch (error) {
      const file = await screenshot(browser.page, `failure-${name}`).catch(() => undefined);
      if (file && error instanceof Error) error.message += `\n(screenshot: ${file})`;
      throw error;
    } finally {
      await browser.close();
    }
  });
}
