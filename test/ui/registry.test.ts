import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uiEnvironment, useWorkbench, type WordOnScreen } from './workbenchPage';

// A folder's registry of shared actors and systems (issue 14), as a person meets it: an article that
// has no annotation file yet opens with the registry's entities highlighted, and a card on hover.

const highlighted = (words: WordOnScreen[]) => words.filter((word) => word.backgrounds.length > 0);

describe('A registry of shared entities in code-server', function () {
  const folder = join(uiEnvironment().workspace, 'corpus');
  before(() => {
    mkdirSync(folder, { recursive: true });
    const registry = { version: 1, entities: [{ id: 'homeland-justice', kind: 'actor', type: 'group', name: 'HomeLand Justice', summary: 'A hacker group named in several articles of the corpus.' }] };
    writeFileSync(join(folder, 'marginalia.registry.json'), JSON.stringify(registry, null, 2));
    writeFileSync(join(folder, 'advisory-notes.md'), '---\ntitle: Notes on the advisory\n---\n\nA group calling itself HomeLand Justice claimed the attack.\n');
    // Another article of the corpus, annotated, where the group makes a claim.
    writeFileSync(join(folder, 'channel-post.md'), '---\ntitle: The group\'s channel post\n---\n\nHomeLand Justice wrote that it had taken the servers down.\n');
    const claim = { id: 'took-servers-down', claimant: 'homeland-justice', summary: 'The group says it took the servers down', passage: { exact: 'HomeLand Justice wrote that it had taken the servers down.' } };
    writeFileSync(join(folder, 'channel-post.annotations.json'), JSON.stringify({ version: 1, article: 'channel-post.md', entities: [], claims: [claim], notes: [] }, null, 2));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));
  const workbench = useWorkbench();

  it('highlights the registry\'s entities in an article with no annotation file, with a card that names the other articles', async () => {
    await workbench().openFile('advisory-notes.md');
    await workbench().page.waitForFunction(() => document.querySelectorAll('.editor-instance [class*="ced-"]').length > 0, undefined, { timeout: 30_000 });
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
});
