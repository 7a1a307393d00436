import * as assert from 'node:assert/strict';
import { useWorkbench, type WordOnScreen } from './workbenchPage';


const highlighted = (words: WordOnScreen[]) => words.filter((word) => word.backgrounds.length > 0);

describe('Reading the first article in code-server', function () {
  const workbench = useWorkbench();

  it('highlights actors and systems in different colours, and nothing else', async () => {
    await workbench().openFile('dw-albania-iran-cyberattacks.md');
    const page = workbench().page;
    // Wait until the extension has painted a mention in view.
    await workbench().waitForHighlights(5, { timeoutMs: 30_000 });
    await page.waitForTimeout(500);
    await workbench().screenshot('article-highlighted');

    const iran = highlighted(await workbench().decorationsOver('Iran'));
    assert.ok(iran.length > 0, 'Iran is highlighted');
    const actorColour = iran[0].backgrounds[0];
    const ministry = highlighted(await workbench().decorationsOver('administrata.al'));
    assert.equal(ministry.length, 1, 'the server administrata.al is highlighted');
    const systemColour = ministry[0].backgrounds[0];
    assert.notEqual(actorColour, systemColour, 'systems and actors have different colours');

    // "Tirana" is a place, not an annotated actor: no highlight; "Edi Rama" is.
    const tirana = await workbench().decorationsOver('Tirana', 'capital, Tirana, to leave');
    assert.equal(tirana.length, 1);
    assert.deepEqual(tirana[0].backgrounds, []);
    assert.equal(highlighted(await workbench().decorationsOver('Rama', 'Edi Rama')).length > 0, true);
  });

  it('switches the highlights off and on from the command palette', async () => {
    await workbench().runCommand('Marginalia: Toggle Highlighting');
    let off = true;
    try {
      await workbench().waitForHighlights(0, { none: true, timeoutMs: 15_000 });
      assert.deepEqual(highlighted(await workbench().decorationsOver('Iran')), []);
      await workbench().screenshot('article-highlighting-off');
      await workbench().runCommand('Marginalia: Toggle Highlighting');
      off = false;
      await workbench().waitForHighlights(5, { timeoutMs: 15_000 });
      assert.ok(highlighted(await workbench().decorationsOver('Iran')).length > 0);
    } finally {
      // Never left off for the tests after this one, should this one fail half-way.
      if (off) await workbench().runCommand('Marginalia: Toggle Highlighting');
    }
  });
});

describe('The Marginalia sidebar', function () {
  const workbench = useWorkbench();

  it('lists the article\'s actors and systems with their mention counts', async () => {
    await workbench().openFile('dw-albania-iran-cyberattacks.md');
    await workbench().viewRows('marginalia', 'Marginalia', 'Claims');
    // The Claims view collapsed, as a person would to give the entities the room.
    const claimsHeader = workbench().viewPane('marginalia', 'Claims').locator('.pane-header');
    if ((await claimsHeader.getAttribute('aria-expanded')) === 'true') await claimsHeader.click();
    const rows = await workbench().viewRows('marginalia', 'Marginalia', 'Entities', (labels) => labels.some((label) => / mentions?$/.test(label)));
    await workbench().screenshot('sidebar-entities');
    assert.ok(rows[0].startsWith('Actors'), rows.join(' | '));
    assert.ok(rows.some((row) => /^Edi Rama person · 2 mentions/.test(row)), rows.join(' | '));
    // Collapse the actors to bring the systems into view, as a person would.
    await workbench().viewPane('marginalia', 'Entities').locator('.monaco-list-row').first().click();
    await workbench().page.waitForTimeout(300);
    const collapsed = await workbench().viewRows('marginalia', 'Marginalia', 'Entities', (labels) => labels.some((label) => label.startsWith('Total Information Management System')));
    await workbench().screenshot('sidebar-systems');
    assert.ok(collapsed.some((row) => row.startsWith('Systems')), collapsed.join(' | '));
    const tims = collapsed.find((row) => row.startsWith('Total Information Management System'));
    assert.ok(tims, collapsed.join(' | '));
    assert.match(tims, /database · 4 mentions/);
  });
});
