import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useWorkbench } from './workbenchPage';

describe('Annotating in code-server', function () {
  const workbench = useWorkbench();

  it('marks a selected word as a new entity with Alt+M E and the quick inputs, and it is highlighted', async () => {
    const annotationPath = join(process.env.MARGINALIA_UI_WORKSPACE!, 'articles', 'dw-albania-iran-cyberattacks.annotations.json');
    const onDisk = readFileSync(annotationPath, 'utf8');
    await workbench().openFile('dw-albania-iran-cyberattacks.md');
    const page = workbench().page;
    await page.waitForFunction(() => document.querySelectorAll('.editor-instance [class*="ced-"]').length > 5, undefined, { timeout: 30_000 });
    const before = await workbench().decorationsOver('Tirana', 'capital, Tirana, to leave');
    assert.deepEqual(before[0].backgrounds, [], 'Tirana is not an entity yet');

    try {
    await workbench().selectWord('Tirana', 'capital, Tirana, to leave');
    // Its keybinding: Alt+M, then E.
    await page.keyboard.press('Alt+m');
    await page.keyboard.press('e');
    await workbench().answerQuickInput(undefined); // the name, prefilled from the selection
    await workbench().answerQuickInput('Actor');
    await workbench().answerQuickInput('government');
    await page.waitForTimeout(200);
    await workbench().screenshot('mark-entity-summary-prompt');
    await workbench().answerQuickInput('The capital of Albania');

    let after = await workbench().decorationsOver('Tirana', 'capital, Tirana, to leave');
    for (let tries = 0; tries < 40 && after[0].backgrounds.length === 0; tries++) {
      await page.waitForTimeout(250);
      after = await workbench().decorationsOver('Tirana', 'capital, Tirana, to leave');
    }
    await workbench().screenshot('entity-marked');
    assert.equal(readFileSync(annotationPath, 'utf8'), onDisk, 'the annotation file is changed in the editor, not saved');
    assert.ok(after[0].backgrounds.length > 0, 'Tirana is highlighted');
    const card = await workbench().hoverOver('Tirana');
    assert.match(card, /Tirana/);
    assert.match(card, /The capital of Albania/);

    } finally {
      // Put the annotation file back for the other tests (and a retry): it was changed, not saved.
      await workbench().openFile('dw-albania-iran-cyberattacks.annotations.json');
      await page.waitForTimeout(500);
      await workbench().runCommand('File: Revert File');
      await page.waitForTimeout(500);
      await workbench().runCommand('View: Close All Editors');
      await page.waitForTimeout(500);
      writeFileSync(annotationPath, onDisk);
    }
  });
});
