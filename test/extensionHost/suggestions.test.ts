import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Suggestion } from '../../src/model/suggestions/suggestion';
import { marginaliaApi, openInEditor, revertAndCloseAll, textsOf, waitFor, withTemporaryArticle, workspaceUri } from './extensionTestSupport';

// Suggestions in the editor (issue 15): drawn, listed, offered as code actions and hover cards, accepted
// and rejected as undoable edits of the annotation file. The text is written for these tests.

const BODY = [
  '---',
  'title: Outage in Prague',
  '---',
  '',
  'Prime Minister Jan Novak said on Monday that the Czech government would respond to the attack.',
  '',
  'Novak told reporters that the Ministry of Industry and Trade (MIT) had warned of the risk in March.',
  '',
  'However, the Russian Foreign Ministry denied any involvement and called the accusations "absurd and unfounded".',
  '',
].join('\n');

const ANNOTATIONS = { version: 1, article: 'suggestions-test.md', entities: [{ id: 'novak', kind: 'actor', type: 'person', name: 'Jan Novak' }], claims: [], notes: [] };

async function currentSuggestions(what: string, accept: (suggestions: readonly Suggestion[]) => boolean): Promise<readonly Suggestion[]> {
  const api = await marginaliaApi();
  return waitFor(what, async () => {
    const suggestions = await api.suggestions();
    return suggestions && accept(suggestions) ? suggestions : undefined;
  });
}

const entityNamed = (name: string) => (s: Suggestion) => s.kind === 'entity' && s.name === name;

describe('Suggestions in the editor (issue 15)', function () {
  this.timeout(60_000);
  afterEach(async () => {
    await vscode.workspace.getConfiguration('marginalia').update('suggestions.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await revertAndCloseAll();
  });

  it('draws an annotated article\'s suggestions faintly and lists them by kind with counts; accepting one is one undoable edit', async () => {
    await withTemporaryArticle('suggestions-test', BODY, ANNOTATIONS, async () => {
      const api = await marginaliaApi();
      const editor = await openInEditor('articles/suggestions-test.md');
      const suggestions = await currentSuggestions('the suggestions', (all) => all.some(entityNamed('Ministry of Industry and Trade')));
      assert.ok(suggestions.some((s) => s.kind === 'alias' && s.entityId === 'novak' && s.alias === 'Novak'), 'the surname, an alias of the existing entity');
      const drawn = await waitFor('the suggestions drawn', () => {
        const painted = api.paintedSuggestions(editor);
        return painted && painted.names.length > 0 ? painted : undefined;
      });
      assert.ok(textsOf(editor.document, drawn.names).includes('Ministry of Industry and Trade'));
      assert.ok(textsOf(editor.document, drawn.claims).some((text) => text.startsWith('However, the Russian Foreign Ministry denied')));
      const rows = await api.suggestionsViewRows();
      assert.deepEqual(rows.map((row) => row.label), [
        `Entities (${suggestions.filter((s) => s.kind === 'entity').length})`,
        `Aliases (${suggestions.filter((s) => s.kind === 'alias').length})`,
        `Claims (${suggestions.filter((s) => s.kind === 'claim').length})`,
      ]);
      assert.ok(rows[0].children.some((row) => row.label === 'Ministry of Industry and Trade' && row.description === 'actor · agency · 2×'), JSON.stringify(rows[0].children));

      const annotationUri = workspaceUri('articles/suggestions-test.annotations.json');
      const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(annotationUri));
      const ministry = suggestions.find(entityNamed('Ministry of Industry and Trade'))!;
      await vscode.commands.executeCommand('marginalia.acceptSuggestion', { uri: editor.document.uri.toString(), key: ministry.key });
      const annotations = await vscode.workspace.openTextDocument(annotationUri);
      assert.deepEqual(JSON.parse(annotations.getText()).entities[1], { id: 'ministry-of-industry-and-trade', kind: 'actor', type: 'agency', name: 'Ministry of Industry and Trade', aliases: ['MIT'] });
      await waitFor('the new entity highlighted', () => (textsOf(editor.document, api.paintedMentions(editor)?.actor ?? []).includes('MIT') ? true : undefined));
      await currentSuggestions('the suggestions without it', (all) => !all.some(entityNamed('Ministry of Industry and Trade')) && all.some(entityNamed('Czech government')));
      // One undo in the annotation file takes it all back.
      await vscode.window.showTextDocument(annotations);
      await vscode.commands.executeCommand('undo');
      assert.equal(annotations.getText(), before);
    });
  });

  it('offers accept and reject as code actions and on a hover card; a rejection is remembered and not offered again', async () => {
    await withTemporaryArticle('suggestions-test', BODY, ANNOTATIONS, async () => {
      const editor = await openInEditor('articles/suggestions-test.md');
      const suggestions = await currentSuggestions('the suggestions', (all) => all.some(entityNamed('Czech government')));
      const at = editor.document.positionAt(editor.document.getText().indexOf('Czech government') + 2);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(at, at));
      const titles = actions.map((action) => action.title);
      assert.ok(titles.includes('Accept "Czech government" as a new entity (actor, government)'), titles.join(' | '));
      assert.ok(titles.includes('Reject the suggestion "Czech government"'), titles.join(' | '));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
      const card = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
      assert.match(card, /Suggested entity: \*\*Czech government\*\* \(actor, government\)/);
      assert.match(card, /command:marginalia\.rejectSuggestion\?/);

      const reject = actions.find((action) => action.title === 'Reject the suggestion "Czech government"')!;
      await vscode.commands.executeCommand(reject.command!.command, ...(reject.command!.arguments ?? []));
      const annotations = await vscode.workspace.openTextDocument(workspaceUri('articles/suggestions-test.annotations.json'));
      assert.deepEqual(JSON.parse(annotations.getText()).rejectedSuggestions, [{ kind: 'entity', name: 'Czech government' }]);
      await currentSuggestions('the suggestions without the rejected one', (all) => all.length < suggestions.length && !all.some(entityNamed('Czech government')));
    });
  });

  it('gives an article with no annotation file suggestions when asked; accepting them all creates the file, in one edit', async () => {
    await withTemporaryArticle('suggestions-test', BODY, undefined, async () => {
      const api = await marginaliaApi();
      const editor = await openInEditor('articles/suggestions-test.md');
      // The annotation file an earlier test deleted reaches the model service through the file watcher.
      await waitFor('no annotations', async () => ((await api.modelFor(editor.document)) === undefined ? true : undefined));
      assert.equal(await api.suggestions(), undefined, 'not unasked');
      await vscode.commands.executeCommand('marginalia.suggestAnnotations');
      const suggestions = await currentSuggestions('the suggestions', (all) => all.some(entityNamed('Jan Novak')));
      await vscode.commands.executeCommand('marginalia.acceptSuggestions');
      const annotations = await vscode.workspace.openTextDocument(workspaceUri('articles/suggestions-test.annotations.json'));
      const file = JSON.parse(annotations.getText()) as { entities: Array<{ name: string; aliases?: string[] }>; claims: Array<{ claimant: string; answers?: string; stance?: string }> };
      assert.deepEqual(file.entities.map((entity) => entity.name).sort(), suggestions.filter((s) => s.kind === 'entity').map((s) => (s.kind === 'entity' ? s.name : '')).sort());
      assert.deepEqual(file.entities.find((entity) => entity.name === 'Jan Novak')?.aliases?.sort(), ['Novak', 'Prime Minister Jan Novak']);
      assert.ok(file.claims.some((claim) => claim.stance === 'disputes' && claim.answers !== undefined), 'the denial, with what it answers');
      await currentSuggestions('nothing left to suggest', (all) => all.length === 0);
    });
  });

  it('types a name that another article of the workspace annotates as that entity, and says which article', async () => {
    const other = { version: 1, article: 'suggestions-known.md', entities: [{ id: 'czech-gov', kind: 'actor', type: 'state', name: 'Czech government' }], claims: [], notes: [] };
    await withTemporaryArticle('suggestions-known', '---\ntitle: The first report\n---\n\nThe Czech government said nothing.\n', other, async () => {
      await withTemporaryArticle('suggestions-test', BODY, ANNOTATIONS, async () => {
        const api = await marginaliaApi();
        await openInEditor('articles/suggestions-test.md');
        await api.corpusReady();
        const czech = await waitFor('the name typed from the other article', async () => {
          const suggestion = (await api.suggestions())?.find(entityNamed('Czech government'));
          return suggestion?.kind === 'entity' && suggestion.why === 'annotated in The first report' ? suggestion : undefined;
        });
        assert.equal(czech.kind === 'entity' && czech.type, 'state');
      });
    });
  });

  it('offers nothing while the annotation file does not parse, and writes nothing into it', async () => {
    await withTemporaryArticle('suggestions-test', BODY, ANNOTATIONS, async () => {
      const api = await marginaliaApi();
      await openInEditor('articles/suggestions-test.md');
      await currentSuggestions('the suggestions', (all) => all.length > 0);
      const annotations = await vscode.workspace.openTextDocument(workspaceUri('articles/suggestions-test.annotations.json'));
      const broken = new vscode.WorkspaceEdit();
      broken.insert(annotations.uri, new vscode.Position(0, 0), '{ "version": 1, ');
      await vscode.workspace.applyEdit(broken);
      const text = annotations.getText();
      await currentSuggestions('no suggestions', (all) => all.length === 0);
      assert.deepEqual(await api.suggestionsViewRows(), []);
      await vscode.commands.executeCommand('marginalia.acceptSuggestions');
      assert.equal(annotations.getText(), text, 'nothing written');
    });
  });

  it('stops suggesting when the setting is off, and says so in the view', async () => {
    await withTemporaryArticle('suggestions-test', BODY, ANNOTATIONS, async () => {
      const api = await marginaliaApi();
      const editor = await openInEditor('articles/suggestions-test.md');
      await currentSuggestions('the suggestions', (all) => all.length > 0);
      await vscode.commands.executeCommand('marginalia.turnOffSuggestions');
      await waitFor('nothing drawn', () => (api.paintedSuggestions(editor)?.names.length === 0 ? true : undefined));
      assert.equal(await api.suggestions(), undefined);
      assert.deepEqual(await api.suggestionsViewRows(), []);
    });
  });
});
