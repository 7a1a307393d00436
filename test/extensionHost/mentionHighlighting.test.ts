import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ArticleModel } from '../../src/model/article/articleModel';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import { revertAndCloseAll, SAMPLE_ANNOTATIONS, SAMPLE_ARTICLE, marginaliaApi, openInEditor, textsOf, waitFor, withTemporaryArticle, workspaceUri } from './extensionTestSupport';

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

  it('keeps the model equal to a fresh build through edits in several places at once, undo and redo', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('the model', () => api.modelFor(editor.document));
    const mentionsOf = (model: ArticleModel) => model.mentions.all().map((m) => `${m.entityId}@${m.start}-${m.end}`);
    const check = async (step: string) => {
      const model = (await api.modelFor(editor.document))!;
      const fresh = buildArticleModel(parseArticle(editor.document.getText(), editor.document.uri.toString()), model.annotationFile);
      assert.deepEqual(mentionsOf(model), mentionsOf(fresh), `mentions ${step}`);
      assert.deepEqual(
        model.claims.map((claim) => claim.anchor.status),
        fresh.claims.map((claim) => claim.anchor.status),
        step,
      );
    };
    const text = editor.document.getText();
    const at = (needle: string) => editor.document.positionAt(text.indexOf(needle));
    await editor.edit((edit) => {
      edit.insert(at('Edi Rama'), 'Tirana and ');
      edit.replace(new vscode.Range(at('Iranian Foreign Ministry'), at('Iranian Foreign Ministry').translate(0, 7)), 'The\nIranian');
      edit.delete(new vscode.Range(at('Microsoft'), at('Microsoft').translate(0, 4)));
    });
    await check('after three edits in one step');
    await vscode.commands.executeCommand('undo');
    await check('after undo');
    await vscode.commands.executeCommand('redo');
    await check('after redo');
  });

  it('in an article with more mentions than the limit, highlights around the visible lines and follows scrolling', async () => {
    const api = await marginaliaApi();
    const sample = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(SAMPLE_ARTICLE)));
    const body = sample.slice(sample.indexOf('\n# ') + 1);
    const annotations = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(SAMPLE_ANNOTATIONS))));
    annotations.article = 'large-article-test.md';
    await vscode.workspace.getConfiguration().update('marginalia.highlighting.wholeArticleLimit', 100, vscode.ConfigurationTarget.Workspace);
    try {
      await withTemporaryArticle('large-article-test', sample + `\n${body}`.repeat(15), annotations, async () => {
        const editor = await openInEditor('articles/large-article-test.md');
        const model = await waitFor('the model', () => api.modelFor(editor.document));
        assert.ok(editor.document.lineCount > 1500 && model.mentions.length > 1000);
        const lastLine = editor.document.lineCount - 1;
        const top = await waitFor('first paint', () => api.paintedMentions(editor)?.actor);
        assert.ok(top.length > 0 && top.length < model.mentions.length / 2, `${top.length} of ${model.mentions.length} painted`);
        assert.ok(top.every((range) => range.start.line < lastLine - 500), 'nothing is painted far below the view');
        editor.revealRange(new vscode.Range(lastLine, 0, lastLine, 0), vscode.TextEditorRevealType.InCenter);
        const bottom = await waitFor('highlights near the end after scrolling', () => {
          const actors = api.paintedMentions(editor)?.actor ?? [];
          return actors.some((range) => range.start.line > lastLine - 50) ? actors : undefined;
        });
        assert.ok(bottom.every((range) => range.start.line > 500), 'the top is no longer painted');
      });
    } finally {
      await vscode.workspace.getConfiguration().update('marginalia.highlighting.wholeArticleLimit', undefined, vscode.ConfigurationTarget.Workspace);
    }
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
