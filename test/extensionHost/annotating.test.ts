import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_ANNOTATIONS, SAMPLE_ARTICLE, marginaliaApi, openInEditor, restoreFile, revertAndCloseAll, sampleArticleHistory, textsOf, waitFor, withTemporaryArticle, workspaceUri } from './extensionTestSupport';

async function select(editor: vscode.TextEditor, needle: string, occurrence = 0): Promise<void> {
  const text = editor.document.getText();
  let at = -1;
  for (let k = 0; k <= occurrence; k++) at = text.indexOf(needle, at + 1);
  // What the document holds, should it not be the article (seen once: to tell a reload race from a test's leak).
  if (at < 0) {
    const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(editor.document.uri));
    assert.fail(`"${needle}" is not in the article (${editor.document.uri.path}: ${text.length} characters, version ${editor.document.version}, ${editor.document.isDirty ? 'dirty' : 'saved'}, starting ${JSON.stringify(text.slice(0, 60))}; ${disk.length} characters on disk). Its recent history:\n  ${sampleArticleHistory()}`);
  }
  editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + needle.length));
}

async function annotationDocument(): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(workspaceUri(SAMPLE_ANNOTATIONS));
}

/** Undoes the last change of the annotation file, from its own editor, and goes back to the article. */
async function undoInAnnotationFile(article: vscode.TextEditor, times = 1): Promise<void> {
  await vscode.window.showTextDocument(await annotationDocument(), { preview: false });
  for (let k = 0; k < times; k++) await vscode.commands.executeCommand('undo');
  await vscode.window.showTextDocument(article.document, { preview: false });
}

describe('Annotating from the article', () => {
  let originalArticle: Uint8Array;
  let originalAnnotations: Uint8Array;
  let original: string;
  before(async () => {
    originalArticle = await vscode.workspace.fs.readFile(workspaceUri(SAMPLE_ARTICLE));
    originalAnnotations = await vscode.workspace.fs.readFile(workspaceUri(SAMPLE_ANNOTATIONS));
    original = new TextDecoder().decode(originalAnnotations);
  });
  afterEach(async () => {
    (await marginaliaApi()).clearPromptAnswers();
    await revertAndCloseAll();
    await restoreFile(SAMPLE_ARTICLE, originalArticle);
    await restoreFile(SAMPLE_ANNOTATIONS, originalAnnotations);
  });

  async function article() {
    const api = await marginaliaApi();
    const editor = await openInEditor(SAMPLE_ARTICLE);
    await waitFor('the model', () => api.modelFor(editor.document));
    return { api, editor };
  }

  it('marks the selection as a new entity, highlighted at once; undo restores the file exactly', async () => {
    const { api, editor } = await article();
    await select(editor, 'Tirana');
    api.answerNextPrompts(['Tirana', 'Actor', 'government', 'The capital of Albania']);
    assert.equal(await vscode.commands.executeCommand('marginalia.markEntity'), true);
    const annotations = await annotationDocument();
    assert.ok(annotations.isDirty, 'left unsaved for the user');
    const entity = JSON.parse(annotations.getText()).entities.at(-1);
    assert.deepEqual(entity, { id: 'tirana', kind: 'actor', type: 'government', name: 'Tirana', summary: 'The capital of Albania' });
    assert.match(annotations.getText(), /\n {4}\{\n {6}"id": "tirana",\n {6}"kind": "actor",/, 'two-space indent, the format\'s key order');
    const painted = await waitFor('Tirana highlighted', () => {
      const actors = textsOf(editor.document, api.paintedMentions(editor)?.actor ?? []);
      return actors.includes('Tirana') ? actors : undefined;
    });
    // Every "Tirana" that is not part of a longer name ("Iranian Embassy in Tirana").
    assert.ok(painted.filter((t) => t === 'Tirana').length >= 2);
    await undoInAnnotationFile(editor);
    assert.equal((await annotationDocument()).getText(), original);
  });

  it('undoes its last change from the article, with Undo Last Annotation Change, and says where the change went', async () => {
    const { api, editor } = await article();
    await select(editor, 'Tirana');
    api.answerNextPrompts(['Tirana', 'Actor', 'government', '']);
    assert.equal(await vscode.commands.executeCommand('marginalia.markEntity'), true);
    assert.notEqual((await annotationDocument()).getText(), original);
    assert.equal(await vscode.commands.executeCommand('marginalia.undoLastChange'), true);
    assert.equal((await annotationDocument()).getText(), original, 'VS Code\'s own undo in the annotation file');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'back in the article');
    // Redo lives where the undo was: the change comes back in the annotation file.
    await vscode.window.showTextDocument(await annotationDocument());
    await vscode.commands.executeCommand('redo');
    assert.match((await annotationDocument()).getText(), /"id": "tirana"/);
    assert.equal(await vscode.commands.executeCommand('marginalia.undoLastChange'), false, 'nothing left to undo from here');
  });

  it('answers a claim added a moment before, in an annotation file large enough that reading it again waits for typing to pause', async () => {
    const api = await marginaliaApi();
    const sentences = Array.from({ length: 3000 }, (_, i) => `Sentence ${i} is a claim.`);
    const claims = sentences.map((exact, i) => ({ id: `c${i}`, claimant: null, summary: `Claim ${i}`, passage: { exact } }));
    const article = `---\ntitle: Large\n---\n\n${sentences.join('\n\n')}\n\nA new claim here. And its answer there.\n`;
    await withTemporaryArticle('large-file', article, { version: 1, article: 'large-file.md', entities: [], claims, notes: [] }, async () => {
      const editor = await openInEditor('articles/large-file.md');
      await waitFor('the model', () => api.modelFor(editor.document));
      // A first change, after which the extension knows how long the file takes to read.
      await select(editor, 'Sentence 1 is a claim.');
      api.answerNextPrompts(['Check this one']);
      assert.equal(await vscode.commands.executeCommand('marginalia.addNote'), true);
      await select(editor, 'A new claim here.');
      api.answerNextPrompts(['Unattributed', [], 'A new claim']);
      assert.equal(await vscode.commands.executeCommand('marginalia.addClaim'), true);
      // At once: the command reads the file as it is now, not as it was before the put-off read.
      await select(editor, 'And its answer there.');
      api.answerNextPrompts(['A new claim', 'disputes', 'Unattributed', [], 'Its answer']);
      assert.equal(await vscode.commands.executeCommand('marginalia.answerClaim'), true, api.lastRefusal());
      const file = await vscode.workspace.openTextDocument(workspaceUri('articles/large-file.annotations.json'));
      assert.equal(JSON.parse(file.getText()).claims.at(-1).answers, 'a-new-claim');
    });
  });

  it('adds the selection as an alias of an existing entity', async () => {
    const { api, editor } = await article();
    // "Bonn", in the byline, becomes another name of Deutsche Welle (whose seat it is) for this test.
    const before = (await api.modelFor(editor.document))!.mentionsByEntity.get('deutsche-welle')?.length ?? 0;
    await select(editor, 'Bonn');
    api.answerNextPrompts(['Deutsche Welle']);
    assert.equal(await vscode.commands.executeCommand('marginalia.addAlias'), true);
    const entity = JSON.parse((await annotationDocument()).getText()).entities.find((e: { id: string }) => e.id === 'deutsche-welle');
    assert.ok(entity.aliases.includes('Bonn'));
    await waitFor('more mentions of Deutsche Welle', async () => ((await api.modelFor(editor.document))!.mentionsByEntity.get('deutsche-welle')!.length > before ? true : undefined));
  });

  it('adds a claim and a counterclaim that answers it, nested in the Claims view; two undos restore the file', async () => {
    const { api, editor } = await article();
    await select(editor, 'The move came after a series of cyberattacks on Albanian institutions this summer.');
    api.answerNextPrompts(['Unattributed', [], 'The break followed a summer of attacks']);
    assert.equal(await vscode.commands.executeCommand('marginalia.addClaim'), true);
    await select(editor, 'The first attack, which targeted the government server administrata.al, took place in May.');
    api.answerNextPrompts(['The break followed a summer of attacks', 'qualifies', 'Albanian government', ['administrata.al'], 'The first attack came in May']);
    assert.equal(await vscode.commands.executeCommand('marginalia.answerClaim'), true);
    const claims = JSON.parse((await annotationDocument()).getText()).claims;
    const [claim, answer] = claims.slice(-2);
    assert.deepEqual([claim.id, claim.claimant, claim.passage.exact.slice(0, 17)], ['the-break-followed-a-summer-of', null, 'The move came aft']);
    assert.deepEqual([answer.claimant, answer.about, answer.answers, answer.stance], ['albanian-government', ['administrata-al'], claim.id, 'qualifies']);
    assert.ok(answer.passage.position.start > claim.passage.position.start);
    const rows = await waitFor('the new claims in the Claims view', async () => {
      const found = (await api.claimsViewRows()).find((row) => row.label === 'The break followed a summer of attacks');
      return found?.children.length ? found : undefined;
    });
    assert.equal(rows.children[0].label, 'The first attack came in May');
    await undoInAnnotationFile(editor, 2);
    assert.equal((await annotationDocument()).getText(), original);
  });

  it('adds a claim by a new entity, creating both in one undoable edit', async () => {
    const { api, editor } = await article();
    await select(editor, 'The move came after a series of cyberattacks on Albanian institutions this summer.');
    api.answerNextPrompts(['New entity…', 'Albanian Ministry of Foreign Affairs', 'Actor', 'government', '', [], 'The ministry dates the attacks to this summer']);
    assert.equal(await vscode.commands.executeCommand('marginalia.addClaim'), true, api.lastRefusal());
    const file = JSON.parse((await annotationDocument()).getText());
    assert.deepEqual(file.entities.at(-1), { id: 'albanian-ministry-of-foreign-affairs', kind: 'actor', type: 'government', name: 'Albanian Ministry of Foreign Affairs' });
    assert.equal(file.claims.at(-1).claimant, 'albanian-ministry-of-foreign-affairs');
    await undoInAnnotationFile(editor);
    assert.equal((await annotationDocument()).getText(), original);
  });

  it('adds a note, edits its text, and deletes it again', async () => {
    const { api, editor } = await article();
    await select(editor, 'Brussels');
    api.answerNextPrompts(['Check the date of this summit']);
    assert.equal(await vscode.commands.executeCommand('marginalia.addNote'), true);
    const note = JSON.parse((await annotationDocument()).getText()).notes.at(-1);
    assert.deepEqual([note.id, note.text, note.passage.exact], ['note-check-the-date-of-this', 'Check the date of this summit', 'Brussels']);
    await waitFor('the note in the model', async () => ((await api.modelFor(editor.document))!.notes.some((n) => n.record.id === note.id) ? true : undefined));
    api.answerNextPrompts(['Check the date of this summit: June 2022']);
    assert.equal(await vscode.commands.executeCommand('marginalia.editSummary', { kind: 'note', id: note.id }), true, api.lastRefusal());
    assert.equal(JSON.parse((await annotationDocument()).getText()).notes.at(-1).text, 'Check the date of this summit: June 2022');
    await waitFor('the edited note in the model', async () => ((await api.modelFor(editor.document))!.notes.some((n) => n.record.text.endsWith('June 2022')) ? true : undefined));
    assert.equal(await vscode.commands.executeCommand('marginalia.deleteAnnotation', { kind: 'note', id: note.id }), true);
    assert.equal((await annotationDocument()).getText(), original);
  });

  it('renames an entity with F2 on a mention, in the annotation file only; the old name stays an alias', async () => {
    const { editor } = await article();
    const articleText = editor.document.getText();
    const position = editor.document.positionAt(articleText.indexOf('Edi Rama') + 2);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, position, 'Prime Minister Edi Rama');
    assert.ok(edit);
    assert.deepEqual(edit.entries().map(([uri]) => uri.path.split('/').pop()), [SAMPLE_ANNOTATIONS.split('/').pop()]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const entity = JSON.parse((await annotationDocument()).getText()).entities.find((e: { id: string }) => e.id === 'edi-rama');
    assert.equal(entity.name, 'Prime Minister Edi Rama');
    assert.ok(entity.aliases.includes('Edi Rama'));
    assert.equal(editor.document.getText(), articleText, 'the article is not touched');
  });

  it('marks the chosen occurrences of a text as explicit mentions, in one edit', async () => {
    const { api, editor } = await article();
    const count = editor.document.getText().split('Tirana').length - 1;
    assert.ok(count >= 3);
    await select(editor, 'Tirana');
    // Keep only the first occurrence offered (the byline's), reject the others.
    const text = editor.document.getText();
    const keep = [`Line ${editor.document.positionAt(text.indexOf('Tirana')).line + 1}`];
    api.answerNextPrompts(['Albania', keep]);
    assert.equal(await vscode.commands.executeCommand('marginalia.markAllOccurrences'), true);
    const entity = JSON.parse((await annotationDocument()).getText()).entities.find((e: { id: string }) => e.id === 'albania');
    const added = entity.mentions.filter((m: { exact: string }) => m.exact === 'Tirana');
    assert.equal(added.length, 1, `${added.length} of ${count}`);
    assert.equal(added[0].position.start, [...text.slice(0, text.indexOf('Tirana'))].length);
    await waitFor('explicit mentions in the model', async () =>
      (await api.modelFor(editor.document))!.mentions.all().filter((m) => m.source === 'explicit' && editor.document.getText().slice(m.start, m.end) === 'Tirana').length === added.length ? true : undefined,
    );
  });

  it('edits a claim\'s summary and deletes a claim from its card\'s links; the claims that answered it become top-level', async () => {
    const { api, editor } = await article();
    const model = (await api.modelFor(editor.document))!;
    const answered = model.claims.find((c) => model.claims.filter((d) => d.record.answers === c.record.id).length >= 1)!;
    const answers = model.claims.filter((c) => c.record.answers === answered.record.id).map((c) => c.record.id);
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, editor.document.positionAt(answered.anchor.start! + 1));
    const card = hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(card, /command:marginalia\.editSummary\?/);
    assert.match(card, /command:marginalia\.deleteAnnotation\?/);
    api.answerNextPrompts(['A shorter summary']);
    assert.equal(await vscode.commands.executeCommand('marginalia.editSummary', { uri: editor.document.uri.toString(), claimId: answered.record.id }), true, `${api.lastRefusal()} after ${api.promptsAsked().slice(-3).join(' | ')}`);
    let claims = JSON.parse((await annotationDocument()).getText()).claims as Array<{ id: string; summary: string; answers?: string; stance?: string }>;
    assert.equal(claims.find((c) => c.id === answered.record.id)!.summary, 'A shorter summary');
    assert.equal(await vscode.commands.executeCommand('marginalia.deleteAnnotation', { uri: editor.document.uri.toString(), claimId: answered.record.id }), true);
    claims = JSON.parse((await annotationDocument()).getText()).claims;
    assert.ok(!claims.some((c) => c.id === answered.record.id));
    for (const id of answers) assert.deepEqual([claims.find((c) => c.id === id)!.answers, claims.find((c) => c.id === id)!.stance], [undefined, undefined]);
    await undoInAnnotationFile(editor, 2);
    assert.equal((await annotationDocument()).getText(), original);
  });

  it('changes an entity\'s type, and a claim\'s claimant, stance and what it is about', async () => {
    const { api, editor } = await article();
    api.answerNextPrompts(['System', 'software']);
    assert.equal(await vscode.commands.executeCommand('marginalia.changeEntityType', { entityId: 'europium' }), true, api.lastRefusal());
    const model = (await api.modelFor(editor.document))!;
    const claim = model.claims.find((c) => c.record.claimant !== null)!;
    api.answerNextPrompts(['Unattributed']);
    assert.equal(await vscode.commands.executeCommand('marginalia.changeClaimant', { claimId: claim.record.id }), true, api.lastRefusal());
    const answer = model.claims.find((c) => c.record.stance === 'disputes')!;
    api.answerNextPrompts(['qualifies']);
    assert.equal(await vscode.commands.executeCommand('marginalia.changeStance', { claimId: answer.record.id }), true, api.lastRefusal());
    api.answerNextPrompts([['Albania', 'Total Information Management System']]);
    assert.equal(await vscode.commands.executeCommand('marginalia.changeAbout', { claimId: answer.record.id }), true, api.lastRefusal());
    const file = JSON.parse((await annotationDocument()).getText());
    const changed = file.claims.find((c: { id: string }) => c.id === answer.record.id);
    assert.deepEqual([changed.stance, changed.about], ['qualifies', ['albania', 'tims']]);
    const entity = file.entities.find((e: { id: string }) => e.id === 'europium');
    assert.deepEqual([entity.kind, entity.type], ['system', 'software']);
    assert.equal(file.claims.find((c: { id: string }) => c.id === claim.record.id).claimant, null);
    await undoInAnnotationFile(editor, 4);
    assert.equal((await annotationDocument()).getText(), original);
  });

  it('refuses bad input with a message and changes nothing', async () => {
    const { api, editor } = await article();
    const annotations = await annotationDocument();
    const cases: Array<[string, () => void | Promise<void>]> = [
      ['an empty selection', () => void (editor.selection = new vscode.Selection(0, 0, 0, 0))],
      ['white space only', async () => {
        const at = editor.document.getText().indexOf('\n\n');
        editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + 2));
      }],
      ['a selection across a mention', () => select(editor, 'Edi Ra')],
    ];
    const expected: Record<string, RegExp> = {
      'an empty selection': /select the text to annotate first/,
      'white space only': /only white space/,
      'a selection across a mention': /is inside the mention "Edi Rama" of Edi Rama/,
    };
    for (const [what, prepare] of cases) {
      await prepare();
      assert.equal(await vscode.commands.executeCommand('marginalia.markEntity'), false, what);
      assert.equal(annotations.getText(), original, what);
      assert.match(api.lastRefusal() ?? '', expected[what], what);
    }
    // Not in a Markdown article: the annotation file itself, and an untitled Markdown document.
    await vscode.window.showTextDocument(annotations);
    vscode.window.activeTextEditor!.selection = new vscode.Selection(2, 3, 2, 10);
    assert.equal(await vscode.commands.executeCommand('marginalia.markEntity'), false);
    assert.match(api.lastRefusal() ?? '', /annotate in a Markdown article \(a \.md file\)/);
    const untitled = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Iran said so.' }));
    untitled.selection = new vscode.Selection(0, 0, 0, 4);
    assert.equal(await vscode.commands.executeCommand('marginalia.addNote'), false);
    assert.match(api.lastRefusal() ?? '', /save the article first/);
    const back = await vscode.window.showTextDocument(editor.document);
    // An entity that claims refer to is not deleted.
    assert.equal(await vscode.commands.executeCommand('marginalia.deleteAnnotation', { kind: 'entity', id: 'edi-rama' }), false);
    assert.equal(annotations.getText(), original);
    // A broken annotation file is never written.
    const broken = new vscode.WorkspaceEdit();
    broken.insert(annotations.uri, new vscode.Position(1, 0), '  oops\n');
    assert.ok(await vscode.workspace.applyEdit(broken));
    const brokenText = annotations.getText();
    await select(back, 'Tirana');
    api.answerNextPrompts(['Tirana', 'Actor', 'government', '']);
    assert.equal(await vscode.commands.executeCommand('marginalia.markEntity'), false);
    assert.match(api.lastRefusal() ?? '', /does not parse \(line 2, column 3: .*\)\. Fix it, or undo the change that broke it/);
    assert.equal(annotations.getText(), brokenText, 'the broken file is left as it was');
  });

  it('loses nothing when the article and the annotation file are edited in turn, quickly', async () => {
    const { api, editor } = await article();
    for (let k = 0; k < 5; k++) {
      await editor.edit((edit) => edit.insert(editor.document.positionAt(editor.document.getText().indexOf('# Albania blames')), `Line ${k} added.\n\n`));
      await select(editor, `Line ${k} added.`);
      api.answerNextPrompts([`note number ${k}`]);
      assert.equal(await vscode.commands.executeCommand('marginalia.addNote'), true);
    }
    const notes = JSON.parse((await annotationDocument()).getText()).notes;
    assert.deepEqual(notes.slice(-5).map((n: { text: string }) => n.text), [0, 1, 2, 3, 4].map((k) => `note number ${k}`));
    const model = await waitFor('all notes anchored', async () => {
      const m = (await api.modelFor(editor.document))!;
      return m.notes.length === notes.length ? m : undefined;
    });
    for (const k of [0, 1, 2, 3, 4]) {
      const note = model.notes.find((n) => n.record.text === `note number ${k}`)!;
      assert.equal(editor.document.getText().slice(note.anchor.start, note.anchor.end), `Line ${k} added.`);
    }
  });

  it('refuses to annotate an article on a read-only file system, saying what to do', async () => {
    const api = await marginaliaApi();
    // A read-only file system, as a file opened from a commit or a pull request's base is in the web.
    const files = new Map([['/article.md', 'Iran said so.\n'], ['/article.annotations.json', JSON.stringify({ version: 1, article: 'article.md', entities: [], claims: [], notes: [] })]]);
    const provider: vscode.FileSystemProvider = {
      onDidChangeFile: new vscode.EventEmitter<vscode.FileChangeEvent[]>().event,
      watch: () => new vscode.Disposable(() => undefined),
      stat: (uri) => {
        if (!files.has(uri.path)) throw vscode.FileSystemError.FileNotFound(uri);
        return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: files.get(uri.path)!.length };
      },
      readDirectory: () => [...files.keys()].map((path) => [path.slice(1), vscode.FileType.File]),
      readFile: (uri) => {
        if (!files.has(uri.path)) throw vscode.FileSystemError.FileNotFound(uri);
        return new TextEncoder().encode(files.get(uri.path));
      },
      createDirectory: (uri) => { throw vscode.FileSystemError.NoPermissions(uri); },
      writeFile: (uri) => { throw vscode.FileSystemError.NoPermissions(uri); },
      delete: (uri) => { throw vscode.FileSystemError.NoPermissions(uri); },
      rename: (uri) => { throw vscode.FileSystemError.NoPermissions(uri); },
    };
    const registration = vscode.workspace.registerFileSystemProvider('marginalia-readonly-test', provider, { isReadonly: true });
    try {
      const editor = await vscode.window.showTextDocument(vscode.Uri.from({ scheme: 'marginalia-readonly-test', path: '/article.md' }));
      editor.selection = new vscode.Selection(0, 0, 0, 4);
      assert.equal(await vscode.commands.executeCommand('marginalia.markEntity'), false);
      assert.match(api.lastRefusal() ?? '', /article\.md is on a read-only file system \(marginalia-readonly-test:\).*Open the article from a folder you can change/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      registration.dispose();
    }
  });

  it('creates the annotation file of a Markdown article that has none, with the first command', async () => {
    await withTemporaryArticle('fresh-article', '---\ntitle: Fresh\n---\n\nThe Ministry of Defence spoke.\n', undefined, async () => {
      const api = await marginaliaApi();
      const editor = await openInEditor('articles/fresh-article.md');
      await select(editor, 'Ministry of Defence');
      api.answerNextPrompts(['Ministry of Defence', 'Actor', 'agency', '']);
      assert.equal(await vscode.commands.executeCommand('marginalia.markEntity'), true);
      const created = await vscode.workspace.openTextDocument(workspaceUri('articles/fresh-article.annotations.json'));
      const file = JSON.parse(created.getText());
      assert.equal(file.article, 'fresh-article.md');
      assert.deepEqual(file.entities, [{ id: 'ministry-of-defence', kind: 'actor', type: 'agency', name: 'Ministry of Defence' }]);
      await waitFor('the new entity highlighted', () => (textsOf(editor.document, api.paintedMentions(editor)?.actor ?? []).includes('Ministry of Defence') ? true : undefined));
    });
  });
});
