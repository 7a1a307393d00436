import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { useWorkbench } from './workbenchPage';

describe('Hover cards, the Claims view and the preview in code-server', function () {
  const workbench = useWorkbench();

  before(async () => {
    await workbench().openFile('dw-albania-iran-cyberattacks.md');
    await workbench().waitForHighlights(5, { timeoutMs: 30_000 });
  });

  it('shows the card of a system when the mouse rests on its mention', async () => {
    const text = await workbench().hoverOver('administrata.al');
    await workbench().screenshot('hover-system-card');
    assert.match(text, /administrata\.al · system · server/);
    assert.match(text, /Albanian government server, target of the first attack in May 2022\./);
    assert.match(text, /Mention 1 of 1/);
    assert.match(text, /Reveal in sidebar/);
  });

  it('shows the Albanian accusation with the Iranian Foreign Ministry\'s rebuttal nested under it', async () => {
    await workbench().page.mouse.move(5, 5);
    await workbench().page.keyboard.press('Escape');
    const rows = await workbench().viewRows('marginalia', 'Marginalia', 'Claims', (labels) => labels.some((label) => label.startsWith("Iran's Foreign Ministry dismisses")));
    await workbench().screenshot('claims-view');
    const accusation = rows.findIndex((row) => row.startsWith('Albania says Iran orchestrated'));
    assert.ok(accusation >= 0, rows.join(' | '));
    const rebuttal = rows.findIndex((row) => row.startsWith("Iran's Foreign Ministry dismisses"));
    assert.ok(rebuttal > accusation, rows.join(' | '));
    const levels = await workbench()
      .viewPane('marginalia', 'Claims')
      .locator('.monaco-list-row')
      .evaluateAll((elements) => elements.map((e) => [e.getAttribute('aria-label') ?? '', Number(e.getAttribute('aria-level'))] as [string, number]));
    const level = (prefix: string) => levels.find(([label]) => label.startsWith(prefix))?.[1];
    assert.equal(level("Iran's Foreign Ministry dismisses"), (level('Albania says Iran orchestrated') ?? 0) + 1);
  });

  it('highlights the same mentions in the Markdown preview', async () => {
    await workbench().runCommand('Markdown: Open Preview to the Side');
    const frame = await workbench().waitForFrame(async (candidate: Frame) => (await candidate.locator('.marginalia-mention').count()) > 5, 30_000);
    const mention = frame.locator('.marginalia-mention[data-entity="administrata-al"]').first();
    await mention.scrollIntoViewIfNeeded();
    assert.equal(await mention.getAttribute('title'), 'administrata.al · system · server');
    const background = await mention.evaluate((element) => getComputedStyle(element).backgroundColor);
    assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the mention has the theme colour as background');
    assert.ok((await frame.locator('.marginalia-claim').count()) > 10);
    await workbench().screenshot('preview-highlights');
  });
});
