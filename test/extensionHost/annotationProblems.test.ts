import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { revertAndCloseAll, SAMPLE_ANNOTATIONS, SAMPLE_ARTICLE, marginaliaApi, openInEditor, textsOf, waitFor, withTemporaryArticle, workspaceUri } from './extensionTestSupport';

function marginaliaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'marginalia');
}

describe('Problems in annotation files', () => {
  let original: Uint8Array;

  before(async () => {
    original = await vscode.workspace.fs.readFile(workspaceUri(SAMPLE_ANNOTATIONS));
  });

  afterEach(async () => {
    await revertAndCloseAll();
    await vscode.workspace.fs.writeFile(workspaceUri(SAMPLE_ANNOTATIONS), original);
  });

  it('shows a meaning error at its exact line and column in the Problems panel', async () => {
    const editor = await openInEditor(SAMPLE_ANNOTATIONS);
    const text = editor.document.getText();
    const offset = text.indexOf('"claimant": "edi-rama"') + '"claimant": '.length;
    const start = editor.document.positionAt(offset);
    await editor.edit((edit) => edit.replace(new vscode.Range(start, start.translate(0, '"edi-rama"'.length)), '"edi-ramma"'));
    const diagnostic = await waitFor('the unknown-id diagnostic', () => marginaliaDiagnostics(editor.document.uri).find((d) => d.code === 'unknown-id'));
    assert.equal(diagnostic.message, 'No entity with the id "edi-ramma" in this file. Did you mean "edi-rama"?');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character], [start.line, start.character]);
    assert.equal(editor.document.getText(diagnostic.range), '"edi-ramma"');
  });

  it('keeps highlighting the last good annotations while the file does not parse', async () => {
    const api = await marginaliaApi();
    const article = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('first paint', () => (api.paintedMentions(article)?.system.length ? true : undefined));
    const annotations = await vscode.workspace.openTextDocument(workspaceUri(SAMPLE_ANNOTATIONS));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(annotations.uri, new vscode.Position(1, 0), '  "broken": ,\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const syntax = await waitFor('the invalid-json diagnostic', () => marginaliaDiagnostics(annotations.uri).find((d) => d.code === 'invalid-json'));
    assert.equal(syntax.range.start.line, 1);
    assert.match(syntax.message, /^Invalid JSON: expected a value/);
    await vscode.window.showTextDocument(article.document);
    const stillPainted = await waitFor('a repaint', () => {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === article.document);
      return editor && api.paintedMentions(editor);
    });
    assert.ok(textsOf(article.document, stillPainted.system).includes('TIMS'), 'the last good annotations stay in use');
  });

  it('reports a quote that is not in the article on the annotation entry, and clears it when fixed', async () => {
    const article = await openInEditor(SAMPLE_ARTICLE);
    const text = article.document.getText();
    const at = text.indexOf('Tehran considers MEK to be a terrorist organization.');
    const range = new vscode.Range(article.document.positionAt(at), article.document.positionAt(at + 'Tehran considers MEK to be a terrorist organization.'.length));
    await article.edit((edit) => edit.replace(range, 'Tehran has its own view.'));
    const annotationUri = workspaceUri(SAMPLE_ANNOTATIONS);
    const orphan = await waitFor('the quote-not-found diagnostic', () => marginaliaDiagnostics(annotationUri).find((d) => d.code === 'quote-not-found'));
    assert.match(orphan.message, /claim "tehran-mek-terrorist" is not in the article/);
    const annotationDocument = await vscode.workspace.openTextDocument(annotationUri);
    assert.match(annotationDocument.lineAt(orphan.range.start.line).text, /"exact": "Tehran considers MEK to be a terrorist organization."/);
    await vscode.commands.executeCommand('undo');
    await waitFor('the diagnostic to clear', () => (marginaliaDiagnostics(annotationUri).length === 0 ? true : undefined));
  });

  it('gives the annotation file schema errors from contributes.jsonValidation, as you type', async () => {
    const editor = await openInEditor(SAMPLE_ANNOTATIONS);
    const offset = editor.document.getText().indexOf('"kind": "system"') + '"kind": '.length;
    const start = editor.document.positionAt(offset);
    await editor.edit((edit) => edit.replace(new vscode.Range(start, start.translate(0, '"system"'.length)), '"sytem"'));
    const fromJsonLanguage = await waitFor(
      'a JSON schema diagnostic',
      () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source !== 'marginalia' && d.range.start.line === start.line),
      20_000,
    );
    assert.match(fromJsonLanguage.message, /actor|system|enum|allowed/i);
  });

  it('gives a registry of shared entities its schema errors too: mentions stay in an article\'s annotation file (issue 14)', async () => {
    const registryUri = workspaceUri('articles/marginalia.registry.json');
    const registry = { version: 1, entities: [{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran', mentions: [{ exact: 'this country' }] }] };
    await vscode.workspace.fs.writeFile(registryUri, new TextEncoder().encode(JSON.stringify(registry, null, 2)));
    try {
      const editor = await openInEditor('articles/marginalia.registry.json');
      const line = editor.document.getText().split('\n').findIndex((text) => text.includes('"mentions"'));
      const fromJsonLanguage = await waitFor(
        'a JSON schema diagnostic on "mentions"',
        () => vscode.languages.getDiagnostics(editor.document.uri).find((d) => d.source !== 'marginalia' && d.range.start.line === line),
        20_000,
      );
      assert.match(fromJsonLanguage.message, /mentions|not allowed/i);
    } finally {
      await revertAndCloseAll();
      await vscode.workspace.fs.delete(registryUri).then(undefined, () => undefined);
    }
  });
});

describe('Hostile files in the editor (issue 10)', () => {
  afterEach(revertAndCloseAll);

  it('keeps working on a YAML alias bomb, JSON nested 2,635 deep and a duplicate key, each shown at its place', async () => {
    const api = await marginaliaApi();
    const frontMatter = `---\ntitle: &t T\nlist:\n${'  - *t\n'.repeat(101)}---\n\n`;
    const annotations = { version: 1, article: 'hostile.md', entities: [{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran' }], claims: [], notes: [] };
    await withTemporaryArticle('hostile', `${frontMatter}Iran said so. Iran again.\n`, annotations, async () => {
      const article = await openInEditor('articles/hostile.md');
      const model = await waitFor('the model', () => api.modelFor(article.document));
      assert.equal(model.mentions.length, 2, 'the body is read whatever the front matter holds');
      const yaml = await waitFor('the front matter problem', () => marginaliaDiagnostics(article.document.uri).find((d) => d.code === 'front-matter-yaml'));
      assert.equal(yaml.range.start.line, 1);

      const annotationUri = workspaceUri('articles/hostile.annotations.json');
      const file = await vscode.workspace.openTextDocument(annotationUri);
      const replaceAll = async (text: string) => {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(annotationUri, new vscode.Range(file.positionAt(0), file.positionAt(file.getText().length)), text);
        assert.ok(await vscode.workspace.applyEdit(edit));
      };
      await replaceAll(`{"version":1,"article":"hostile.md","entities":${'['.repeat(2635)}${']'.repeat(2635)},"claims":[],"notes":[]}`);
      const deep = await waitFor('the too-deep problem', () => marginaliaDiagnostics(annotationUri).find((d) => d.code === 'too-deep'));
      assert.equal(deep.range.start.character, file.getText().indexOf('[') + 63);
      assert.equal((await api.modelFor(article.document))?.mentions.length, 2, 'the last good annotations stay in use');

      await replaceAll(JSON.stringify(annotations, null, 2).replace('"notes": []', '"notes": [],\n  "entities": []'));
      const duplicate = await waitFor('the duplicate-key problem', () => marginaliaDiagnostics(annotationUri).find((d) => d.code === 'duplicate-key'));
      assert.equal(file.getText(duplicate.range), '"entities"');
      assert.equal((await api.modelFor(article.document))?.mentions.length, 2);
      // And nothing writes into a file that means two things.
      api.answerNextPrompts(['Iran again']);
      const before = file.getText();
      article.selection = new vscode.Selection(article.document.positionAt(article.document.getText().indexOf('said')), article.document.positionAt(article.document.getText().indexOf('said') + 4));
      await vscode.window.showTextDocument(article.document);
      assert.equal(await vscode.commands.executeCommand('marginalia.addNote'), false);
      assert.match(api.lastRefusal() ?? '', /does not parse .*appears twice/);
      assert.equal(file.getText(), before);
      api.clearPromptAnswers();
    });
  });

  it('builds the model of a huge annotated article again after edits that come while it is being built, complete and of the current text', async () => {
    const api = await marginaliaApi();
    const claims = Array.from({ length: 6000 }, (_, i) => ({ id: `c${i}`, claimant: 'iran', summary: `Claim ${i}`, passage: { exact: `Iran made claim ${i}.` }, ...(i > 0 ? { answers: `c${i - 1}`, stance: 'disputes' } : {}) }));
    const annotations = { version: 1, article: 'huge.md', entities: [{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran' }], claims, notes: [] };
    const body = claims.map((claim) => claim.passage.exact).join('\n\n');
    await withTemporaryArticle('huge', `---\ntitle: Huge\n---\n\n${body}\n`, annotations, async () => {
      const article = await openInEditor('articles/huge.md');
      await waitFor('the first model', () => api.modelFor(article.document));
      // An edit in the front matter makes the whole model be built again, in slices, while typing goes on.
      assert.ok(await article.edit((edit) => edit.replace(new vscode.Range(1, 7, 1, 11), 'Enormous')));
      assert.ok(await article.edit((edit) => edit.insert(new vscode.Position(4, 0), 'Iran spoke first. ')));
      const model = await api.modelFor(article.document);
      assert.equal(model?.article.source.text, article.document.getText(), 'the model is of the text as it is now');
      assert.equal(model?.article.metadata.title, 'Enormous');
      assert.equal(model?.claims.length, 6000);
      assert.equal(model?.mentions.length, 6001);
      assert.ok(model?.claims.every((claim) => claim.anchor.status === 'exact'));
    });
  });
});
