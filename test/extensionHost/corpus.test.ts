import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { marginaliaApi, openInEditor, revertAndCloseAll, waitFor, workspaceUri } from './extensionTestSupport';
import type { TreeRow } from '../../src/extension/testApi';

// A corpus of articles (issue 14): references, symbols, cards and the sidebar across articles, and
// claims that answer claims of other articles.

const FOLDER = 'articles/corpus-answers';

async function write(relativePath: string, content: string | object): Promise<void> {
  const text = typeof content === 'string' ? content : JSON.stringify(content, null, 2);
  await vscode.workspace.fs.writeFile(workspaceUri(relativePath), new TextEncoder().encode(text));
}

function claim(id: string, claimant: string, summary: string, exact: string, extra: object = {}) {
  return { id, claimant, summary, passage: { exact }, ...extra };
}

/** Two articles under one registry; the advisory's attribution disputes the statement's denial. */
async function writeCorpus(answers = 'statements/statement.md#denial'): Promise<void> {
  await write(`${FOLDER}/marginalia.registry.json`, {
    version: 1,
    entities: [
      { id: 'xa-iran', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Tehran'] },
      { id: 'xa-albania', kind: 'actor', type: 'state', name: 'Albania' },
      { id: 'xa-usa', kind: 'actor', type: 'state', name: 'United States' },
    ],
  });
  await write(`${FOLDER}/statements/statement.md`, '---\ntitle: Tehran\'s statement\n---\n\nIran denied that it attacked Albania.\n\nTehran called it a lie.\n');
  await write(`${FOLDER}/statements/statement.annotations.json`, { version: 1, article: 'statement.md', entities: [], claims: [claim('denial', 'xa-iran', 'Iran denies the attack', 'Iran denied that it attacked Albania.', { about: ['xa-albania'] })], notes: [] });
  await write(`${FOLDER}/advisory.md`, '---\ntitle: The advisory\n---\n\nThe United States said Iran attacked Albania.\n');
  await write(`${FOLDER}/advisory.annotations.json`, {
    version: 1,
    article: 'advisory.md',
    entities: [],
    claims: [claim('attribution', 'xa-usa', 'Iran attacked Albania', 'The United States said Iran attacked Albania.', { about: ['xa-iran'], answers, stance: 'disputes' })],
    notes: [],
  });
}

function cardText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

function find(rows: readonly TreeRow[], label: string): TreeRow | undefined {
  for (const row of rows) {
    if (row.label === label) return row;
    const inside = find(row.children, label);
    if (inside) return inside;
  }
  return undefined;
}

function allRows(rows: readonly TreeRow[], label: string): TreeRow[] {
  return rows.flatMap((row) => [...(row.label === label ? [row] : []), ...allRows(row.children, label)]);
}

describe('A corpus of articles (issue 14)', () => {
  afterEach(async () => {
    // A test that failed before a prompt was asked leaves its answers: they must not answer the next test's prompts.
    (await marginaliaApi()).clearPromptAnswers();
    await revertAndCloseAll();
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true }).then(undefined, () => undefined);
    await (await marginaliaApi()).corpusReady();
  });

  it('finds every mention of an entity in every article, and its claims and entities with Go to Symbol in Workspace', async () => {
    const api = await marginaliaApi();
    await writeCorpus();
    const editor = await openInEditor(`${FOLDER}/advisory.md`);
    await waitFor('the advisory\'s model', () => api.modelFor(editor.document));
    await api.corpusReady();
    const at = editor.document.positionAt(editor.document.getText().indexOf('Iran attacked'));
    // The files were written a moment ago: the index hears of the statement through the file watcher.
    const found = await waitFor('the statement\'s mentions among the references', async () => {
      const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, at);
      // The sample article's Iran is another entity (its own id): only this corpus's are its references.
      const places = references.map((location) => `${location.uri.path.split('/').pop()}:${location.range.start.line}:${location.range.start.character}`);
      return places.some((place) => place.startsWith('statement.md')) ? places : undefined;
    });
    assert.deepEqual(found.sort(), ['advisory.md:4:23', 'statement.md:4:0', 'statement.md:6:0']);

    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'iran');
    const ours = symbols.filter((symbol) => symbol.location.uri.path.includes('/corpus-answers/')).map((symbol) => `${symbol.name} (${symbol.containerName})`);
    assert.ok(ours.includes('Iran (The advisory)'), ours.join('\n'));
    assert.ok(ours.includes('Iran (Tehran\'s statement)'), ours.join('\n'));
    const claims = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'denies');
    assert.deepEqual(claims.filter((symbol) => symbol.location.uri.path.includes('/corpus-answers/')).map((symbol) => `${symbol.name} (${symbol.containerName}) line ${symbol.location.range.start.line}`), ['Iran denies the attack (Tehran\'s statement) line 4']);
  });

  it('shows on a card where else an actor is mentioned and what it claims there, and a claim\'s answer from another article both ways', async () => {
    const api = await marginaliaApi();
    await writeCorpus();
    const advisory = await openInEditor(`${FOLDER}/advisory.md`);
    await waitFor('the advisory\'s model', () => api.modelFor(advisory.document));
    await api.corpusReady();
    const iran = advisory.document.positionAt(advisory.document.getText().indexOf('Iran attacked') + 1);
    // The statement, written a moment ago, may still be on its way to the index through the file watcher.
    const card = await waitFor('the statement on the card', async () => {
      const text = cardText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', advisory.document.uri, iran));
      return text.includes('Tehran\\\'s statement') ? text : undefined;
    });
    assert.match(card, /\*\*Elsewhere in the corpus\*\* · mentioned in 2 articles/);
    assert.match(card, /\[Tehran\\'s statement\]\(command:marginalia\.nextMention\?[^)]*\) — 2 mentions/);
    assert.match(card, /\*\*Claims it makes elsewhere\*\* \(1\)\n\n- \[Iran denies the attack\]\(command:marginalia\.revealClaim/);
    // The attribution's card names the claim it disputes, in the other article.
    const claimAt = advisory.document.positionAt(advisory.document.getText().indexOf('said'));
    const claimCard = cardText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', advisory.document.uri, claimAt));
    assert.match(claimCard, /\*disputes:\*\n\n- \[Iran denies the attack\]\(command:marginalia\.revealClaim[^)]*\) — \*Tehran\\'s statement\*/);
    // And the denial's card, in its own article, is answered from the advisory.
    const statement = await openInEditor(`${FOLDER}/statements/statement.md`);
    await waitFor('the statement\'s model', () => api.modelFor(statement.document));
    const denialCard = cardText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', statement.document.uri, statement.document.positionAt(statement.document.getText().indexOf('denied'))));
    assert.match(denialCard, /\*\*Answered by\*\* \(1\)\n\n- \[Iran attacked Albania\]\(command:marginalia\.revealClaim[^)]*\) \*disputes\* — \*The advisory\*/);
    // Following the link opens the advisory at the answer.
    const link = /\(command:marginalia\.revealClaim\?([^ )]*)/.exec(denialCard.slice(denialCard.indexOf('Answered by')))!;
    const [args] = JSON.parse(decodeURIComponent(link[1])) as [{ uri: string; claimId: string }];
    await vscode.commands.executeCommand('marginalia.revealClaim', args);
    await waitFor('the advisory, with the answer selected', () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.path.endsWith('/advisory.md') && active.document.getText(active.selection) === 'The United States said Iran attacked Albania.' ? true : undefined;
    });
  });

  it('nests claims under the claims of other articles that they answer, in the Claims view of each article', async () => {
    const api = await marginaliaApi();
    await writeCorpus();
    const statement = await openInEditor(`${FOLDER}/statements/statement.md`);
    await waitFor('the statement\'s model', () => api.modelFor(statement.document));
    await api.corpusReady();
    // The claimant's name comes once the registry that defines it is read (files just written reach the
    // extension through the file watcher): wait for the row as it ends, not its first reading.
    const inStatement = await waitFor('the answer from the advisory under the denial, with its claimant\'s name', async () => {
      const rows = await api.claimsViewRows();
      return find(rows, 'Iran denies the attack')?.children.some((row) => row.description?.startsWith('United States')) ? rows : undefined;
    });
    assert.deepEqual(find(inStatement, 'Iran denies the attack')!.children.map((row) => `${row.label} — ${row.description}`), ['Iran attacked Albania — United States · disputes · The advisory']);
    const advisory = await openInEditor(`${FOLDER}/advisory.md`);
    await waitFor('the advisory\'s model', () => api.modelFor(advisory.document));
    const inAdvisory = await waitFor('the advisory\'s claims under the denial', async () => {
      const rows = await api.claimsViewRows();
      return rows[0]?.label === 'Iran denies the attack' ? rows : undefined;
    });
    assert.equal(inAdvisory[0].description, 'Iran · Tehran\'s statement');
    assert.deepEqual(inAdvisory[0].children.map((row) => row.label), ['Iran attacked Albania']);
  });

  it('reports an answer to a claim that is not in the other article at its "answers", with a quick fix to the nearest claim', async () => {
    const api = await marginaliaApi();
    await writeCorpus('statements/statement.md#denail');
    const advisory = await openInEditor(`${FOLDER}/advisory.md`);
    await waitFor('the advisory\'s model', () => api.modelFor(advisory.document));
    await api.corpusReady();
    const annotationUri = workspaceUri(`${FOLDER}/advisory.annotations.json`);
    // Files just written reach the extension through the file watcher, one event at a time: the statement
    // may be indexed a moment before its annotation file is, and the problem then names no nearest claim.
    // Wait for the problem as it is once every file is read.
    const problem = await waitFor('the problem in the advisory\'s annotation file, with the nearest claim', () => vscode.languages.getDiagnostics(annotationUri).find((d) => d.message.includes('"denail"') && d.message.includes('Did you mean')));
    assert.equal(problem.message, 'No claim with the id "denail" in Tehran\'s statement to answer. Did you mean "denial"?');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(annotationUri));
    assert.equal(problem.range.start.line, text.split('\n').findIndex((line) => line.includes('"answers"')));
    // Its quick fix puts the nearest claim's id in place (code actions are asked of an open document).
    await vscode.workspace.openTextDocument(annotationUri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', annotationUri, problem.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Change to "statements/statement.md#denial"');
    assert.ok(fix?.edit, actions.map((action) => action.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const fixed = await vscode.workspace.openTextDocument(annotationUri);
    assert.equal(JSON.parse(fixed.getText()).claims[0].answers, 'statements/statement.md#denial');
    await waitFor('the problem gone once the id is right', () => (vscode.languages.getDiagnostics(annotationUri).some((d) => d.message.includes('"denail"')) ? undefined : true));
  });

  it('lists the entities of all articles, with the articles that mention each and how often, when the view\'s scope says so', async () => {
    const api = await marginaliaApi();
    await writeCorpus();
    const advisory = await openInEditor(`${FOLDER}/advisory.md`);
    await waitFor('the advisory\'s model', () => api.modelFor(advisory.document));
    // The view follows the editor that has just become active.
    await waitFor('the advisory\'s entities in the view: Iran, mentioned once', async () => (find(await api.entitiesViewRows(), 'Iran')?.description === 'state · 1 mention' ? true : undefined));
    // The sample article has an Iran of its own (another id): this corpus's is the one mentioned in its articles.
    const ofThisCorpus = (rows: readonly TreeRow[]) => allRows(rows, 'Iran').find((row) => row.children.some((child) => child.label === 'The advisory'));
    await vscode.commands.executeCommand('marginalia.showEntitiesOfAllArticles');
    try {
      const all = await waitFor('the corpus in the Entities view', async () => {
        const rows = await api.entitiesViewRows();
        return ofThisCorpus(rows);
      });
      assert.equal(all.description, 'state · 3 mentions in 2 articles');
      assert.deepEqual(all.children.map((row) => `${row.label}: ${row.description}`), ['The advisory: 1 mention', 'Tehran\'s statement: 2 mentions']);
      assert.deepEqual(all.children[1].children.map((row) => row.label), ['Line 5, column 1', 'Line 7, column 1']);
    } finally {
      await vscode.commands.executeCommand('marginalia.showEntitiesOfThisArticle');
    }
  });

  it('writes an alias, a new shared entity and a rename of a registry entity to the registry only, each one undoable edit', async () => {
    const api = await marginaliaApi();
    await writeCorpus();
    await write(`${FOLDER}/advisory.md`, '---\ntitle: The advisory\n---\n\nThe United States said Iran attacked Albania. The Islamic Republic denied it from Tirana.\n');
    let advisory = await openInEditor(`${FOLDER}/advisory.md`);
    // A document an earlier test opened is read again from disk a moment after the write.
    await waitFor('the advisory as written', () => (advisory.document.getText().includes('Islamic Republic') ? true : undefined));
    // And its model, with the registry's entities (the registry, written a moment ago, is read once the file watcher tells of it).
    await waitFor('the advisory\'s model', async () => {
      const model = await api.modelFor(advisory.document);
      return model?.article.source.text.includes('Islamic Republic') && model.entityById.get('xa-iran') !== undefined ? true : undefined;
    });
    const registryUri = workspaceUri(`${FOLDER}/marginalia.registry.json`);
    const annotationUri = workspaceUri(`${FOLDER}/advisory.annotations.json`);
    const annotationsBefore = new TextDecoder().decode(await vscode.workspace.fs.readFile(annotationUri));
    const registryText = async () => (await vscode.workspace.openTextDocument(registryUri)).getText();
    const registryEntities = async () => (JSON.parse(await registryText()) as { entities: Array<{ id: string; name: string; aliases?: string[] }> }).entities;
    const selectText = (needle: string) => {
      const at = advisory.document.getText().indexOf(needle);
      advisory.selection = new vscode.Selection(advisory.document.positionAt(at), advisory.document.positionAt(at + needle.length));
    };

    // Add as Alias: the registry's Iran gets the alias; the article's own file is left alone.
    selectText('Islamic Republic');
    api.answerNextPrompts(['Iran']);
    await vscode.commands.executeCommand('marginalia.addAlias');
    assert.deepEqual((await registryEntities()).find((entity) => entity.id === 'xa-iran')?.aliases, ['Tehran', 'Islamic Republic']);
    await waitFor('the alias highlighted', async () => ((await api.modelFor(advisory.document))?.mentionsByEntity.get('xa-iran')?.length === 2 ? true : undefined));
    // Undone with VS Code's own undo in the registry.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(registryUri), { preview: false });
    await vscode.commands.executeCommand('undo');
    assert.deepEqual((await registryEntities()).find((entity) => entity.id === 'xa-iran')?.aliases, ['Tehran']);
    advisory = await vscode.window.showTextDocument(advisory.document);

    // Mark as New Entity, for every article of the folder.
    selectText('Tirana');
    api.answerNextPrompts(['Tirana', 'Actor', 'government', '', '$(files) Every article of this folder']);
    await vscode.commands.executeCommand('marginalia.markEntity');
    assert.ok((await registryEntities()).some((entity) => entity.name === 'Tirana'), `${api.lastRefusal()} ${api.promptsAsked().slice(-6).join(' / ')}`);

    // Rename: only the registry's entry changes.
    api.answerNextPrompts(['Islamic Republic of Iran']);
    await vscode.commands.executeCommand('marginalia.renameEntity', { uri: advisory.document.uri.toString(), entityId: 'xa-iran' });
    assert.equal((await registryEntities()).find((entity) => entity.id === 'xa-iran')?.name, 'Islamic Republic of Iran');
    assert.equal((await vscode.workspace.openTextDocument(annotationUri)).getText(), annotationsBefore, 'the article\'s annotation file is unchanged');
    // The registry is read again once its editing pauses.
    await waitFor('the new name in the article', async () => ((await api.modelFor(advisory.document))?.entityById.get('xa-iran')?.name === 'Islamic Republic of Iran' ? true : undefined));

    // Explicit mentions of a shared entity are this article's: they go into its annotation file, under the registry's id.
    selectText('Islamic Republic');
    api.answerNextPrompts(['Islamic Republic of Iran', ['Line 5']]);
    await vscode.commands.executeCommand('marginalia.markAllOccurrences');
    const annotations = JSON.parse((await vscode.workspace.openTextDocument(annotationUri)).getText()) as { entities: Array<{ id: string; mentions?: Array<{ exact: string }> }> };
    assert.deepEqual(annotations.entities, [{ id: 'xa-iran', mentions: [annotations.entities[0]?.mentions?.[0]] }]);
    assert.equal(annotations.entities[0].mentions![0].exact, 'Islamic Republic');
    const model = await waitFor('the explicit mention of the shared entity', async () => {
      const current = await api.modelFor(advisory.document);
      return current?.mentionsByEntity.get('xa-iran')?.some((mention) => mention.source === 'explicit') ? current : undefined;
    });
    assert.deepEqual(model.problems.filter((problem) => problem.severity === 'error'), []);
  });

  it('moves an entity to a new registry, merging the same entity from another article, as one edit of every file', async () => {
    const api = await marginaliaApi();
    const folder = `${FOLDER}/move`;
    await write(`${folder}/first.md`, '---\ntitle: First report\n---\n\nIran denied it. The Islamic Republic said so.\n');
    await write(`${folder}/first.annotations.json`, {
      version: 1,
      article: 'first.md',
      entities: [{ id: 'xm-iran', kind: 'actor', type: 'state', name: 'Iran', mentions: [{ exact: 'The Islamic Republic' }] }],
      claims: [claim('denial', 'xm-iran', 'Iran denies it', 'Iran denied it.')],
      notes: [],
    });
    await write(`${folder}/second.md`, '---\ntitle: Second report\n---\n\nTehran answered. Iran is blamed.\n');
    await write(`${folder}/second.annotations.json`, {
      version: 1,
      article: 'second.md',
      entities: [{ id: 'xm-iran-state', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Tehran'] }],
      claims: [claim('answer', 'xm-iran-state', 'Tehran answers', 'Tehran answered.')],
      notes: [],
    });
    const first = await openInEditor(`${folder}/first.md`);
    await waitFor('the first article\'s model', () => api.modelFor(first.document));
    await api.corpusReady();
    // Files written a moment ago reach an index that is already running through the file watcher.
    await waitFor('the second article in the corpus', async () => {
      const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Tehran answers');
      return symbols.some((symbol) => symbol.containerName === 'Second report') ? true : undefined;
    });
    api.answerNextPrompts(['$(new-file) Create marginalia.registry.json in move', ['Second report']]);
    const refusedBefore = api.lastRefusal();
    await vscode.commands.executeCommand('marginalia.moveEntityToRegistry', { uri: first.document.uri.toString(), entityId: 'xm-iran' });
    assert.equal(api.lastRefusal(), refusedBefore, 'nothing refused');
    const read = async (path: string) => JSON.parse((await vscode.workspace.openTextDocument(workspaceUri(path))).getText());
    const created = await vscode.workspace.fs.stat(workspaceUri(`${folder}/marginalia.registry.json`)).then(() => true, () => false);
    assert.ok(created, `no registry made; prompts: ${api.promptsAsked().slice(-3).join(' / ')}; refusal: ${api.lastRefusal()}`);
    const registry = await read(`${folder}/marginalia.registry.json`);
    assert.deepEqual(registry.entities, [{ id: 'xm-iran', kind: 'actor', type: 'state', name: 'Iran', aliases: ['Tehran'] }]);
    const firstFile = await read(`${folder}/first.annotations.json`);
    assert.deepEqual(firstFile.entities, [{ id: 'xm-iran', mentions: [{ exact: 'The Islamic Republic' }] }], 'its mention stays in the article');
    const secondFile = await read(`${folder}/second.annotations.json`);
    assert.deepEqual(secondFile.entities, []);
    assert.equal(secondFile.claims[0].claimant, 'xm-iran', 'the other article\'s references follow the merge');
    // Both articles read the shared entity, without problems.
    const second = await openInEditor(`${folder}/second.md`);
    const secondModel = await waitFor('the second article merged with the registry, its names highlighted', async () => {
      const model = await api.modelFor(second.document);
      const names = model?.mentionsByEntity.get('xm-iran')?.map((m) => second.document.getText().slice(m.start, m.end));
      return model?.annotationFile.sharedEntityIds?.has('xm-iran') && names?.join() === 'Tehran,Iran' ? model : undefined;
    });
    assert.deepEqual(secondModel.problems.filter((problem) => problem.severity === 'error'), []);
    const firstModel = await waitFor('the first article merged with the registry, its mention kept', async () => {
      const model = await api.modelFor(first.document);
      const names = model?.mentionsByEntity.get('xm-iran')?.map((m) => first.document.getText().slice(m.start, m.end));
      return model?.annotationFile.sharedEntityIds?.has('xm-iran') && names?.join() === 'Iran,The Islamic Republic' ? model : undefined;
    });
    assert.deepEqual(firstModel.problems.filter((problem) => problem.severity === 'error'), []);
  });
});
