import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; `.ci/run` installs it when missing. Nothing is downloaded at run time. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a closed network: without the background-networking ones Chromium keeps trying to reach
 * Google's hosts. Playwright adds `--headless` and a fresh `--user-data-dir` of its own.
 */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });

export interface UserPage {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions the page reported. */
  errors: string[];
  screenshot(step: string): Promise<void>;
}

/** A browser context of its own (cookies, storage) for one user, its errors collected. */
export async function openUserPage(browser: Browser, name: string, outputDir: string): Promise<UserPage> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 860 } });
  // The YouTube IFrame API needs the network: the console plays through a recording stub instead.
  await context.addInitScript(() => {
    (globalThis as { SEED_CONSOLE_PLAYER?: string }).SEED_CONSOLE_PLAYER = 'stub';
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  mkdirSync(outputDir, { recursive: true });
  return {
    name,
    context,
    page,
    errors,
    screenshot: async (step) => {
      await page.screenshot({ path: join(outputDir, `${name}-${step}.png`), fullPage: true });
    },
  };
}
