import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { uiEnvironment } from './workbenchPage';

// The reading page that `marginalia export --format html` writes, opened from a file in Chromium with
// the network cut off: it must show the highlights, cards and claims by itself, run no script but its
// own, and load nothing.

const projectRoot = join(__dirname, '../../..');

function exportPage(folder: string, articleName: string): string {
  const output = join(folder, `${articleName}.html`);
  const result = spawnSync(process.execPath, [join(projectRoot, 'dist/cli.js'), 'export', join(folder, `${articleName}.md`), '--format', 'html', '--output', output], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return output;
}

describe('The reading page, offline in a browser', function () {
  let browser: Browser;
  let folder: string;
  before(async () => {
    browser = await chromium.launch({ executablePath: process.env.MARGINALIA_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
    folder = mkdtempSync(join(tmpdir(), 'mg-page-'));
    for (const file of ['dw-albania-iran-cyberattacks.md', 'dw-albania-iran-cyberattacks.annotations.json']) writeFileSync(join(folder, file), readFileSync(join(projectRoot, 'articles', file)));
  });
  after(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  async function open(path: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(path).href);
    return { page, problems, requests };
  }

  it('shows the highlights, a card on hover and the nested claims, loading nothing and breaking no rule of its CSP', async () => {
    const { page, problems, requests } = await open(exportPage(folder, 'dw-albania-iran-cyberattacks'));
    const mentions = page.locator('article .marginalia-mention');
    assert.ok((await mentions.count()) > 100);
    const colour = await page.locator('[data-entity="tims"]').first().evaluate((element) => getComputedStyle(element).backgroundColor);
    assert.notEqual(colour, 'rgba(0, 0, 0, 0)', 'mentions are coloured');
    await page.locator('[data-entity="tims"]').first().hover();
    const card = page.locator('#card');
    await card.waitFor({ state: 'visible' });
    assert.match(await card.innerText(), /Total Information Management System\s+system · database · \d+ mentions/);
    await page.screenshot({ path: join(uiEnvironment().screenshots, 'reading-page-card.png') });
    const accusation = page.locator('aside ul.claims > li', { hasText: 'Albania says Iran orchestrated' });
    assert.match(await accusation.locator('ul li').first().innerText(), /—/);
    assert.ok((await accusation.locator('li.stance-disputes').count()) >= 1, 'the rebuttal is nested under the accusation');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('aside').isVisible(), true, 'the claims print too');
    await page.screenshot({ path: join(uiEnvironment().screenshots, 'reading-page-print.png'), fullPage: false });
    assert.deepEqual(requests, []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows hostile article and annotation text as text: no script of theirs runs', async () => {
    writeFileSync(
      join(folder, 'hostile.md'),
      '---\ntitle: "<script>window.pwned = 1</script>"\n---\n\nIran said <script>window.pwned = 2</script> and <img src=x onerror="window.pwned = 3">.\n\n[click](javascript:window.pwned=4)\n',
    );
    const evil = '</script><script>window.pwned = 5</script><img src=x onerror="window.pwned = 6">';
    writeFileSync(
      join(folder, 'hostile.annotations.json'),
      JSON.stringify({
        version: 1,
        article: 'hostile.md',
        entities: [{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran', summary: evil }],
        claims: [{ id: 'c', claimant: 'iran', summary: evil, passage: { exact: 'Iran said' } }],
        notes: [],
      }),
    );
    const { page, problems } = await open(exportPage(folder, 'hostile'));
    await page.locator('[data-entity="iran"]').first().hover();
    await page.locator('#card').waitFor({ state: 'visible' });
    assert.match(await page.locator('#card').innerText(), /<\/script><script>window\.pwned = 5<\/script>/, 'the summary shows as text');
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    assert.equal(await page.locator('article img, article script, header script').count(), 0);
    // Raw HTML is dropped, not shown as literal markup (issue 12): the reader sees the sentence's text.
    const articleText = await page.locator('article').innerText();
    assert.match(articleText, /^Iran said and \.$/m);
    assert.doesNotMatch(articleText, /<script|onerror|pwned = [23]/);
    assert.ok(problems.every((problem) => !/pwned/.test(problem)), problems.join('\n'));
    await page.close();
  });
});
