import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_ARTICLE, marginaliaApi, openInEditor, revertAndCloseAll, waitFor, workspaceUri } from './extensionTestSupport';

describe('Citing and sharing', () => {
  afterEach(async () => {
    (await marginaliaApi()).clearPromptAnswers();
    await revertAndCloseAll();
  });

  it('copies a claim as a Markdown citation with its speaker, source, paragraph and a link to the passage', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('the model', () => api.modelFor(editor.document));
    const citation = await vscode.commands.executeCommand<string>('marginalia.copyCitation', { uri: editor.document.uri.toString(), claimId: 'iran-dismisses-allegations' });
    assert.match(citation, /^> The Iranian Foreign Ministry dismissed these allegations as "baseless" and "unsubstantiated"\n\n— \[Iranian Foreign Ministry, quoted in Elona Elezi and Niloofar Gholami, “Albania blames Iran for cyberattacks”, Deutsche Welle, 16 September 2022, paragraph 5\]\(https:\/\/www\.dw\.com\/.*#:~:text=The%20Iranian%20Foreign%20Ministry/);
    assert.equal(await vscode.env.clipboard.readText(), citation);
  });

  it('copies the selection as CSL-JSON when asked', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('the model', () => api.modelFor(editor.document));
    const at = editor.document.getText().indexOf('Tehran considers MEK to be a terrorist organization.');
    editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + 'Tehran considers MEK'.length));
    api.answerNextPrompts(['csl-json']);
    const [item] = JSON.parse((await vscode.commands.executeCommand<string>('marginalia.copyCitationAs'))!);
    assert.equal(item.type, 'article-newspaper');
    assert.equal(item.label, 'paragraph');
    assert.match(item.note, /^Quoting Iran: “Tehran considers MEK”/);
  });

  it('exports the annotations as W3C JSON-LD and as a reading page', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('the model', () => api.modelFor(editor.document));
    const w3cUri = workspaceUri('export-test.w3c.jsonld');
    const htmlUri = workspaceUri('export-test.html');
    try {
      assert.equal((await vscode.commands.executeCommand<vscode.Uri>('marginalia.exportAnnotations', 'w3c', w3cUri))?.toString(), w3cUri.toString());
      const collection = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(w3cUri)));
      assert.equal(collection.type, 'AnnotationCollection');
      assert.ok(collection.first.items.some((item: { motivation: string }) => item.motivation === 'describing'));
      // Each passage is addressed on the published page and in the Markdown file, which is named by the editor's URI.
      const sources = new Set(collection.first.items.flatMap((item: { target: Array<{ source: string }> }) => item.target.map((target) => target.source)));
      assert.deepEqual([...sources].sort(), [editor.document.uri.toString(), (await api.modelFor(editor.document))!.article.metadata.url].sort());
      await vscode.commands.executeCommand('marginalia.exportAnnotations', 'html', htmlUri);
      const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(htmlUri));
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/);
    } finally {
      for (const uri of [w3cUri, htmlUri]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });

  it('opens the reading page beside the article, under a nonce CSP, and follows the article as it changes', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('the model', () => api.modelFor(editor.document));
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('marginalia.openReadingPage');
    assert.ok(panel);
    assert.deepEqual(panel.webview.options.localResourceRoots, []);
    const html = api.readingPageHtml(editor.document.uri)!;
    assert.match(html, /content="default-src 'none'; style-src 'nonce-([A-Za-z0-9+/=]{20,})'; script-src 'nonce-\1'/);
    assert.equal((html.match(/class="marginalia-mention /g) ?? []).length, (await api.modelFor(editor.document))!.mentions.length);
    await editor.edit((edit) => edit.insert(editor.document.positionAt(editor.document.getText().indexOf('# Albania blames')), 'A new paragraph about Edi Rama.\n\n'));
    await waitFor('the reading page to follow', () => (api.readingPageHtml(editor.document.uri)?.includes('A new paragraph about') ? true : undefined));
    panel.dispose();
  });
});
