import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MarginaliaTestApi, TreeRow } from '../../src/extension/testApi';
import { SAMPLE_ANNOTATIONS, SAMPLE_ARTICLE, marginaliaApi, openInEditor, revertAndCloseAll, waitFor } from './extensionTestSupport';

async function articleAt(needle: string, offsetInNeedle = 1): Promise<{ editor: vscode.TextEditor; position: vscode.Position }> {
  const api = await marginaliaApi();
  const editor = await openInEditor(SAMPLE_ARTICLE);
  await waitFor('the model', () => api.modelFor(editor.document));
  const offset = editor.document.getText().indexOf(needle);
  assert.ok(offset >= 0, needle);
  return { editor, position: editor.document.positionAt(offset + offsetInNeedle) };
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n---\n');
}

/** The Claims view's rows, once it shows some. */
function claimsRows(api: MarginaliaTestApi): Promise<TreeRow[]> {
  return waitFor('claims rows', async () => {
    const found = await api.claimsViewRows();
    return found.length > 0 ? found : undefined;
  });
}

describe('Reading: hovers, references, definitions, navigation, the claims view', () => {
  afterEach(revertAndCloseAll);

  it('shows a card for a system, with its type, summary and mention count, allowing only Marginalia commands', async () => {
    const { editor, position } = await articleAt('administrata.al');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const text = hoverText(hovers);
    assert.match(text, /\*\*administrata\\\.al\*\* · system · server/);
    assert.match(text, /Mention 1 of 1/);
    const card = hovers.flatMap((h) => h.contents).find((c) => typeof c !== 'string' && c.value.includes('administrata')) as vscode.MarkdownString;
    assert.deepEqual(card.isTrusted, { enabledCommands: ['marginalia.previousMention', 'marginalia.nextMention', 'marginalia.showMentions', 'marginalia.revealEntity', 'marginalia.openEntityDefinition', 'marginalia.revealClaim', 'marginalia.copyCitation', 'marginalia.renameEntity', 'marginalia.editSummary', 'marginalia.deleteAnnotation', 'marginalia.answerClaim', 'marginalia.changeEntityType', 'marginalia.moveEntityToRegistry', 'marginalia.changeClaimant', 'marginalia.changeStance', 'marginalia.changeAbout'] });
  });

  it('shows a note\'s card on its passage, with links to cite, edit and delete it', async () => {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    const model = (await waitFor('the model', () => api.modelFor(editor.document)))!;
    const note = model.notes.find((n) => n.anchor.status !== 'orphan')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(note.anchor.start! + 1));
    const text = hoverText(hovers);
    assert.match(text, /\*\*Note\*\*/);
    assert.match(text, /command:marginalia\.copyCitation\?.*noteId/);
    const citation = await vscode.commands.executeCommand<string>('marginalia.copyCitation', { uri: editor.document.uri.toString(), noteId: note.record.id });
    assert.ok(citation.startsWith(`> ${editor.document.getText().slice(note.anchor.start, note.anchor.end).replace(/\s+/g, ' ').trim()}`), citation);
  });

  it('shows the claim card on a claim passage, with the claim it answers', async () => {
    const { editor, position } = await articleAt('dismissed these allegations', 5);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position));
    assert.match(text, /\*\*Claim\*\* · Iranian Foreign Ministry · \*disputes\*/);
    assert.match(text, /Albania says Iran orchestrated/);
  });

  it('lists every mention of an entity with Find All References', async () => {
    const { editor, position } = await articleAt('TIMS');
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, position);
    const texts = locations.filter((l) => l.uri.toString() === editor.document.uri.toString()).map((l) => editor.document.getText(l.range));
    assert.deepEqual(texts, ['Albanian police computer system', 'Total Information Management System', 'TIMS', 'TIMS']);
  });

  it('goes to the entity\'s entry in the annotation file with Go to Definition', async () => {
    const { editor, position } = await articleAt('Edi Rama');
    const [definition] = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', editor.document.uri, position);
    const uri = 'targetUri' in definition ? definition.targetUri : definition.uri;
    const range = 'targetRange' in definition ? definition.targetRange : definition.range;
    assert.ok(uri.path.endsWith(SAMPLE_ANNOTATIONS));
    const annotations = await vscode.workspace.openTextDocument(uri);
    assert.equal(annotations.getText(range), '"edi-rama"');
  });

  it('moves to the next and previous mention of the entity under the cursor', async () => {
    const { editor, position } = await articleAt('Colonel Dritan Demiraj');
    editor.selection = new vscode.Selection(position, position);
    const where = () => `${editor.document.getText(editor.selection)} @${editor.selection.start.line}`;
    const firstLine = position.line;
    await vscode.commands.executeCommand('marginalia.nextMention');
    const caption = where();
    assert.match(caption, /^Colonel Dritan Demiraj @\d+$/);
    assert.ok(editor.selection.start.line > firstLine, 'the caption mention comes after the first');
    await vscode.commands.executeCommand('marginalia.nextMention');
    assert.match(where(), /^Col\. Dritan Demiraj @/);
    await vscode.commands.executeCommand('marginalia.previousMention');
    assert.equal(where(), caption);
  });

  it('nests the Iranian Foreign Ministry\'s rebuttal under the Albanian government\'s accusation in the Claims view', async () => {
    const api = await marginaliaApi();
    await articleAt('Albania');
    const rows = await claimsRows(api);
    const accusation = rows.find((row) => row.label.startsWith('Albania says Iran orchestrated'));
    assert.ok(accusation, rows.map((r) => r.label).join('\n'));
    assert.equal(accusation.description, 'Albanian government');
    const rebuttal = accusation.children.find((row) => row.label.startsWith("Iran's Foreign Ministry dismisses"));
    assert.equal(rebuttal?.description, 'Iranian Foreign Ministry · disputes');
    const demiraj = rows.find((row) => row.label.startsWith('It is widely thought'))?.children.find((row) => row.label.startsWith('Demiraj: the MEK'));
    assert.ok(demiraj?.children.some((row) => row.label.startsWith('Shahi disagrees') && row.description === 'Afshin Shahi · disputes'));
  });

  it('keeps showing the article\'s claims while its annotation file is the active editor', async () => {
    const api = await marginaliaApi();
    await articleAt('Albania');
    const before = await claimsRows(api);
    await openInEditor(SAMPLE_ANNOTATIONS);
    // Switching editors refreshes the views at once; an empty tree would show "Open an annotated article".
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual((await api.claimsViewRows()).map((row) => row.label), before.map((row) => row.label));
  });
});

describe('Claims view following the cursor', () => {
  afterEach(revertAndCloseAll);

  it('reveals and selects the claim under the cursor, nested under the claim it answers', async () => {
    const api = await marginaliaApi();
    const { editor } = await articleAt('Albania');
    await vscode.commands.executeCommand('marginalia.claims.focus');
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    const model = await api.modelFor(editor.document);
    const rebuttal = model!.claims.find((claim) => claim.record.summary.startsWith("Iran's Foreign Ministry dismisses"));
    assert.ok(rebuttal && rebuttal.anchor.status !== 'orphan' && rebuttal.record.answers);
    const inside = editor.document.positionAt(rebuttal.anchor.start + 5);
    editor.selection = new vscode.Selection(inside, inside);
    const selected = await waitFor('the rebuttal to be selected in the Claims view', () => {
      const labels = api.claimsViewSelection();
      return labels.length > 0 && labels[0].startsWith("Iran's Foreign Ministry dismisses") ? labels : undefined;
    });
    assert.equal(selected.length, 1);
    // Moving to another claim's passage moves the selection with it.
    const accusation = model!.claims.find((claim) => claim.record.id === rebuttal.record.answers)!;
    const there = editor.document.positionAt(accusation.anchor.start! + 2);
    editor.selection = new vscode.Selection(there, there);
    await waitFor('the accusation to be selected', () => (api.claimsViewSelection()[0] === accusation.record.summary ? true : undefined));
  });
});

describe('Claims view actions', () => {
  afterEach(revertAndCloseAll);

  it('groups the top-level claims by claimant, and back', async () => {
    const api = await marginaliaApi();
    await articleAt('Albania');
    await vscode.commands.executeCommand('marginalia.groupClaimsByClaimant');
    const grouped = await api.claimsViewRows();
    const albanianGovernment = grouped.find((row) => row.label === 'Albanian government');
    assert.ok(albanianGovernment, grouped.map((row) => row.label).join(' | '));
    assert.ok(albanianGovernment.children.every((row) => row.description?.startsWith('Albanian government')));
    assert.ok(grouped.some((row) => row.label === 'Unattributed' && row.children.some((c) => c.label.startsWith('It is widely thought'))));
    await vscode.commands.executeCommand('marginalia.ungroupClaims');
    const tree = await api.claimsViewRows();
    assert.ok(tree[0].label.startsWith('Albania says Iran orchestrated'));
  });

  it('puts a claim whose passage was deleted in the Orphaned group', async () => {
    const api = await marginaliaApi();
    const { editor } = await articleAt('Albania');
    const text = editor.document.getText();
    const at = text.indexOf('Tehran considers MEK to be a terrorist organization.');
    await editor.edit((edit) => edit.delete(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'Tehran considers MEK to be a terrorist organization.'.length))));
    const orphaned = await waitFor('the Orphaned group', async () => (await api.claimsViewRows()).find((row) => row.label === 'Orphaned'));
    assert.deepEqual(orphaned.children.map((row) => row.label), ['Tehran considers the MEK a terrorist organization.']);
  });
});

describe('The Markdown preview', () => {
  afterEach(revertAndCloseAll);

  it('highlights mentions and claim passages in VS Code\'s own Markdown engine', async () => {
    const { editor } = await articleAt('Albania');
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', editor.document);
    assert.match(html, /<span class="marginalia-mention marginalia-system marginalia-type-server" data-entity="administrata-al" title="administrata\.al · system · server">administrata\.al<\/span>/);
    assert.match(html, /data-claim="iran-dismisses-allegations"/);
    assert.ok(!/<code>[^<]*marginalia/.test(html));
  });
});

describe('From the annotation file to the article', () => {
  afterEach(revertAndCloseAll);

  it('shows each entity\'s mention count and each claim\'s passage as code lenses that go there', async () => {
    const api = await marginaliaApi();
    const article = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('the model', () => api.modelFor(article.document));
    const annotations = await openInEditor(SAMPLE_ANNOTATIONS);
    const lenses = await waitFor('code lenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', annotations.document.uri, 100);
      return found.length > 0 ? found : undefined;
    });
    const timsLine = annotations.document.getText().split('\n').findIndex((line) => line.includes('"id": "tims"'));
    const timsLens = lenses.filter((lens) => lens.range.start.line < timsLine).pop();
    assert.equal(timsLens?.command?.title, '$(references) 4 mentions');
    const claimLine = annotations.document.getText().split('\n').findIndex((line) => line.includes('"id": "iran-dismisses-allegations"'));
    const claimLens = lenses.filter((lens) => lens.range.start.line < claimLine).pop();
    assert.equal(claimLens?.command?.title, '$(go-to-file) Show passage');
    await vscode.commands.executeCommand(claimLens!.command!.command, ...(claimLens!.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith(SAMPLE_ARTICLE));
    assert.equal(editor.document.getText(editor.selection), 'The Iranian Foreign Ministry dismissed these allegations as "baseless" and "unsubstantiated"');
  });
});
