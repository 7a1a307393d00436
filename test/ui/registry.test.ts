import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uiEnvironment, useWorkbench, type WordOnScreen } from './workbenchPage';

// A folder's registry of shared actors and systems (issue 14), as a person meets it: an article that
// has no annotation file yet opens with the registry's entities highlighted, and a card on hover.

const highlighted = (words: WordOnScreen[]) => words.filter((word) => word.backgrounds.length > 0);

describe('A registry of shared entities in code-server', function () {
  const folder = join(uiEnvironment().workspace, 'corpus');
  // Another folder for Move to Registry, written before the workbench starts so that Quick Open finds its files.
  const moveFolder = join(uiEnvironment().workspace, 'corpus-move');
  const entity = (id: string, extra: object = {}) => ({ id, kind: 'actor', type: 'state', name: 'Kosovo', ...extra });
  const firstAnnotations = JSON.stringify({ version: 1, article: 'first.md', entities: [entity('kosovo', { summary: 'A state in the Balkans.' })], claims: [], notes: [] }, null, 2);
  const secondAnnotations = JSON.stringify({ version: 1, article: 'second.md', entities: [entity('kosovo-state', { aliases: ['Kosova'] })], claims: [{ id: 'c', claimant: 'kosovo-state', summary: 'Kosova replied', passage: { exact: 'Kosova replied.' } }], notes: [] }, null, 2);
  before(() => {
    mkdirSync(moveFolder, { recursive: true });
    writeFileSync(join(moveFolder, 'first.md'), '---\ntitle: First report\n---\n\nKosovo condemned the attack.\n');
    writeFileSync(join(moveFolder, 'first.annotations.json'), firstAnnotations);
    writeFileSync(join(moveFolder, 'second.md'), '---\ntitle: Second report\n---\n\nKosova replied.\n');
    writeFileSync(join(moveFolder, 'second.annotations.json'), secondAnnotations);
    mkdirSync(folder, { recursive: true });
    const registry = { version: 1, entities: [{ id: 'homeland-justice', kind: 'actor', type: 'group', name: 'HomeLand Justice', summary: 'A hacker group named in several articles of the corpus.' }] };
    writeFileSync(join(folder, 'marginalia.registry.json'), JSON.stringify(registry, null, 2));
    writeFileSync(join(folder, 'advisory-notes.md'), '---\ntitle: Notes on the advisory\n---\n\nA group calling itself HomeLand Justice claimed the attack.\n');
    // Another article of the corpus, annotated, where the group makes a claim.
    writeFileSync(join(folder, 'channel-post.md'), '---\ntitle: The group\'s channel post\n---\n\nHomeLand Justice wrote that it had taken the servers down.\n');
    const claim = { id: 'took-servers-down', claimant: 'homeland-justice', summary: 'The group says it took the servers down', passage: { exact: 'HomeLand Justice wrote that it had taken the servers down.' } };
    writeFileSync(join(folder, 'channel-post.annotations.json'), JSON.stringify({ version: 1, article: 'channel-post.md', entities: [], claims: [claim], notes: [] }, null, 2));
  });
  after(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(moveFolder, { recursive: true, force: true });
  });
  const workbench = useWorkbench();

  it('highlights the registry\'s entities in an article with no annotation file, with a card that names the other articles', async () => {
    await workbench().openFile('advisory-notes.md');
    await workbench().waitForHighlights(0, { timeoutMs: 30_000 });
    assert.ok(highlighted(await workbench().decorationsOver('Justice', 'HomeLand Justice')).length > 0, 'the registry entity is highlighted');
    assert.deepEqual(highlighted(await workbench().decorationsOver('attack', 'claimed the attack')), [], 'and nothing else');
    // The card shows what the rest of the corpus says once the workspace has been read: hover until it does.
    let card = '';
    for (let attempt = 0; attempt < 10; attempt++) {
      card = await workbench().hoverOver('HomeLand');
      if (/Elsewhere in the corpus/.test(card)) break;
      await workbench().page.keyboard.press('Escape');
      await workbench().page.mouse.move(5, 5);
      await workbench().page.waitForTimeout(500);
    }
    await workbench().screenshot('registry-article-card');
    assert.match(card, /HomeLand Justice · actor · group/);
    assert.match(card, /A hacker group named in several articles of the corpus\./);
    // Edited in the registry, not from this article: the card says where it is shared, and offers no edits.
    assert.match(card, /Shared by the articles of this folder, in marginalia\.registry\.json/);
    assert.doesNotMatch(card, /Rename|Delete/);
    assert.match(card, /Elsewhere in the corpus · mentioned in 2 articles/);
    assert.match(card, /The group's channel post — 1 mention/);
    assert.match(card, /Claims it makes elsewhere \(1\)\s*The group says it took the servers down — The group's channel post/);
  });

  it('moves an article\'s entity to a new registry from its card, merging it from another article, and one undo takes it all back', async () => {
    const page = workbench().page;
    try {
      await workbench().openFile('first.md');
      await workbench().waitForHighlights(0, { timeoutMs: 30_000 });
      await workbench().hoverOver('Kosovo');
      // The card's Share link, as a person would click it.
      await page.locator('.monaco-hover:visible a', { hasText: 'Share' }).first().click();
      await workbench().answerQuickInput(undefined); // Create marginalia.registry.json in corpus-move
      await page.locator('.quick-input-widget:visible', { hasText: 'is in another article too' }).waitFor({ timeout: 15_000 });
      await workbench().screenshot('move-to-registry-merge-prompt');
      await workbench().answerQuickInput(undefined); // keep the other article, picked already
      const registryPath = join(moveFolder, 'marginalia.registry.json');
      for (let tries = 0; tries < 40 && !existsSync(registryPath); tries++) await page.waitForTimeout(250);
      assert.deepEqual(JSON.parse(readFileSync(registryPath, 'utf8')).entities, [{ id: 'kosovo', kind: 'actor', type: 'state', name: 'Kosovo', aliases: ['Kosova'], summary: 'A state in the Balkans.' }]);
      // The card now says the entity is shared.
      await page.keyboard.press('Escape');
      await page.mouse.move(5, 5);
      let card = '';
      for (let tries = 0; tries < 20 && !/Shared by the articles/.test(card); tries++) {
        await page.waitForTimeout(250);
        card = await workbench().hoverOver('Kosovo');
        if (!/Shared by the articles/.test(card)) {
          await page.keyboard.press('Escape');
          await page.mouse.move(5, 5);
        }
      }
      await workbench().screenshot('moved-to-registry-card');
      assert.match(card, /Shared by the articles of this folder, in marginalia\.registry\.json/);
      // One undo, in the annotation file, takes back the change in every file: a move that made the
      // registry cannot be split by file, so VS Code undoes it whole, without asking.
      await page.keyboard.press('Escape');
      await workbench().openFile('first.annotations.json');
      await page.locator('.tab.active[aria-label^="first.annotations.json"]').waitFor();
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('Control+z');
      for (let tries = 0; tries < 40 && existsSync(registryPath); tries++) await page.waitForTimeout(250);
      assert.ok(!existsSync(registryPath), 'the registry made by the move is gone');
      await page.waitForFunction(() => document.querySelectorAll('.tab.dirty').length === 0, undefined, { timeout: 10_000 });
      // And the articles read as before: no problem left from the registry that is gone.
      const problems = page.locator('[id="status.problems"]');
      let label = '';
      for (let tries = 0; tries < 40; tries++) {
        label = (await problems.getAttribute('aria-label')) ?? (await problems.innerText());
        if (/No Problems|\b0 Errors/i.test(label)) break;
        await page.waitForTimeout(250);
      }
      await workbench().screenshot('move-to-registry-undone');
      assert.match(label, /No Problems|\b0 Errors/i, `the status bar says: ${label}`);
      assert.equal(readFileSync(join(moveFolder, 'first.annotations.json'), 'utf8'), firstAnnotations);
      assert.equal(readFileSync(join(moveFolder, 'second.annotations.json'), 'utf8'), secondAnnotations);
    } finally {
      await workbench().runCommand('View: Close All Editors');
    }
  });
});
