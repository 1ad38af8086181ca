import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterProcess, startClusterProcess } from '../../../test/support/cluster-process.ts';
import { CHROMIUM, launchChromium, openUserPage, type UserPage } from './support/browser.ts';

const consoleRoot = join(import.meta.dirname, '..');
const outputDir = join(consoleRoot, '..', '..', 'test-output', 'console');
const PASSWORD = 'correct horse battery staple';
const run = Date.now().toString(36);

interface PlayerCall {
  action: string;
  videoId: string | null;
  atMs: number;
}
interface Applied {
  applyAtMs: number;
  offsetMs: number;
}
const logsOf = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as { seedPlayerLog?: unknown[]; seedPlaybackLog?: unknown[] };
    return { player: (w.seedPlayerLog ?? []) as PlayerCall[], applied: (w.seedPlaybackLog ?? []) as Applied[] };
  });

describe.skipIf(!existsSync(CHROMIUM))('the web console in Chromium', () => {
  let cluster: ClusterProcess;
  let browser: Browser;
  let built: string;
  let ada: UserPage;
  let grace: UserPage;
  const users = () => [ada, grace];

  beforeAll(async () => {
    built = mkdtempSync(join(tmpdir(), 'seed-console-'));
    await build({ root: consoleRoot, configFile: join(consoleRoot, 'vite.config.ts'), build: { outDir: built } });
    // A lead longer than the default leaves a loaded machine time to deliver a play command before
    // it is due: the test checks that pages act at the scheduled time, not how fast delivery is.
    cluster = await startClusterProcess({ CONSOLE_DIR: built, PLAYCO_PLAYBACK_LEAD_MS: '1500' });
    browser = await launchChromium();
    ada = await openUserPage(browser, 'ada', outputDir);
    grace = await openUserPage(browser, 'grace', outputDir);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await cluster?.stop();
    if (built) rmSync(built, { recursive: true, force: true });
  }, 60_000);

  const nickname = (u: UserPage) => `${u.name}_${run}`;
  const email = (u: UserPage) => `${u.name}.${run}@example.com`;

  /** Signs up, confirms the address from the development mailbox, and signs in. */
  async function signUpThroughMailbox(u: UserPage) {
    const { page } = u;
    await page.goto(`${cluster.baseUrl}/console/`);
    await page.fill('[data-test=signup] input[name=email]', email(u));
    await page.fill('[data-test=signup] input[name=nickname]', nickname(u));
    await page.fill('[data-test=signup] input[name=password]', PASSWORD);
    await page.click('[data-test=signup] button');
    await page.click('[data-test=mailbox-link]');
    await page.waitForURL(/\/dev\/mailbox/);
    // The confirmation travels through the outbox and the job stream: reload until it is there.
    const link = page
      .locator('article', { hasText: email(u) })
      .locator('a')
      .first();
    for (let i = 0; i < 60 && !(await link.isVisible()); i++) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    await u.screenshot('mailbox');
    await link.click();
    await page.waitForSelector('[data-test=notice]:has-text("confirmed")');
    await page.fill('[data-test=login] input[name=login]', nickname(u));
    await page.fill('[data-test=login] input[name=password]', PASSWORD);
    await page.click('[data-test=login] button');
    await page.waitForSelector(`[data-test=who]:has-text("${nickname(u)}")`);
  }

  it('signs two users up through the mailbox, befriends them and lets them chat live', async () => {
    await signUpThroughMailbox(ada);
    await signUpThroughMailbox(grace);
    // A reload signs in again from the refresh cookie; the access token lived only in the page.
    await ada.page.reload();
    await ada.page.waitForSelector(`[data-test=who]:has-text("${nickname(ada)}")`);

    await ada.page.goto(`${cluster.baseUrl}/console/#/friends`);
    await grace.page.goto(`${cluster.baseUrl}/console/#/friends`);
    await ada.page.fill('[data-test=add-friend] input', nickname(grace));
    await ada.page.click('[data-test=add-friend] button');
    await grace.page.click(`[data-test=incoming] li[data-nickname="${nickname(ada)}"] [data-test=accept]`);
    const adaAsFriend = grace.page.locator(`[data-test=friends] li[data-nickname="${nickname(ada)}"]`);
    await adaAsFriend.waitFor();
    await ada.page.locator(`[data-test=friends] li[data-nickname="${nickname(grace)}"]`).waitFor();
    await expect(adaAsFriend.locator('.dot.online').count()).resolves.toBe(1);
    for (const u of users()) await u.screenshot('friends');

    await ada.page.click(`[data-test=friends] li[data-nickname="${nickname(grace)}"] [data-test=chat-with]`);
    await grace.page.click(`[data-test=friends] li[data-nickname="${nickname(ada)}"] [data-test=chat-with]`);
    for (const u of users()) await u.page.waitForSelector('[data-test=composer]');
    expect(new URL(ada.page.url()).hash).toBe(new URL(grace.page.url()).hash);
    for (const u of users())
      await u.page.waitForSelector(`[data-test=members] li[data-nickname="${nickname(ada)}"] .dot.online`);

    await ada.page.fill('[data-test=composer] input[name=text]', 'Hello Grace!');
    await ada.page.press('[data-test=composer] input[name=text]', 'Enter');
    await grace.page.waitForSelector('[data-test=message]:has-text("Hello Grace!")');
    // Grace has the room open, so her read receipt reaches Ada.
    await ada.page.waitForSelector(`[data-test=seen]:has-text("${nickname(grace)}")`);

    await grace.page.type('[data-test=composer] input[name=text]', 'Hi Ada');
    await ada.page.waitForSelector(`[data-test=typing]:has-text("${nickname(grace)} is typing")`);
    await grace.page.press('[data-test=composer] input[name=text]', 'Enter');
    await ada.page.waitForSelector('[data-test=message]:has-text("Hi Ada")');

    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    await ada.page.setInputFiles('[data-test=image-input]', { name: 'dot.png', mimeType: 'image/png', buffer: png });
    for (const u of users()) await u.page.waitForSelector('[data-test=message] img[data-test=image]');
    for (const u of users()) await u.screenshot('chat');

    await ada.page.goto(`${cluster.baseUrl}/console/#/account`);
    await ada.page.waitForSelector('[data-test=sessions] li:has-text("This browser")');
    await ada.screenshot('account');
  }, 240_000);

  it('opens one playlist together and plays it on both pages at the scheduled time', async () => {
    const name = `Road trip ${run}`;
    await ada.page.goto(`${cluster.baseUrl}/console/#/playlists`);
    await ada.page.fill('[data-test=create-playlist] input[name=name]', name);
    await ada.page.click('[data-test=create-playlist] button');
    await ada.page.waitForSelector('main[data-joined=true]');
    await ada.page.fill('[data-test=add-item] input', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ');
    await ada.page.click('[data-test=add-item] button');
    await ada.page.waitForSelector('[data-test=items] li[data-video=dQw4w9WgXcQ]');

    await grace.page.goto(`${cluster.baseUrl}/console/#/playlists`);
    await grace.page.screenshot({ path: join(outputDir, 'grace-playlists.png'), fullPage: true });
    await grace.page.click(`[data-test=public-playlists] li[data-playlist="${name}"] a`);
    await grace.page.waitForSelector('main[data-joined=true]');
    for (const u of users()) {
      await u.page.waitForSelector(`[data-test=session-members] li[data-session^="${nickname(ada)}#"]`);
      await u.page.waitForSelector(`[data-test=session-members] li[data-session^="${nickname(grace)}#"]`);
    }

    await ada.page.click('[data-test=items] li[data-video=dQw4w9WgXcQ] [data-test=play]');
    for (const u of users()) await u.page.waitForSelector('[data-test=player]:has-text("Playing dQw4w9WgXcQ")');
    for (const u of users()) {
      const { player, applied } = await logsOf(u.page);
      const play = player.find((c) => c.action === 'play');
      const scheduled = applied.at(-1);
      expect(play?.videoId, u.name).toBe('dQw4w9WgXcQ');
      // When the page started the video, in server time, against when the server scheduled it.
      const startedAtServerMs = (play?.atMs ?? 0) + (scheduled?.offsetMs ?? 0);
      expect(Math.abs(startedAtServerMs - (scheduled?.applyAtMs ?? 0)), u.name).toBeLessThanOrEqual(100);
      await u.screenshot('live-session');
    }
  }, 180_000);

  it('reported no console errors on any page', () => {
    for (const u of users()) expect(u.errors, u.name).toEqual([]);
  });
});
