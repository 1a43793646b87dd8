// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and what a test does
// with a console page: sign in, wait for the live feed, find rows, take screenshots.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.BAOCHAY_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Waits for what a dispatcher would see; generous for a loaded 2-core machine, never endless. */
export const UI_TIMEOUT_MS = 15_000;

export const ACCOUNTS = {
  dispatcher: { username: 'dieuphoi.dienbien', password: 'dienbien114' },
  supervisor: { username: 'giamsat', password: 'giamsat114' },
  otherDispatcher: { username: 'dieuphoi.laocai', password: 'laocai114' },
  // Hà Nội only: an area alert reaching a neighbouring province is outside this dispatcher's provinces.
  hanoiDispatcher: { username: 'dieuphoi.hanoi', password: 'hanoi114' },
};

export function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run infra/local/chromium.sh (or set BAOCHAY_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A browser context like a dispatcher's workstation, except that nothing leaves this machine:
 * every request to another host is aborted (and remembered in `context.blocked`).
 */
export async function newWorkstation(browser, { viewport = { width: 1440, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.blocked = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !LOCAL_HOSTS.has(url.hostname)) {
      context.blocked.push(url.href);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  return context;
}

/**
 * Opens the console in a new page and records, in the page, what the tests measure: when each
 * incident row first appeared (`window.__e2e.seen[id]`, epoch ms) and every state the connection
 * indicator went through (`window.__e2e.links`). Uncaught page errors are collected in `page.errors`.
 */
export async function openConsole(context, baseUrl) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  await page.addInitScript(() => {
    const e2e = { seen: {}, links: [] };
    window.__e2e = e2e;
    const record = () => {
      for (const row of document.querySelectorAll('[data-testid="incident-row"]')) {
        const id = row.getAttribute('data-incident-id');
        if (id && !(id in e2e.seen)) e2e.seen[id] = Date.now();
      }
      const link = document.querySelector('[data-testid="connection"]')?.getAttribute('data-state');
      if (link && e2e.links[e2e.links.length - 1] !== link) e2e.links.push(link);
    };
    new MutationObserver(record).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-incident-id'],
    });
  });
  await page.goto(baseUrl);
  return page;
}

/** Signs in through the login form. */
export async function signIn(page, { username, password }) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Waits until the live feed is connected and its first snapshot is applied: the indicator then
 * says connected and carries the last event's number in its tooltip.
 */
export async function waitUntilLive(page, timeout = UI_TIMEOUT_MS) {
  await page.locator('[data-testid="connection"][data-state="connected"][title]').waitFor({ timeout });
}

/** A signed-in console with its live feed up. */
export async function consoleAs(context, baseUrl, account) {
  const page = await openConsole(context, baseUrl);
  await signIn(page, account);
  await waitUntilLive(page);
  return page;
}

export const row = (page, incidentId) =>
  page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`);

/** Selects an incident in the queue and waits for its detail. */
export async function select(page, incidentId) {
  await row(page, incidentId).click();
  await page.locator(`[data-testid="detail"][data-state="loaded"][data-incident-id="${incidentId}"]`).waitFor();
}

/** When the row of an incident first appeared in this page (epoch ms), waiting for it if need be. */
export async function rowSeenAt(page, incidentId, timeout = UI_TIMEOUT_MS) {
  const handle = await page.waitForFunction((id) => window.__e2e.seen[id], incidentId, { timeout, polling: 50 });
  return handle.jsonValue();
}

export function screenshots(outputDir) {
  const dir = join(outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  return {
    dir,
    /** Saves the page as screenshots/NAME.png; never fails the test by itself. */
    async take(page, name) {
      const path = join(dir, `${name}.png`);
      try {
        await page.screenshot({ path, timeout: 10_000 });
      } catch (error) {
        process.stderr.write(`could not save screenshot ${path}: ${error.message}\n`);
      }
      return path;
    },
  };
}
