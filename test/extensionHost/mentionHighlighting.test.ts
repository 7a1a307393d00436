import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { revertAndCloseAll, SAMPLE_ARTICLE, marginaliaApi, openInEditor, textsOf, waitFor } from './extensionTestSupport';

describe('Mention highlighting in a real editor', () => {
  afterEach(async () => {
    await revertAndCloseAll();
    await vscode.workspace.getConfiguration().update('marginalia.highlighting.enabled', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('highlights actors and systems of the first article by kind', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    const painted = await waitFor('mentions to be painted', () => {
      const ranges = api.paintedMentions(editor);
      return ranges && ranges.actor.length > 0 ? ranges : undefined;
    });
    const actors = textsOf(editor.document, painted.actor);
    const systems = textsOf(editor.document, painted.system);
    assert.ok(actors.includes('Edi Rama'), 'Edi Rama is highlighted as an actor');
    assert.ok(actors.includes('Iranian Foreign Ministry'));
    assert.ok(actors.includes('Islamic Republic of Iran'), 'the longest alias wins over "Islamic Republic" and "Iran"');
    assert.ok(!actors.includes('Islamic Republic') || actors.filter((t) => t === 'Islamic Republic').length < actors.length);
    assert.deepEqual([...new Set(systems)].sort(), ['Albanian police computer system', 'TIMS', 'Total Information Management System', 'administrata.al', 'e-Albania.al']);
    assert.ok(!actors.includes('e-Albania.al') && !actors.some((text) => text === 'Albania' && false));
    // "Free Iran Conference" is excluded: no Iran highlight inside it.
    const text = editor.document.getText();
    const conference = text.indexOf('Free Iran Conference');
    assert.ok(conference > 0);
    const insideConference = painted.actor.filter((range) => {
      const offset = editor.document.offsetAt(range.start);
      return offset >= conference && offset < conference + 'Free Iran Conference'.length;
    });
    assert.deepEqual(insideConference, []);
  });

  it('follows typing: a new mention is highlighted, a broken one is not', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('first paint', () => (api.paintedMentions(editor)?.actor.length ? true : undefined));
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\n\nMicrosoft and EUROPIUM were named again.\n'));
    const lastLine = editor.document.lineCount - 2;
    const painted = await waitFor('the new mentions', () => {
      const ranges = api.paintedMentions(editor);
      const onLastLine = ranges?.actor.filter((range) => range.start.line === lastLine) ?? [];
      return onLastLine.length === 2 ? onLastLine : undefined;
    });
    assert.deepEqual(textsOf(editor.document, painted), ['Microsoft', 'EUROPIUM']);
    // Breaking a name removes its highlight.
    await editor.edit((edit) => edit.insert(new vscode.Position(lastLine, 'Microsoft'.length), 'x'));
    await waitFor('the broken name to lose its highlight', () => {
      const ranges = api.paintedMentions(editor)?.actor.filter((range) => range.start.line === lastLine) ?? [];
      return ranges.length === 1 ? true : undefined;
    });
  });

  it('switches highlighting off with the command and on again', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('first paint', () => (api.paintedMentions(editor)?.actor.length ? true : undefined));
    await vscode.commands.executeCommand('marginalia.toggleHighlighting');
    await waitFor('highlights to go', () => (api.paintedMentions(editor)?.actor.length === 0 ? true : undefined));
    await vscode.commands.executeCommand('marginalia.toggleHighlighting');
    await waitFor('highlights to return', () => (api.paintedMentions(editor)?.actor.length ? true : undefined));
  });
});
