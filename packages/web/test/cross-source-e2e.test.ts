import { tmpdir } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { probeService } from '../../../test-support/services';
import { startRelay } from '../../../test-support/tcp-relay';
import { ensureWebBuild } from '../scripts/build-if-stale';
import { chromiumAvailable, launchChromium, screenshot, seriousAxeViolations } from './support/browser';
import {
  type CrmDatabase,
  createCrmDatabase,
  inSchema,
  type Visit,
  writeVisitsCsv,
} from './support/crm-database';
import { type ServerProcess, startAskdataServer } from './support/start-server';

/**
 * "Join with a database…" end to end, as a person does it: upload a CSV of store visits, connect the real
 * PostgreSQL holding the customers, ask a question that needs both, read the preview (sample rows, which side
 * moved, both sources), run it in full and compare the numbers with the same join computed directly in
 * PostgreSQL. Then the messages a person meets when it cannot go ahead: no join key, a preview that is no
 * longer available, a database that went down.
 */
const admin = { name: 'Ada Admin', email: 'ada@example.com', password: 'correct horse battery' };
const runInCi = process.env.CI === 'true';
// Prints "SKIPPED: postgres …" when there is no server; throws under CI=true.
const postgresUp = await probeService('postgres');
const browserUp = chromiumAvailable() || runInCi;
if (postgresUp && !browserUp)
  console.warn('SKIPPED: cross-source web e2e — no Chromium at /usr/bin/chromium.');

type ResultRows = [string | null, number][];
interface RunBody {
  result: { preview: boolean; result: { rows: ResultRows } };
}

/** Total spend per segment (null: customers the CRM lacks), computed by PostgreSQL itself. */
async function expectedTotals(crm: CrmDatabase, visits: Visit[]): Promise<Map<string | null, number>> {
  const values = visits.map((visit) => `(${visit.customerId}, ${visit.spend}::numeric)`).join(', ');
  const { rows } = await crm.client.query<{ segment: string | null; total: string }>(
    `SELECT c.segment, sum(v.spend) AS total
     FROM (VALUES ${values}) AS v (customer_id, spend)
     LEFT JOIN "${crm.schema}".customers AS c ON c.customer_id = v.customer_id
     GROUP BY c.segment`,
  );
  return new Map(rows.map((row) => [row.segment, Number(row.total)]));
}

describe.skipIf(!postgresUp || !browserUp)('join a CSV with a database in the web app', () => {
  let server: ServerProcess;
  let browser: Browser;
  let crm: CrmDatabase;
  let visits: Visit[];
  let csvPath: string;
  let lastPage: Page | undefined;

  beforeAll(async () => {
    crm = await createCrmDatabase();
    ({ path: csvPath, visits } = writeVisitsCsv());
    const [build, started] = await Promise.allSettled([ensureWebBuild(), startAskdataServer()]);
    if (started.status === 'fulfilled') server = started.value;
    if (build.status === 'rejected') throw build.reason;
    if (started.status === 'rejected') throw started.reason;
    if (build.value.built) {
      // The server looks for the built app once, when it starts: start it again over the fresh build.
      await server.stop();
      server = await startAskdataServer();
    }
    const bootstrapped = await fetch(`${server.baseUrl}/v1/auth/bootstrap`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(admin),
    });
    expect(bootstrapped.status).toBe(201);
    browser = await launchChromium();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await crm?.drop();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && lastPage && !lastPage.isClosed())
      await screenshot(
        lastPage,
        `failed-xsource-${context.task.name.replace(/\W+/g, '-').slice(0, 50)}`,
      ).catch(() => undefined);
    lastPage = undefined;
  });

  async function signedInPage(): Promise<{ context: BrowserContext; page: Page; csrfToken: string }> {
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
    });
    const login = await context.request.post('/v1/auth/login', {
      data: { email: admin.email, password: admin.password },
    });
    expect(login.status()).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    lastPage = page;
    await page.goto('/');
    await page.getByTestId('onboarding').waitFor();
    return { context, page, csrfToken };
  }

  async function chooseDataset(page: Page, name: RegExp) {
    await page.getByRole('textbox', { name: 'Dataset' }).click();
    await page.getByRole('option', { name }).click();
  }

  async function openJoinDialog(page: Page) {
    await page.getByRole('button', { name: 'Join with a database…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Join store_visits with a database/ });
    await dialog.waitFor();
    return dialog;
  }

  async function askInDialog(page: Page, question: string) {
    const box = page.getByRole('dialog').getByRole('textbox', { name: 'Question' });
    await box.fill(question);
    await box.press('Enter');
  }

  it('uploads a CSV, connects PostgreSQL, previews the join and runs it in full', async () => {
    const { context, page } = await signedInPage();
    await page.getByTestId('upload-input').setInputFiles(csvPath);
    await page.getByTestId('profile').waitFor();

    await page.getByRole('button', { name: 'Connect a database…' }).click();
    const connect = page.getByRole('dialog', { name: 'Connect a database' });
    await connect.getByLabel(/^Name/).fill('CRM');
    await connect.getByLabel(/^Connection URL/).fill(crm.url);
    await connect.getByRole('button', { name: 'Connect' }).click();
    await connect.waitFor({ state: 'detached' });

    // Back on the uploaded file, the join is one button away.
    await chooseDataset(page, /^store_visits/);
    const dialog = await openJoinDialog(page);
    await expect(dialog.getByRole('textbox', { name: 'Database' }).inputValue()).resolves.toBe('CRM');
    await expectAccessible(page, 'join dialog');
    await screenshot(page, 'xsource-01-dialog');

    // Hold the answer a moment to see what the person sees while both sources are read.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/v1/cross-source/preview', async (route) => {
      await held;
      await route.continue();
    });
    await askInDialog(page, 'total spend by segment');
    await dialog.getByRole('status').filter({ hasText: 'Finding the join key' }).waitFor();
    await screenshot(page, 'xsource-02-previewing');
    release();
    const preview = dialog.getByTestId('cross-preview');
    await preview.waitFor();
    await page.unroute('**/v1/cross-source/preview');
    await preview.getByRole('table').waitFor();
    const previewText = (await preview.textContent()) ?? '';
    expect(previewText).toContain('Preview on a sample');
    await expect(preview.getByTestId('cross-key').textContent()).resolves.toMatch(
      /store_visits\.customer_id = .*customers\.customer_id/,
    );
    // Which side moved, and both sources cited.
    expect(previewText).toMatch(/file rows were sent .* to the database/i);
    const sources = (await preview.getByTestId('cross-sources').textContent()) ?? '';
    expect(sources).toContain('store_visits');
    expect(sources).toContain(`CRM (PostgreSQL) (${crm.schema}.customers)`);
    expect(previewText).not.toContain(tmpdir()); // the server's folders are nobody's business
    await expectAccessible(page, 'preview');
    await screenshot(page, 'xsource-02-preview');

    // With the keyboard: from the question box, past "Preview", to "Run in full".
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe(
      'Run in full',
    );
    const [ran] = await Promise.all([
      page.waitForResponse((response) => /\/v1\/cross-source\/[^/]+\/run$/.test(response.url())),
      page.keyboard.press('Enter'),
    ]);
    expect(ran.status()).toBe(200);
    const full = dialog.getByTestId('cross-full');
    await full.waitFor();
    // The confirmed result replaces the sample's.
    await expect(dialog.getByTestId('cross-preview').count()).resolves.toBe(0);

    const expected = await expectedTotals(crm, visits);
    const { result } = (await ran.json()) as RunBody;
    expect(result.preview).toBe(false);
    const got = new Map(result.result.rows.map(([segment, total]) => [segment, Number(total)]));
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [segment, total] of expected) expect(got.get(segment)).toBeCloseTo(total, 2);
    // The grid shows the same rows.
    const gridText = (await full.getByRole('table').textContent()) ?? '';
    for (const segment of expected.keys()) if (segment) expect(gridText).toContain(segment);
    await expectAccessible(page, 'full result');
    await screenshot(page, 'xsource-03-full');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await context.close();
  }, 240_000);

  it('explains a missing join key, an expired preview and a database that went down', async () => {
    const { context, page, csrfToken } = await signedInPage();
    // A second copy of the CRM reached through a relay the test can cut, as an outage would.
    const relay = await startRelay();
    const registered = await context.request.post('/v1/datasources', {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { name: 'CRM replica', kind: 'postgres', url: inSchema(relay.url, crm.schema) },
    });
    expect(registered.status(), await registered.text()).toBe(201);
    await page.reload();
    await page.getByTestId('onboarding').waitFor();
    await chooseDataset(page, /^store_visits/);
    const dialog = await openJoinDialog(page);

    // No key: the question names a column neither side has.
    await askInDialog(page, 'total spend by segment, join on colour');
    const clarification = dialog.getByTestId('cross-clarification');
    await clarification.waitFor();
    await expect(clarification.textContent()).resolves.toMatch(/colour/);
    await screenshot(page, 'xsource-04-no-key');

    // Expired: the run reaches the server for a plan it no longer holds (what it answers after 15 minutes).
    await askInDialog(page, 'total spend by segment');
    await dialog.getByTestId('cross-preview').waitFor();
    await page.route('**/v1/cross-source/*/run', (route) =>
      route.continue({
        url: route
          .request()
          .url()
          .replace(/cross-source\/[^/]+\/run$/, 'cross-source/00000000-0000-4000-8000-000000000000/run'),
      }),
    );
    await dialog.getByRole('button', { name: 'Run in full' }).click();
    const expired = dialog.getByTestId('cross-problem');
    await expired.waitFor();
    await expect(expired.textContent()).resolves.toMatch(
      /This preview has expired.*15 minutes.*Press Preview to plan the question again/,
    );
    // Its preview is gone: "Preview" is the way on (and has the focus), with the question still in the box.
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Preview');
    await expect(dialog.getByTestId('cross-preview').count()).resolves.toBe(0);
    await expect(dialog.getByRole('textbox', { name: 'Question' }).inputValue()).resolves.toBe(
      'total spend by segment',
    );
    await screenshot(page, 'xsource-05-expired');
    await page.unroute('**/v1/cross-source/*/run');

    // The database goes down.
    await relay.cut();
    await dialog.getByRole('textbox', { name: 'Database' }).click();
    await page.getByRole('option', { name: 'CRM replica' }).click();
    await askInDialog(page, 'total spend by segment');
    const down = dialog.getByTestId('cross-problem');
    await down.waitFor();
    const downText = (await down.textContent()) ?? '';
    expect(downText).toMatch(/^CRM replica cannot be reached.*Could not reach PostgreSQL/);
    expect(downText).not.toMatch(/\bat \w+ \(|Error:/); // a sentence, not a stack trace
    await screenshot(page, 'xsource-06-database-down');
    await context.close();
  }, 240_000);
});

async function expectAccessible(page: Page, screen: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}
