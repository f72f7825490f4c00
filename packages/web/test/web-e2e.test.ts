import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../scripts/build-if-stale';
import { chromiumAvailable, launchChromium, screenshot, seriousAxeViolations } from './support/browser';
import { writeSalesCsv } from './support/sample-csv';
import { type ServerProcess, startAskdataServer } from './support/start-server';

/**
 * End to end against the real `askdata serve --demo` (a child process) and the built web app, in Debian's
 * Chromium. The web app is built first when packages/web/dist is missing or older than its sources.
 */
const admin = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
const viewer = {
  name: 'Vic Viewer',
  email: 'vic@example.com',
  password: 'viewer password 1',
  role: 'viewer',
};
const runInCi = process.env.CI === 'true';

async function servesWebApp(server: ServerProcess): Promise<boolean> {
  const response = await fetch(`${server.baseUrl}/`);
  return response.ok && (await response.text()).includes('<div id="root">');
}

describe.skipIf(!chromiumAvailable() && !runInCi)('web app end to end', () => {
  let server: ServerProcess;
  let browser: Browser;
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    // The build and the server's start (demo data, migrations) overlap; the server looks for the built app
    // once, when it creates its routes, so it is restarted in the rare case that the build finished later.
    const [build, started] = await Promise.allSettled([ensureWebBuild(), startAskdataServer()]);
    if (started.status === 'fulfilled') server = started.value;
    if (build.status === 'rejected') throw build.reason;
    if (started.status === 'rejected') throw started.reason;
    if (build.value.built) figures.buildMs = build.value.ms;
    if (!(await servesWebApp(server))) {
      figures.firstServerReadyMs = server.readyMs;
      await server.stop();
      server = await startAskdataServer();
    }
    figures.serverReadyMs = server.readyMs;
    browser = await launchChromium();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (Object.keys(figures).length > 0) console.log(`web e2e figures: ${JSON.stringify(figures)}`);
  });

  let lastPage: Page | undefined;

  afterEach(async (context) => {
    // A failing flow leaves a picture of where it stopped.
    if (context.task.result?.state === 'fail' && lastPage && !lastPage.isClosed()) {
      await screenshot(lastPage, `failed-${context.task.name.replace(/\W+/g, '-').slice(0, 60)}`).catch(
        () => undefined,
      );
    }
    lastPage = undefined;
  });

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    lastPage = page;
    return { context, page };
  }

  async function expectAccessible(page: Page, screen: string) {
    const violations = await seriousAxeViolations(page);
    expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  }

  async function signInByApi(request: APIRequestContext, who: { email: string; password: string }) {
    const response = await request.post('/v1/auth/login', {
      data: { email: who.email, password: who.password },
    });
    expect(response.status()).toBe(200);
    return (await response.json()) as { csrfToken: string };
  }

  /** Presses Tab (or Shift+Tab) until the focused element's text is `label`; fails after 60 presses. */
  async function tabUntil(page: Page, label: string, key: 'Tab' | 'Shift+Tab' = 'Tab') {
    for (let press = 0; press < 60; press++) {
      await page.keyboard.press(key);
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      if (focused === label) return;
    }
    throw new Error(`${label} was not reached with ${key}`);
  }

  async function askInComposer(page: Page, question: string) {
    const composer = page.getByRole('combobox', { name: /Ask a question/ });
    await composer.fill(question);
    await composer.press('Enter');
  }

  it('bootstraps the admin, uploads a CSV, asks, follows up and exports CSV', async () => {
    const { context, page } = await newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Welcome to askdata' }).waitFor();
    await expectAccessible(page, 'bootstrap');
    await screenshot(page, '01-bootstrap');

    await page.getByLabel('Your name').fill(admin.name);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel(/^Password/).fill(admin.password);
    await page.getByRole('button', { name: 'Create account and start' }).click();
    await page.getByTestId('onboarding').waitFor();
    await page.getByRole('group', { name: 'Sample questions' }).getByRole('button').first().waitFor();
    await expectAccessible(page, 'onboarding');
    await screenshot(page, '02-onboarding');

    // Upload through the drop zone's file input; progress comes from XMLHttpRequest.
    const csv = writeSalesCsv();
    await page.getByTestId('upload-input').setInputFiles(csv.path);
    const profile = page.getByTestId('profile');
    await profile.waitFor();
    expect(await profile.getByRole('heading').textContent()).toContain('240 rows');
    // The data panel lists the new table; opening it shows its columns with types and sparklines.
    await page.getByRole('button', { name: /shop_sales/ }).click();
    const columns = page.getByRole('list', { name: /^Columns of shop_sales/ });
    await columns.getByRole('listitem').filter({ hasText: 'amount' }).locator('svg').waitFor();
    expect(await columns.getByRole('listitem').count()).toBe(6);
    await expectAccessible(page, 'profile');
    await screenshot(page, '03-upload-profile');

    await askInComposer(page, 'Total amount by region');
    const answer = page.getByTestId('answer').first();
    await answer.waitFor();
    await answer.locator('[data-testid="chart"][data-state="ready"] svg').first().waitFor();
    figures.serverStartToFirstChartMs = Math.round(performance.now() - server.spawnedAt);
    const grid = answer.getByRole('table');
    await expect(grid.getByRole('columnheader').count()).resolves.toBeGreaterThanOrEqual(2);
    const gridText = await grid.textContent();
    for (const region of Object.keys(csv.totals)) expect(gridText).toContain(region);
    await expect(answer.getByTestId('narrative').textContent()).resolves.not.toBe('');

    // Sort by the first column through its header button.
    const firstHeader = grid.getByRole('columnheader').first();
    await firstHeader.getByRole('button').click();
    await expect(firstHeader.getAttribute('aria-sort')).resolves.toBe('ascending');
    await expectAccessible(page, 'answer');
    await screenshot(page, '04-answer');

    // The SQL can be shown, edited and re-run through POST /v1/query.
    await answer.getByRole('button', { name: 'How this was answered' }).click();
    await answer.getByRole('button', { name: 'Run SQL' }).click();
    await answer.getByText('Result of the SQL above').waitFor();

    // Follow-up: the suggested drill-down chip ("… by product") when offered, otherwise typed.
    const chips = answer.getByRole('group', { name: 'Follow-up questions' }).getByRole('button');
    const drillDown = chips.filter({ hasText: 'by product' });
    if ((await drillDown.count()) > 0) await drillDown.first().click();
    else await askInComposer(page, 'Total amount by product');
    const followUp = page.getByTestId('answer').nth(1);
    await followUp.waitFor();
    await followUp.locator('[data-testid="chart"][data-state="ready"] svg').first().waitFor();
    expect(await followUp.getByRole('table').first().textContent()).toMatch(
      /Kettle|Toaster|Blender|Mixer|Juicer/,
    );
    await expect(page.getByTestId('question').count()).resolves.toBe(2);
    await page.waitForTimeout(600); // the smooth scroll to the new answer, so the picture is whole
    await screenshot(page, '05-follow-up');

    // The same question asked again, twice: the second time the server has the answer before the commit
    // and sends the run's whole stream as one body. The browser shows it as any other answer.
    const answeredAtIntake = async () =>
      Number(
        /^askdata_questions_answered_at_intake_total (\d+)/m.exec(
          await (await context.request.get('/metrics')).text(),
        )?.[1],
      );
    const before = await answeredAtIntake();
    for (const nth of [2, 3]) {
      await askInComposer(page, 'Total amount by product');
      const repeated = page.getByTestId('answer').nth(nth);
      await repeated.locator('[data-testid="chart"][data-state="ready"] svg').first().waitFor();
      expect(await repeated.getByRole('table').first().textContent()).toMatch(
        /Kettle|Toaster|Blender|Mixer|Juicer/,
      );
    }
    expect(await answeredAtIntake()).toBe(before + 1);

    // Export the first answer as CSV from the server.
    await answer.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'CSV' }).click(),
    ]);
    const exported = readFileSync((await download.path()) as string, 'utf8');
    const header = exported.split(/\r?\n/)[0] ?? '';
    expect(header.toLowerCase()).toContain('region');
    for (const region of Object.keys(csv.totals)) expect(exported).toContain(region);

    // Dark theme stays readable.
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html').getAttribute('data-mantine-color-scheme')).resolves.toBe('dark');
    await expectAccessible(page, 'dark answer');
    await screenshot(page, '06-dark');
    await context.close();
  }, 300_000);

  it('hides an admin-only datasource from a viewer', async () => {
    const { context: adminContext } = await newPage();
    const { csrfToken } = await signInByApi(adminContext.request, admin);
    const headers = { 'X-CSRF-Token': csrfToken };
    const created = await adminContext.request.post('/v1/users', { data: viewer, headers });
    expect(created.status()).toBe(201);
    const viewerId = ((await created.json()) as { user: { id: string } }).user.id;
    const upload = await adminContext.request.post('/v1/datasources/upload', {
      headers,
      multipart: {
        file: {
          name: 'payroll.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from('employee,salary\nAnn,100\nBo,90\n'),
        },
        name: 'Payroll (admins only)',
      },
    });
    expect(upload.status()).toBe(201);
    const secret = ((await upload.json()) as { datasource: { id: string; name: string } }).datasource;
    const denied = await adminContext.request.put(`/v1/datasources/${secret.id}/permissions`, {
      headers,
      data: { userId: viewerId, access: 'none' },
    });
    expect(denied.ok()).toBe(true);
    await adminContext.close();

    const { context, page } = await newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'login');
    await screenshot(page, '07-login');
    await page.getByLabel('Email').fill(viewer.email);
    await page.getByLabel(/^Password/).fill(viewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('onboarding').waitFor();

    await page.getByRole('textbox', { name: 'Dataset' }).click();
    const options = page.getByRole('option');
    await options.first().waitFor();
    const names = await options.allTextContents();
    expect(names.some((name) => name.includes('Demo retail'))).toBe(true);
    expect(names.some((name) => name.includes(secret.name))).toBe(false);
    await screenshot(page, '08-viewer-datasets');
    await page.keyboard.press('Escape');

    const listed = (await (await context.request.get('/v1/datasources')).json()) as {
      datasources: { id: string }[];
    };
    expect(listed.datasources.map((datasource) => datasource.id)).not.toContain(secret.id);
    const direct = await context.request.get(`/v1/datasources/${secret.id}/tables`);
    expect([403, 404]).toContain(direct.status());
    // A viewer gets no upload or connect controls.
    await expect(page.getByTestId('dropzone').count()).resolves.toBe(0);
    await context.close();
  }, 180_000);

  it('renames, shares read-only and deletes a conversation with undo', async () => {
    const { context, page } = await newPage();
    await signInByApi(context.request, admin);
    await page.goto('/');
    const conversations = page.getByRole('navigation', { name: 'Conversations' });
    const first = conversations.getByRole('listitem').first();
    await first.waitFor();

    await first.getByRole('button', { name: /^Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    const title = page.getByRole('dialog').getByLabel(/^Title/);
    await title.fill('Regional totals');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await conversations.getByRole('link', { name: 'Regional totals' }).waitFor();

    await first.getByRole('button', { name: 'Actions for Regional totals' }).click();
    await page.getByRole('menuitem', { name: 'Share link' }).click();
    const link = page.getByRole('dialog').getByLabel('Link', { exact: true });
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(/\/shared\/[^/]+$/);
    await expectAccessible(page, 'share dialog');
    await page.keyboard.press('Escape');

    // The link opens without signing in, read-only: the answer is there, follow-ups and exports are not.
    const anonymous = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const shared = await anonymous.newPage();
    await shared.goto(url.replace(/^https?:\/\/[^/]+/, server.baseUrl));
    await shared.getByRole('heading', { name: 'Regional totals' }).waitFor();
    await shared.getByTestId('answer').first().waitFor();
    await expect(
      shared.getByRole('group', { name: 'Follow-up questions' }).getByRole('button').count(),
    ).resolves.toBe(0);
    await expect(shared.getByRole('button', { name: 'Export' }).count()).resolves.toBe(0);
    await expectAccessible(shared, 'shared');
    await screenshot(shared, '10-shared');
    await anonymous.close();

    await first.getByRole('button', { name: 'Actions for Regional totals' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const toast = page.getByTestId('toast').filter({ hasText: 'Deleted' });
    await toast.waitFor();
    await expect(conversations.getByRole('link', { name: 'Regional totals' }).count()).resolves.toBe(0);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await conversations.getByRole('link', { name: 'Regional totals' }).waitFor();
    const listed = (await (await context.request.get('/v1/sessions')).json()) as {
      sessions: { title: string }[];
    };
    expect(listed.sessions.map((session) => session.title)).toContain('Regional totals');
    await context.close();
  }, 180_000);

  it('shows metric definitions and connects a SQLite database through the form', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'askdata-web-sqlite-'));
    const file = join(folder, 'birds.sqlite');
    const database = new Database(file);
    database.exec(
      "CREATE TABLE sightings (species TEXT, seen INTEGER); INSERT INTO sightings VALUES ('wren', 3), ('robin', 5);",
    );
    database.close();

    const { context, page } = await newPage();
    const { csrfToken } = await signInByApi(context.request, admin);
    const metric = await context.request.post('/v1/metrics', {
      headers: { 'X-CSRF-Token': csrfToken },
      data: {
        name: 'Net revenue',
        description: 'Revenue after discounts',
        expression: 'sum(revenue)',
        table: 'order_lines',
        owner: 'Finance',
      },
    });
    expect(metric.status()).toBe(201);
    await page.goto('/');
    // Metric definitions show in the data panel; their tooltip opens on keyboard focus too.
    await page.getByText('Net revenue', { exact: true }).focus();
    await page.getByRole('tooltip').filter({ hasText: 'Revenue after discounts' }).waitFor();
    await page.getByRole('button', { name: 'Connect a database…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a database' });
    await dialog.getByLabel(/^Name/).fill('Bird sightings');
    await dialog.getByRole('textbox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'SQLite file' }).click();
    await dialog.getByLabel(/^Connection URL/).fill(file);
    await expectAccessible(page, 'connect form');
    await screenshot(page, '11-connect');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByRole('textbox', { name: 'Dataset' }).inputValue()).resolves.toBe(
      'Bird sightings (sqlite)',
    );
    // The new datasource is readable by its creator right away (the server lists tables of registered
    // databases once it introspects them; today it answers an empty list for non-workspace kinds).
    const listed = (await (await context.request.get('/v1/datasources')).json()) as {
      datasources: { name: string; kind: string }[];
    };
    expect(listed.datasources).toContainEqual(
      expect.objectContaining({ name: 'Bird sightings', kind: 'sqlite' }),
    );
    await context.close();
    rmSync(folder, { recursive: true, force: true });
  }, 120_000);

  it('stops a running question through the cancel endpoint', async () => {
    const { context, page } = await newPage();
    await signInByApi(context.request, admin);
    await page.goto('/');
    await page.getByTestId('onboarding').waitFor();
    // Hold the event stream so the run stays "running" in the page long enough to press Stop.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/v1/runs/*/events', async (route) => {
      await held;
      await route.continue();
    });
    await askInComposer(page, 'Number of orders by year');
    const stop = page.getByRole('button', { name: 'Stop' });
    await stop.waitFor();
    const [cancel] = await Promise.all([
      page.waitForResponse((response) => /\/v1\/runs\/[^/]+\/cancel$/.test(response.url())),
      stop.click(),
    ]);
    expect(cancel.request().method()).toBe('POST');
    expect(cancel.status()).toBe(202);
    release();
    // The stream then ends with the run's real final state; either way the Stop button goes away.
    await stop.waitFor({ state: 'detached' });
    await context.close();
  }, 120_000);

  it('works with the keyboard alone', async () => {
    const { context, page } = await newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The email field has focus on arrival.
    await page.keyboard.type(admin.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(admin.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('onboarding').waitFor();

    await page.getByPlaceholder('Ask Demo retail a question…').waitFor();
    // The first Tab reaches the skip link, which moves focus to the question box.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toContain(
      'Skip to the question box',
    );
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('role'))).resolves.toBe('combobox');

    // Slash commands complete from the listbox with the keyboard.
    await page.keyboard.type('/sq');
    await page.getByRole('listbox', { name: 'Slash commands' }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('SELECT 6 * 7 AS answer');
    await page.keyboard.press('Enter');
    const sqlResult = page.getByRole('article', { name: 'SQL result' });
    await sqlResult.getByRole('cell', { name: '42' }).waitFor();

    await page.keyboard.type('Number of orders by year');
    await page.keyboard.press('Enter');
    const answer = page.getByTestId('answer').first();
    await answer.waitFor();
    await answer.getByRole('table').waitFor();

    // Shift+Tab from the question box walks back through the answer's controls to its SQL section.
    await tabUntil(page, 'How this was answered', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await answer.getByRole('button', { name: 'Copy SQL' }).waitFor();
    await expect(
      answer.getByRole('button', { name: 'How this was answered' }).getAttribute('aria-expanded'),
    ).resolves.toBe('true');
    await screenshot(page, '09-keyboard');
    await expectAccessible(page, 'keyboard answer');
    await context.close();
  }, 180_000);
});
