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
  });
  after(() => rmSync(folder, { recursive: true, force: true }));
  const workbench = useWorkbench();

  it('highlights the registry\'s entities in an article with no annotation file, with their card', async () => {
    await workbench().openFile('advisory-notes.md');
    await workbench().page.waitForFunction(() => document.querySelectorAll('.editor-instance [class*="ced-"]').length > 0, undefined, { timeout: 30_000 });
    assert.ok(highlighted(await workbench().decorationsOver('Justice', 'HomeLand Justice')).length > 0, 'the registry entity is highlighted');
    assert.deepEqual(highlighted(await workbench().decorationsOver('attack', 'claimed the attack')), [], 'and nothing else');
    const card = await workbench().hoverOver('HomeLand');
    await workbench().screenshot('registry-article-card');
    assert.match(card, /HomeLand Justice · actor · group/);
    assert.match(card, /A hacker group named in several articles of the corpus\./);
    // Edited in the registry, not from this article: the card says where it is shared, and offers no edits.
    assert.match(card, /Shared by the articles of this folder, in marginalia\.registry\.json/);
    assert.doesNotMatch(card, /Rename|Delete/);
  });
});
