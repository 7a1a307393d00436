import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnchorReport } from '../../src/extension/anchorMaintenance';
import type { ArticleModel } from '../../src/model/article/articleModel';
import { CodePointIndex } from '../../src/model/text/codePointIndex';
import { describePassage } from '../../src/model/anchoring/passageAnchor';
import { SAMPLE_ANNOTATIONS, SAMPLE_ARTICLE, marginaliaApi, openInEditor, restoreFile, revertAndCloseAll, waitFor, withTemporaryArticle, workspaceUri } from './extensionTestSupport';

const CLAIM = 'tehran-mek-terrorist';
const PASSAGE = 'Tehran considers MEK to be a terrorist organization.';

function claimOf(model: ArticleModel, id = CLAIM) {
  const claim = model.claims.find((c) => c.record.id === id);
  assert.ok(claim, id);
  return claim;
}

function marginaliaDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'marginalia');
}

describe('Anchors that follow edits', () => {
  let originalArticle: Uint8Array;
  let originalAnnotations: Uint8Array;
  before(async () => {
    originalArticle = await vscode.workspace.fs.readFile(workspaceUri(SAMPLE_ARTICLE));
    originalAnnotations = await vscode.workspace.fs.readFile(workspaceUri(SAMPLE_ANNOTATIONS));
  });
  afterEach(async () => {
    await revertAndCloseAll();
    // Put the files back, and wait until any document still open has reloaded them, so later tests start clean.
    await restoreFile(SAMPLE_ARTICLE, originalArticle);
    await restoreFile(SAMPLE_ANNOTATIONS, originalAnnotations);
  });

  it('keep a claim on its passage through pasting, typing inside it, undo, and replacing the whole document', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    const document = editor.document;
    const before = claimOf((await waitFor('the model', () => api.modelFor(document)))!);
    assert.equal(before.anchor.status, 'exact');
    const model = async () => (await api.modelFor(document))!;

    // Paste a paragraph at the top of the body: the claim moves with its text.
    const heading = document.positionAt(document.getText().indexOf('# Albania blames'));
    const pasted = 'A pasted paragraph, with Iran and Albania in it.\n\n';
    await editor.edit((edit) => edit.insert(heading, pasted));
    let claim = claimOf(await model());
    assert.equal(claim.anchor.status, 'moved');
    assert.equal(claim.anchor.start, before.anchor.start! + pasted.length);
    assert.equal(document.getText().slice(claim.anchor.start, claim.anchor.end), PASSAGE);

    // Type inside the passage: still anchored, approximately.
    const word = document.getText().indexOf('considers', claim.anchor.start);
    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(word), document.positionAt(word + 'considers'.length)), 'deems'));
    claim = claimOf(await model());
    assert.equal(claim.anchor.status, 'fuzzy');
    assert.equal(document.getText().slice(claim.anchor.start, claim.anchor.end), 'Tehran deems MEK to be a terrorist organization.');

    // Undo both: exactly where it was.
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    claim = claimOf(await model());
    assert.deepEqual([claim.anchor.status, claim.anchor.start], ['exact', before.anchor.start]);

    // Replace the whole text with a corrected version (a sentence added, a word fixed): every claim is found.
    const corrected = document.getText().replace('# Albania blames', 'Correction: an earlier version misspelled a name.\n\n# Albania blames').replace('injudicious', 'injudicious');
    await editor.edit((edit) => edit.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), corrected));
    const replaced = await model();
    assert.deepEqual(replaced.claims.filter((c) => c.anchor.status === 'orphan').map((c) => c.record.id), []);
    claim = claimOf(replaced);
    assert.equal(document.getText().slice(claim.anchor.start, claim.anchor.end), PASSAGE);
  });

  it('resolves anchors again when the article changes on disk', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    const before = claimOf((await waitFor('the model', () => api.modelFor(editor.document)))!);
    const inserted = 'An update, inserted by another program.\n\n';
    const text = new TextDecoder().decode(originalArticle).replace('# Albania blames', `${inserted}# Albania blames`);
    await vscode.workspace.fs.writeFile(workspaceUri(SAMPLE_ARTICLE), new TextEncoder().encode(text));
    await waitFor('the editor to load the new text', () => (editor.document.getText().includes(inserted) ? true : undefined), 15_000);
    const claim = claimOf((await api.modelFor(editor.document))!);
    assert.equal(claim.anchor.start, before.anchor.start! + inserted.length);
    assert.equal(editor.document.getText().slice(claim.anchor.start, claim.anchor.end), PASSAGE);
  });

  it('offers quick fixes for an orphan, applied as undoable edits of the annotation file', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    const start = (await waitFor('the model', () => api.modelFor(editor.document)))!;
    // The article starts whole: every claim on its passage (and if not, say whether the text or the model is wrong).
    const lost = start.claims.find((claim) => claim.anchor.status === 'orphan');
    assert.equal(lost, undefined, lost && `${lost.record.id} is an orphan; its quote is ${editor.document.getText().includes(lost.record.passage.exact) ? '' : 'not '}in the document (version ${editor.document.version})`);
    const at = editor.document.getText().indexOf(PASSAGE);
    await editor.edit((edit) => edit.delete(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + PASSAGE.length))));
    const annotationUri = workspaceUri(SAMPLE_ANNOTATIONS);
    const inFile = await waitFor('the orphan on the annotation entry', () =>
      marginaliaDiagnostics(annotationUri).find((d) => d.code === 'quote-not-found' && d.message.includes(`claim "${CLAIM}"`)),
    );
    const inArticle = await waitFor('the orphan in the article', () =>
      marginaliaDiagnostics(editor.document.uri).find((d) => d.code === 'passage-lost' && d.message.includes(`claim "${CLAIM}"`)),
    );
    assert.match(inArticle.message, /claim "tehran-mek-terrorist" was here and is gone/);
    assert.equal(inArticle.range.start.line, editor.document.positionAt(at).line);

    // Select the sentence to re-anchor to, then ask for the fixes on the annotation entry.
    const target = editor.document.getText().indexOf('The MEK');
    assert.ok(target > 0);
    editor.selection = new vscode.Selection(editor.document.positionAt(target), editor.document.positionAt(target + 'The MEK'.length));
    const annotations = await vscode.workspace.openTextDocument(annotationUri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', annotationUri, inFile.range);
    const titles = actions.map((action) => action.title);
    const keep = actions.find((action) => action.title === `Keep claim "${CLAIM}" as an orphan`);
    const reanchor = actions.find((action) => action.title.startsWith(`Re-anchor claim "${CLAIM}" to the selected text: "The MEK"`));
    assert.ok(keep && reanchor, titles.join('\n'));

    const original = annotations.getText();
    await vscode.commands.executeCommand(keep.command!.command, ...keep.command!.arguments!);
    assert.ok(annotations.isDirty, 'the change is left for the user to save');
    assert.match(annotations.getText(), /"orphaned": true/);
    await waitFor('the orphan kept, as information', () =>
      marginaliaDiagnostics(annotationUri).find((d) => d.code === 'quote-not-found' && d.severity === vscode.DiagnosticSeverity.Information),
    );
    await vscode.window.showTextDocument(annotations);
    await vscode.commands.executeCommand('undo');
    assert.equal(annotations.getText(), original, 'undo restores the file exactly');

    await vscode.commands.executeCommand(reanchor.command!.command, ...reanchor.command!.arguments!);
    const claim = await waitFor('the claim re-anchored', async () => {
      const found = claimOf((await api.modelFor(editor.document))!);
      return found.anchor.status === 'exact' ? found : undefined;
    });
    assert.equal(editor.document.getText().slice(claim.anchor.start, claim.anchor.end), 'The MEK');
  });

  it('writes moved anchors into the annotation file when the article is saved, as one undoable edit', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('the model', () => api.modelFor(editor.document));
    const annotations = await vscode.workspace.openTextDocument(workspaceUri(SAMPLE_ANNOTATIONS));
    const original = annotations.getText();
    await editor.edit((edit) => edit.insert(editor.document.positionAt(editor.document.getText().indexOf('# Albania blames')), 'A new first paragraph.\n\n'));
    await editor.document.save();
    await waitFor('the annotation file to be refreshed', () => (annotations.getText() !== original ? true : undefined));
    assert.ok(annotations.isDirty, 'refreshed, not saved');
    assert.equal(annotations.getText().split('\n').length, original.split('\n').length, 'only values change');
    const model = await waitFor('a model from the refreshed file', async () => {
      const m = (await api.modelFor(editor.document))!;
      return m.annotationFile.text === annotations.getText() ? m : undefined;
    });
    assert.deepEqual([...new Set(model.claims.map((c) => c.anchor.status))], ['exact']);
    await vscode.window.showTextDocument(annotations);
    await vscode.commands.executeCommand('undo');
    assert.equal(annotations.getText(), original, 'one undo restores the file');
  });

  it('anchors exactly in an article with CRLF line ends, emoji and combining marks, where the CLI does', async () => {
    const api = await marginaliaApi();
    const text = '---\r\ntitle: CRLF test\r\n---\r\n\r\n😀 Tirana 🇦🇱 said on Tuesday\r\nthat Iran e\u0301tait behind the attack.\r\n';
    const start = text.indexOf('Iran e\u0301tait behind');
    const passage = describePassage(text, start, start + 'Iran e\u0301tait behind'.length, new CodePointIndex(text));
    const annotations = { version: 1, article: 'crlf-test.md', entities: [{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran' }], claims: [{ id: 'c', claimant: 'iran', summary: 's', passage }], notes: [] };
    await withTemporaryArticle('crlf-test', text, annotations, async () => {
      const editor = await openInEditor('articles/crlf-test.md');
      assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
      const model = await waitFor('the model', () => api.modelFor(editor.document));
      assert.equal(model.claims[0].anchor.status, 'exact');
      const painted = await waitFor('the claim painted', () => api.paintedMentions(editor)?.claims[0]);
      assert.equal(editor.document.getText(painted), 'Iran e\u0301tait behind');
    });
  });

  it('re-checks every anchor of the article and reports how each was found', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('the model', () => api.modelFor(editor.document));
    const report = await vscode.commands.executeCommand<AnchorReport>('marginalia.recheckAnchors');
    assert.deepEqual(report, { exact: 30 + 4 + 3 + 2, moved: 0, fuzzy: 0, orphan: 0 }, JSON.stringify(report));
  });
});
