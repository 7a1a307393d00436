import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { chromium, type Browser, type Page } from 'playwright-core';
import { uiEnvironment } from './workbenchPage';

// Citations link to the published page with a text fragment (#:~:text=) that should make a browser
// scroll to the passage and mark it (issue 12). Here each claim's citation link, as the CLI writes it,
// is opened in Chromium on the article as a site would publish it (markdown-it's HTML under a site
// header), and the test reads back what the browser marked: the marked pixels are found in a
// screenshot (the page paints ::target-text pure red), and the text under them must be the quote.

const projectRoot = join(__dirname, '../../..');

/** An article of the shapes that break naive fragments: links, emphasis, code, lists, a table, hard wraps, words that occur twice, reserved characters. */
const SHAPES_ARTICLE = `---
title: Shapes
url: https://example.org/news/shapes
published: 2022-09-16
---

# A statement in *many* shapes

The Government of
Iran denied the [accusations](https://example.org/denial "The denial") as **baseless** and *politically motivated*.

Filler paragraph ${'with enough words to push the rest down the page '.repeat(30)}

- Albania said the attack hit \`e-Albania\` and the TIMS border system.
- The ministry said Iran was behind it; Iran said it was not.

| Actor | Position |
| --- | --- |
| Tirana | blames Tehran & its proxies |

Iran said it was not. Later, the prime minister — Edi Rama — said “it was Iran, without a shadow of a doubt”.
`;

const SHAPES_ANNOTATIONS = {
  version: 1,
  article: 'shapes.md',
  entities: [
    { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Government of Iran'] },
    { id: 'albania', kind: 'actor', type: 'state', name: 'Albania', aliases: ['Tirana'] },
  ],
  claims: [
    { id: 'denial', claimant: 'iran', summary: 'Iran denies it', passage: { exact: 'The Government of\nIran denied the [accusations](https://example.org/denial "The denial") as **baseless** and *politically motivated*.' } },
    { id: 'list', claimant: 'albania', summary: 'What was hit', passage: { exact: 'Albania said the attack hit `e-Albania` and the TIMS border system.' } },
    { id: 'twice', claimant: 'iran', summary: 'Not us (in a list)', passage: { exact: 'Iran said it was not.', prefix: 'behind it; ' } },
    { id: 'across', claimant: 'albania', summary: 'Two items', passage: { exact: 'TIMS border system.\n- The ministry said' } },
    { id: 'cell', claimant: 'albania', summary: 'Blame', passage: { exact: 'blames Tehran & its proxies' } },
    { id: 'rama', claimant: 'albania', summary: 'Rama', passage: { exact: '“it was Iran, without a shadow of a doubt”' } },
  ],
  notes: [],
};

/** The page as a site publishes it: a header and navigation of its own around markdown-it's HTML of the body. */
function publishedPage(markdown: string): string {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body { font: 18px/1.5 sans-serif; max-width: 40em; margin: 0 auto; }
    ::target-text { background-color: rgb(255, 0, 0); color: rgb(0, 0, 0); }
  </style></head><body><header><nav><a href="/">News</a> · <a href="/world">World</a></nav></header>
  <main>${new MarkdownIt({ html: true }).render(body)}</main><footer>© The site</footer></body></html>`;
}

interface CitedClaim {
  link: URL;
  quote: string;
}

/** Every claim's citation link and quote, from the CLI's Markdown citation (what a writer pastes): "> quote", then a link. */
function citedClaims(folder: string, name: string): CitedClaim[] {
  const annotations = JSON.parse(readFileSync(join(folder, `${name}.annotations.json`), 'utf8')) as { claims: Array<{ id: string }> };
  return annotations.claims.map((claim) => {
    const result = spawnSync(process.execPath, [join(projectRoot, 'dist/cli.js'), 'cite', join(folder, `${name}.md`), '--claim', claim.id, '--format', 'markdown'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const [, quote, link] = /^> (.*)\n\n— \[.*\]\((\S+)\)\.\n$/s.exec(result.stdout) ?? assert.fail(result.stdout);
    return { link: new URL(link), quote };
  });
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim();

/** What the browser marked: the text between the first and the last pure red pixel of the screen and the block it starts in, or undefined when nothing is marked. */
async function markedText(page: Page): Promise<{ text: string; block?: string } | undefined> {
  const shot = `data:image/png;base64,${(await page.screenshot()).toString('base64')}`;
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = data;
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.width, image.height];
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let first: [number, number] | undefined;
    let last: [number, number] | undefined;
    for (let y = 0; y < canvas.height; y++) {
      for (let x = 0; x < canvas.width; x++) {
        const i = (y * canvas.width + x) * 4;
        if (pixels[i] > 240 && pixels[i + 1] < 16 && pixels[i + 2] < 16) {
          first ??= [x, y];
          last = [x, y];
        }
      }
    }
    if (!first || !last) return undefined;
    const start = document.caretRangeFromPoint(first[0] + 1, first[1] + 1);
    const end = document.caretRangeFromPoint(last[0], last[1] - 1);
    if (!start || !end) return undefined;
    const range = document.createRange();
    range.setStart(start.startContainer, start.startOffset);
    range.setEnd(end.startContainer, end.startOffset);
    return { text: range.toString(), block: start.startContainer.parentElement?.closest('p, li, td, th, h1, h2, blockquote')?.tagName };
  }, shot);
}

describe('Citation links in a browser', function () {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let folder: string;
  const pages = new Map<string, string>();

  before(async () => {
    browser = await chromium.launch({ executablePath: process.env.MARGINALIA_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
    folder = mkdtempSync(join(tmpdir(), 'mg-fragments-'));
    for (const file of ['dw-albania-iran-cyberattacks.md', 'dw-albania-iran-cyberattacks.annotations.json']) writeFileSync(join(folder, file), readFileSync(join(projectRoot, 'articles', file)));
    writeFileSync(join(folder, 'shapes.md'), SHAPES_ARTICLE);
    writeFileSync(join(folder, 'shapes.annotations.json'), JSON.stringify(SHAPES_ANNOTATIONS));
    // Text fragments act on navigations to http(s) pages: the published pages are served from here.
    server = createServer((request, response) => {
      const html = pages.get(request.url ?? '');
      response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html ?? 'not found');
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    server?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Opens each claim's link on the served page and checks the browser scrolled to the passage and marked exactly it. */
  async function checkLanding(name: string, screenshot: string, blocks: Record<string, string> = {}): Promise<number> {
    const claims = citedClaims(folder, name);
    assert.ok(claims.length > 0);
    pages.set(claims[0].link.pathname, publishedPage(readFileSync(join(folder, `${name}.md`), 'utf8')));
    const failures: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    let scrolled = 0;
    for (const claim of claims) {
      // A fresh load for each link: a fragment is acted on when a page loads, not on a same-page hash change.
      await page.goto('about:blank');
      await page.goto(`${origin}${claim.link.pathname}${claim.link.hash}`);
      let marked: { text: string; block?: string } | undefined;
      for (let attempt = 0; attempt < 20 && marked === undefined; attempt++) {
        await page.waitForTimeout(50);
        marked = await markedText(page);
      }
      if (marked === undefined) failures.push(`nothing marked for “${claim.quote}” (${claim.link.hash})`);
      else if (squeeze(marked.text) !== squeeze(claim.quote)) failures.push(`marked “${squeeze(marked.text)}”, not “${claim.quote}” (${claim.link.hash})`);
      else if (blocks[claim.quote] && marked.block !== blocks[claim.quote]) failures.push(`marked “${claim.quote}” in a ${marked.block}, not in a ${blocks[claim.quote]}`);
      if ((await page.evaluate(() => window.scrollY)) > 0) scrolled++;
      if (claim === claims[claims.length - 1]) await page.screenshot({ path: join(uiEnvironment().screenshots, screenshot) });
    }
    await page.close();
    assert.deepEqual(failures, []);
    return scrolled;
  }

  it('lands on and marks every claim of the first article', async () => {
    const scrolled = await checkLanding('dw-albania-iran-cyberattacks', 'text-fragment-dw.png');
    assert.ok(scrolled > 0, 'passages below the fold are scrolled to');
  });

  it('lands across links, emphasis, code, line breaks, list items and table cells, and on the right one of two equal sentences', async () => {
    // "Iran said it was not." is said twice: the claim is the one in the list.
    const scrolled = await checkLanding('shapes', 'text-fragment-shapes.png', { 'Iran said it was not.': 'LI', 'blames Tehran & its proxies': 'TD' });
    assert.ok(scrolled >= 3, `${scrolled} links scrolled`);
  });
});
