import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uiEnvironment, useWorkbench } from './workbenchPage';

// Suggestions (issue 15), as a person meets them: drawn faintly in the article, listed by kind with
// counts in the Suggestions view, explained on hover, and accepted from the view's row.

describe('Suggestions in code-server', function () {
  const folder = join(uiEnvironment().workspace, 'suggest-ui');
  const annotations = JSON.stringify({ version: 1, article: 'outage.md', entities: [{ id: 'novak', kind: 'actor', type: 'person', name: 'Jan Novak' }], claims: [], notes: [] }, null, 2);
  before(() => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'outage.md'),
      '---\ntitle: Outage in Prague\n---\n\nPrime Minister Jan Novak said on Monday that the Czech government would respond.\n\nNovak told reporters that the Ministry of Industry and Trade (MIT) had warned of the risk.\n',
    );
    writeFileSync(join(folder, 'outage.annotations.json'), annotations);
  });
  after(() => rmSync(folder, { recursive: true, force: true }));
  const workbench = useWorkbench();

  it('draws suggestions faintly, lists them by kind, explains one on hover, and accepting it from the view highlights it', async () => {
    const page = workbench().page;
    try {
      await workbench().openFile('outage.md');
      const rows = await workbench().viewRows('marginalia', 'Marginalia', 'Suggestions', (labels) => labels.some((label) => label.startsWith('Ministry of Industry and Trade')));
      assert.ok(rows.some((row) => /^Entities \(\d+\)/.test(row)), rows.join(' | '));
      assert.ok(rows.some((row) => /^Aliases \(\d+\)/.test(row)), rows.join(' | '));
      assert.ok(rows.some((row) => row.startsWith('Czech government')), rows.join(' | '));
      const outlines = await workbench().outlinesOver('Ministry', 'the Ministry of Industry');
      await workbench().screenshot('suggestions-drawn');
      assert.deepEqual(outlines, [['dotted']], 'a dotted outline round the suggested name');
      assert.deepEqual(await workbench().underlinesOver('warned'), [['dotted']], 'a dotted line under a suggested claim, where an annotated claim\'s is dashed');
      assert.deepEqual((await workbench().decorationsOver('Ministry', 'the Ministry of Industry'))[0].backgrounds, [], 'not highlighted as an entity');

      const card = await workbench().hoverOver('Ministry');
      await workbench().screenshot('suggestion-card');
      assert.match(card, /Suggested entity: Ministry of Industry and Trade \(actor, agency\)/);
      assert.match(card, /Also: MIT/);
      assert.match(card, /Accept · +Reject · +All suggestions/);
      await page.keyboard.press('Escape');
      await page.mouse.move(5, 5);

      // The row's inline Accept button, as a person would click it.
      const pane = workbench().viewPane('marginalia', 'Suggestions');
      const row = pane.locator('.monaco-list-row[aria-label^="Ministry of Industry and Trade,"]');
      await row.hover();
      await row.locator('.action-label[aria-label="Accept Suggestion"]').click();
      let backgrounds: string[] = [];
      for (let tries = 0; tries < 40 && backgrounds.length === 0; tries++) {
        await page.waitForTimeout(250);
        backgrounds = (await workbench().decorationsOver('Ministry', 'the Ministry of Industry'))[0].backgrounds;
      }
      const after = await workbench().viewRows('marginalia', 'Marginalia', 'Suggestions', (labels) => !labels.some((label) => label.startsWith('Ministry of Industry and Trade')));
      await workbench().screenshot('suggestion-accepted');
      assert.ok(backgrounds.length > 0, 'the new entity is highlighted');
      assert.ok(!after.some((label) => label.startsWith('Ministry of Industry and Trade')), 'and no longer suggested');
      assert.equal(readFileSync(join(folder, 'outage.annotations.json'), 'utf8'), annotations, 'changed in the editor, not saved');
    } finally {
      await workbench().openFile('outage.annotations.json');
      await page.locator('.tab.active[aria-label^="outage.annotations.json"]').waitFor();
      await workbench().runCommand('File: Revert File');
      await workbench().runCommand('View: Close All Editors');
    }
  });
});
