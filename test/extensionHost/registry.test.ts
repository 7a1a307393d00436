import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { marginaliaApi, openInEditor, revertAndCloseAll, waitFor, workspaceUri } from './extensionTestSupport';

// A folder's registry of shared actors and systems (issue 14): an article with no annotation file of
// its own shows the registry's entities at once, with their cards, and follows the registry's edits.

const FOLDER = 'articles/corpus-test';
const REGISTRY = {
  version: 1,
  entities: [
    { id: 'iran', kind: 'actor', type: 'state', name: 'Iran', summary: 'A state shared by the corpus.' },
    { id: 'albania', kind: 'actor', type: 'state', name: 'Albania' },
  ],
};

async function writeJson(relativePath: string, value: unknown): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceUri(relativePath), new TextEncoder().encode(JSON.stringify(value, null, 2)));
}

describe('A registry of shared entities (issue 14)', () => {
  afterEach(async () => {
    await revertAndCloseAll();
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true }).then(undefined, () => undefined);
  });

  it('highlights the registry\'s entities in an article that has no annotation file, with their cards and their entry as definition', async () => {
    const api = await marginaliaApi();
    await writeJson(`${FOLDER}/marginalia.registry.json`, REGISTRY);
    await vscode.workspace.fs.writeFile(workspaceUri(`${FOLDER}/statement.md`), new TextEncoder().encode('---\ntitle: A statement\n---\n\nIran denied that it attacked Albania. Tehran said so.\n'));
    const editor = await openInEditor(`${FOLDER}/statement.md`);
    const model = await waitFor('the model from the registry', () => api.modelFor(editor.document));
    const text = editor.document.getText();
    assert.deepEqual(model.mentions.all().map((mention) => text.slice(mention.start, mention.end)), ['Iran', 'Albania']);
    const at = editor.document.positionAt(text.indexOf('Iran') + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const card = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(card, /A state shared by the corpus/);
    assert.match(card, /Shared by the articles of this folder, in\* marginalia\\\.registry\\\.json/);
    assert.doesNotMatch(card, /marginalia\.renameEntity/);
    const definitions = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', editor.document.uri, at);
    assert.equal(definitions[0]?.uri.path.split('/').pop(), 'marginalia.registry.json');
    // An alias added to the registry is highlighted in the article it serves.
    await writeJson(`${FOLDER}/marginalia.registry.json`, { ...REGISTRY, entities: [{ ...REGISTRY.entities[0], aliases: ['Tehran'] }, REGISTRY.entities[1]] });
    await waitFor('the alias from the registry', async () => ((await api.modelFor(editor.document))?.mentions.length === 3 ? true : undefined));
  });

  it('shows in the registry, once each, its own problems and those of every article that clashes with it', async () => {
    const api = await marginaliaApi();
    await writeJson(`${FOLDER}/marginalia.registry.json`, { ...REGISTRY, entities: [...REGISTRY.entities, { id: 'albania', kind: 'actor', type: 'state', name: 'Shqipëria' }] });
    for (const name of ['first', 'second']) {
      await vscode.workspace.fs.writeFile(workspaceUri(`${FOLDER}/${name}.md`), new TextEncoder().encode('---\ntitle: T\n---\n\nIran said so.\n'));
      await writeJson(`${FOLDER}/${name}.annotations.json`, { version: 1, article: `${name}.md`, entities: [{ id: 'iran', kind: 'actor', type: 'government', name: 'Iranian government' }], claims: [], notes: [] });
    }
    for (const name of ['first', 'second']) {
      const editor = await openInEditor(`${FOLDER}/${name}.md`);
      await waitFor(`the model of ${name}.md`, () => api.modelFor(editor.document));
    }
    const registryUri = workspaceUri(`${FOLDER}/marginalia.registry.json`);
    // The registry was written a moment ago: its own problem shows once VS Code's file watcher has told of it.
    const messages = await waitFor('both clashes and the registry\'s own problem in the registry', () => {
      const found = vscode.languages.getDiagnostics(registryUri).filter((d) => d.source === 'marginalia').map((d) => d.message);
      return found.some((m) => m.includes('first.annotations.json')) && found.some((m) => m.includes('second.annotations.json')) && found.some((m) => m.includes('"albania" is already used')) ? found : undefined;
    });
    assert.equal(messages.filter((m) => /The id "albania" is already used/.test(m)).length, 1, messages.join('\n'));
    assert.equal(messages.length, 3, messages.join('\n'));
  });

  it('warns in a registry that hides another further up, for the articles under it', async () => {
    const api = await marginaliaApi();
    await writeJson(`${FOLDER}/marginalia.registry.json`, REGISTRY);
    await writeJson(`${FOLDER}/inner/marginalia.registry.json`, { version: 1, entities: [{ id: 'tirana', kind: 'actor', type: 'government', name: 'Tirana' }] });
    await vscode.workspace.fs.writeFile(workspaceUri(`${FOLDER}/inner/note.md`), new TextEncoder().encode('---\ntitle: A note\n---\n\nTirana answered Iran.\n'));
    const editor = await openInEditor(`${FOLDER}/inner/note.md`);
    const model = await waitFor('the inner registry\'s entities', async () => ((await api.modelFor(editor.document))?.entityById.get('tirana') !== undefined ? api.modelFor(editor.document) : undefined));
    assert.equal(model?.entityById.get('iran') !== undefined, false, 'the registry further up is not read for this article');
    const inner = workspaceUri(`${FOLDER}/inner/marginalia.registry.json`);
    const warning = await waitFor('the warning in the inner registry', () => vscode.languages.getDiagnostics(inner).find((d) => d.code === 'registry-hides'));
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(warning.message, /instead of articles\/corpus-test\/marginalia\.registry\.json above it/);
  });

  it('reads a registry that appeared without a file event (in a folder the watcher excludes) when its article comes to the front', async () => {
    const api = await marginaliaApi();
    const files = vscode.workspace.getConfiguration('files');
    const excluded = files.inspect<Record<string, boolean>>('watcherExclude')?.workspaceValue;
    await files.update('watcherExclude', { ...excluded, [`**/${FOLDER.split('/').pop()}/**`]: true }, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.workspace.fs.writeFile(workspaceUri(`${FOLDER}/statement.md`), new TextEncoder().encode('---\ntitle: A statement\n---\n\nIran denied that it attacked Albania.\n'));
      await writeJson(`${FOLDER}/statement.annotations.json`, { version: 1, article: 'statement.md', entities: [], claims: [], notes: [] });
      const editor = await openInEditor(`${FOLDER}/statement.md`);
      const before = await waitFor('the model without a registry', () => api.modelFor(editor.document));
      assert.equal(before.entities.length, 0);
      await writeJson(`${FOLDER}/marginalia.registry.json`, REGISTRY);
      // The reader looks at another file, then back at the article.
      await openInEditor('articles/dw-albania-iran-cyberattacks.md');
      const back = await openInEditor(`${FOLDER}/statement.md`);
      const model = await waitFor('the registry\'s entities in the article', async () => {
        const current = await api.modelFor(back.document);
        return current?.entityById.get('iran') ? current : undefined;
      });
      const text = back.document.getText();
      assert.deepEqual(model.mentions.all().map((mention) => text.slice(mention.start, mention.end)), ['Iran', 'Albania']);
    } finally {
      await files.update('watcherExclude', excluded, vscode.ConfigurationTarget.Workspace);
    }
  });
});
