import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically, type WriteFileSystem } from '../../src/cli/atomicWrite';
import { runCli } from '../../src/cli/marginaliaCli';

const projectRoot = join(__dirname, '../../..');

function cli(args: string[], cwd = projectRoot) {
  let stdout = '';
  let stderr = '';
  const status = runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, version: '0.0.0-test' });
  return { status, stdout, stderr };
}

/** cli, for a command that loads a library first: its output once it is done. */
async function cliDone(args: string[], cwd = projectRoot) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, version: '0.0.0-test' });
  return { status, stdout, stderr };
}

const scratchFolders: string[] = [];

/** An empty folder of the test's own, removed after the suite. */
function scratchFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'marginalia-cli-'));
  scratchFolders.push(folder);
  return folder;
}

after(() => {
  for (const folder of scratchFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function copyOfArticles(): string {
  const folder = scratchFolder();
  cpSync(join(projectRoot, 'articles'), join(folder, 'articles'), { recursive: true });
  return folder;
}

describe('marginalia CLI', () => {
  it('checks the articles folder: no problems, exit 0', () => {
    const { status, stdout } = cli(['check', 'articles']);
    assert.equal(status, 0, stdout);
    assert.match(stdout, /Checked 1 article \(\d+ entities, \d+ mentions, \d+ claims, \d+ notes\): 0 errors, 0 warnings\./);
  });

  it('reports each problem of a broken copy at file:line:column and exits 1', () => {
    const folder = copyOfArticles();
    const path = join(folder, 'articles/dw-albania-iran-cyberattacks.annotations.json');
    const text = readFileSync(path, 'utf8')
      .replace('"claimant": "edi-rama"', '"claimant": "edi-ramma"')
      .replace('"exact": "Tehran considers MEK to be a terrorist organization."', '"exact": "Tehran considers MEK a threat."');
    writeFileSync(path, text);
    const { status, stdout } = cli(['check', '.'], folder);
    assert.equal(status, 1);
    const lines = stdout.trim().split('\n');
    const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
    assert.ok(lines.includes(`articles/dw-albania-iran-cyberattacks.annotations.json:${lineOf('"edi-ramma"')}:19: error: No entity with the id "edi-ramma" in this file. Did you mean "edi-rama"? [unknown-id]`), stdout);
    assert.ok(lines.some((line) => line.startsWith(`articles/dw-albania-iran-cyberattacks.annotations.json:${lineOf('MEK a threat')}:18: error: The passage of claim "tehran-mek-terrorist" is not in the article`)), stdout);
    // And on the article, where the passage was: a warning.
    assert.ok(lines.some((line) => /^articles\/dw-albania-iran-cyberattacks\.md:\d+:\d+: warning: The passage of claim "tehran-mek-terrorist" was here and is gone/.test(line)), stdout);
    assert.match(lines[lines.length - 1], /2 errors, 1 warning/);
  });

  it('reports invalid JSON without crashing, and never rewrites the file', () => {
    const folder = copyOfArticles();
    const path = join(folder, 'articles/dw-albania-iran-cyberattacks.annotations.json');
    writeFileSync(path, '{\n  "version": 1,\n  "entities": [\n');
    const check = cli(['check', 'articles'], folder);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /annotations\.json:4:1: error: Invalid JSON/);
    const refresh = cli(['refresh-anchors', 'articles'], folder);
    assert.equal(refresh.status, 1);
    assert.match(refresh.stderr, /not changed, fix its errors first/);
    assert.equal(readFileSync(path, 'utf8'), '{\n  "version": 1,\n  "entities": [\n');
  });

  it('prints a JSON report with mention counts and claim ranges', () => {
    const { status, stdout } = cli(['check', '--json', 'articles']);
    assert.equal(status, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.ok, true);
    const [article] = report.articles;
    const tims = article.entities.find((entity: { id: string }) => entity.id === 'tims');
    assert.equal(tims.kind, 'system');
    assert.ok(tims.mentions >= 3);
    const rebuttal = article.claims.find((claim: { id: string }) => claim.id === 'iran-dismisses-allegations');
    assert.equal(rebuttal.status, 'exact');
    assert.equal(rebuttal.answers, 'albania-accuses-iran');
    const articleLines = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.md'), 'utf8').split('\n');
    assert.ok(articleLines[rebuttal.range.start.line - 1].slice(rebuttal.range.start.column - 1).startsWith('The Iranian Foreign Ministry dismissed'));
  });

  it('refreshes stored context and positions after the article changed, keeping the file\'s layout', () => {
    const folder = copyOfArticles();
    const articlePath = join(folder, 'articles/dw-albania-iran-cyberattacks.md');
    const annotationPath = join(folder, 'articles/dw-albania-iran-cyberattacks.annotations.json');
    const before = readFileSync(annotationPath, 'utf8');
    writeFileSync(articlePath, readFileSync(articlePath, 'utf8').replace('# Albania blames', 'An inserted line.\n\n# Albania blames'));
    const { status, stdout } = cli(['refresh-anchors', 'articles'], folder);
    assert.equal(status, 0, stdout);
    const after = readFileSync(annotationPath, 'utf8');
    assert.notEqual(after, before);
    assert.equal(after.split('\n').length, before.split('\n').length, 'only values change, no lines are added or removed');
    assert.equal(cli(['check', 'articles'], folder).status, 0);
  });

  it('explains unknown commands and options, like other command-line tools', () => {
    assert.equal(cli(['frobnicate']).status, 2);
    assert.match(cli(['check', '--jsn']).stderr, /unknown option "--jsn"/);
    assert.match(cli(['--help']).stdout, /Usage: marginalia/);
    assert.match(cli(['check', 'no-such-folder']).stdout, /^no-such-folder:1:1: error: No such file or folder/);
  });

  it('exports an article\'s annotations as W3C JSON-LD, ClaimReview or CSL-JSON, to standard output or a file', () => {
    const folder = copyOfArticles();
    const w3c = cli(['export', 'articles/dw-albania-iran-cyberattacks.md', '--format', 'w3c'], folder);
    assert.equal(w3c.status, 0, w3c.stderr);
    const collection = JSON.parse(w3c.stdout);
    assert.equal(collection.type, 'AnnotationCollection');
    assert.equal(collection.total, collection.first.items.length);
    const written = cli(['export', 'articles/dw-albania-iran-cyberattacks.annotations.json', '-f', 'claimreview', '-o', 'reviews.json'], folder);
    assert.equal(written.status, 0, written.stderr);
    assert.equal(JSON.parse(readFileSync(join(folder, 'reviews.json'), 'utf8'))[0]['@type'], 'ClaimReview');
    const csl = JSON.parse(cli(['export', 'articles/dw-albania-iran-cyberattacks.md', '-f', 'csl'], folder).stdout);
    assert.ok(csl.length > 20 && csl.every((item: { type: string }) => item.type === 'article-newspaper'));
    const wrong = cli(['export', 'articles/dw-albania-iran-cyberattacks.md', '-f', 'pdf'], folder);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /--format must be one of w3c, claimreview, csl, html, not "pdf"/);
  });

  it('cites a quote or a claim, with its speaker, source and paragraph', () => {
    const folder = copyOfArticles();
    const byClaim = cli(['cite', 'articles/dw-albania-iran-cyberattacks.md', '--claim', 'iran-dismisses-allegations', '--format', 'text'], folder);
    assert.equal(byClaim.status, 0, byClaim.stderr);
    assert.match(byClaim.stdout, /^“The Iranian Foreign Ministry dismissed these allegations.*” — Iranian Foreign Ministry, quoted in Elona Elezi and Niloofar Gholami, .*, paragraph 5\. https:\/\/www\.dw\.com\/.*#:~:text=/);
    const byQuote = cli(['cite', 'articles/dw-albania-iran-cyberattacks.md', '--quote', 'Tehran considers MEK to be a terrorist organization.'], folder);
    assert.match(byQuote.stdout, /^> Tehran considers MEK to be a terrorist organization\.\n\n— \[Iran, quoted in /);
    const missing = cli(['cite', 'articles/dw-albania-iran-cyberattacks.md', '--quote', 'not in the article at all'], folder);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /is not in the article/);
    assert.equal(cli(['cite', 'articles/dw-albania-iran-cyberattacks.md'], folder).status, 2);
  });

  it('suggests entities and claims for an article with no annotation file yet, as text or JSON; nothing for a file that does not parse', async function () {
    this.timeout(30_000);
    const folder = scratchFolder();
    writeFileSync(join(folder, 'statement.md'), '---\ntitle: A statement\n---\n\nThe Ministry of Defence (MOD) said on Tuesday that Colonel Anna Berg had resigned. Berg denied the reports.\n');
    const text = await cliDone(['suggest', 'statement.md'], folder);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^statement\.md: \d+ suggestions \(2 entities, 0 aliases, 0 exclusions, 2 claims\)/);
    assert.ok(text.stdout.includes('statement.md:5:5  Ministry of Defence (actor, agency; also MOD): 2×'), text.stdout);
    assert.ok(text.stdout.includes('Anna Berg (actor, person; also Colonel Anna Berg, Berg)'), text.stdout);
    assert.match(text.stdout, /Anna Berg: "Berg denied the reports\." \(attributed by "denied", answering an earlier suggestion \(disputes\)\)/);
    const json = await cliDone(['suggest', '--json', 'statement.md'], folder);
    assert.equal(json.status, 0);
    const report = JSON.parse(json.stdout) as { suggestions: Array<{ kind: string; name?: string; occurrences?: Array<{ line: number; column: number; text: string }> }> };
    assert.deepEqual(report.suggestions.find((s) => s.name === 'Ministry of Defence')?.occurrences, [{ line: 5, column: 5, text: 'Ministry of Defence' }, { line: 5, column: 26, text: 'MOD' }]);
    // An annotation file that does not parse: nothing suggested, nothing written.
    writeFileSync(join(folder, 'statement.annotations.json'), '{ "version": 1,');
    const broken = await cliDone(['suggest', 'statement.md'], folder);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /nothing suggested for statement\.md/);
    assert.equal(broken.stdout, '');
    assert.equal(readFileSync(join(folder, 'statement.annotations.json'), 'utf8'), '{ "version": 1,');
  });

  it('suggests a name that another article of the corpus defines with that article\'s kind and type, and says where', async function () {
    this.timeout(30_000);
    const folder = scratchFolder();
    writeFileSync(join(folder, 'statement.md'), '---\ntitle: A statement\n---\n\nThe Ministry of Defence (MOD) said on Tuesday that it had no plans.\n');
    mkdirSync(join(folder, 'earlier'));
    writeFileSync(join(folder, 'earlier/report.md'), '---\ntitle: The earlier report\n---\n\nThe Ministry of Defence spoke.\n');
    writeFileSync(join(folder, 'earlier/report.annotations.json'), JSON.stringify({ version: 1, article: 'report.md', entities: [{ id: 'mod', kind: 'actor', type: 'military', name: 'Ministry of Defence' }], claims: [], notes: [] }));
    const alone = await cliDone(['suggest', 'statement.md', '--corpus', join(folder, 'nowhere')], folder);
    assert.ok(alone.stdout.includes('Ministry of Defence (actor, agency; also MOD)'), alone.stdout);
    assert.match(alone.stderr, /nowhere/, 'a corpus folder that is not there is said');
    const withCorpus = await cliDone(['suggest', 'statement.md'], folder);
    assert.equal(withCorpus.status, 0, withCorpus.stderr);
    assert.ok(withCorpus.stdout.includes('Ministry of Defence (actor, military; also MOD): 2×, annotated in The earlier report'), withCorpus.stdout);
  });

  it('cites a quote copied from what a reader sees, across a link and emphasis', () => {
    const folder = copyOfArticles();
    writeFileSync(join(folder, 'articles/linked.md'), '---\ntitle: Linked\nurl: https://example.org/linked\n---\n\nThen [Iran](https://x.org) *said* it was wrong.\n');
    writeFileSync(join(folder, 'articles/linked.annotations.json'), JSON.stringify({ version: 1, article: 'linked.md', entities: [], claims: [], notes: [] }));
    const cited = cli(['cite', 'articles/linked.md', '--quote', 'Iran said it was wrong', '-f', 'text'], folder);
    assert.equal(cited.status, 0, cited.stderr);
    // Quoted as a reader reads it, and linked with a text fragment a browser finds on the page.
    assert.match(cited.stdout, /^“Iran said it was wrong” — .*https:\/\/example\.org\/linked#:~:text=Iran%20said%20it%20was%20wrong/);
  });
});

describe('marginalia CLI with hostile files and careless use (issue 10)', () => {
  const annotations = 'articles/dw-albania-iran-cyberattacks.annotations.json';
  const article = 'articles/dw-albania-iran-cyberattacks.md';

  /** The sample annotation file with every stored position wrong, so that refresh-anchors has work. */
  function staleCopy(): { folder: string; path: string; before: string } {
    const folder = copyOfArticles();
    const path = join(folder, annotations);
    const before = readFileSync(path, 'utf8').replace(/"start": (\d+)/g, (_, n) => `"start": ${Number(n) + 1}`);
    writeFileSync(path, before);
    return { folder, path, before };
  }

  it('writes atomically: a write that fails half-way leaves the original whole and no temporary file', () => {
    const { folder, path } = staleCopy();
    const original = readFileSync(path);
    let calls = 0;
    const failing = { ...fs, writeSync: (...args: Parameters<typeof fs.writeSync>) => (++calls === 1 ? (fs.writeSync as (...a: unknown[]) => number)(args[0], args[1], 0, 100) : fail('ENOSPC')) } as unknown as WriteFileSystem;
    assert.throws(() => writeFileAtomically(path, 'x'.repeat(1_000_000), failing), /ENOSPC/);
    assert.deepEqual(readFileSync(path), original);
    assert.deepEqual(fs.readdirSync(join(folder, 'articles')).filter((name) => name.endsWith('.tmp')), []);
    fs.chmodSync(path, 0o640);
    writeFileAtomically(path, 'new');
    assert.equal(readFileSync(path, 'utf8'), 'new');
    assert.equal(fs.statSync(path).mode & 0o777, 0o640, 'the mode is kept');
  });

  it('leaves the annotation file whole when refresh-anchors is stopped by a file-size limit', () => {
    const { folder, path, before } = staleCopy();
    // 8 blocks of 512 bytes: the rewrite of a ~60 KB file cannot be written; the process is killed (SIGXFSZ).
    const run = spawnSync('bash', ['-c', `ulimit -f 8; exec "${process.execPath}" "${join(projectRoot, 'dist/cli.js')}" refresh-anchors "${annotations}"`], { cwd: folder, encoding: 'utf8' });
    assert.notEqual(run.status, 0, 'the write was stopped');
    assert.equal(readFileSync(path, 'utf8'), before);
    assert.equal(cli(['refresh-anchors', annotations], folder).status, 0);
    assert.notEqual(readFileSync(path, 'utf8'), before, 'without the limit it is written');
  });

  it('refreshes the anchors of an article whose front matter has an error, which concerns only its metadata', () => {
    const { folder, path, before } = staleCopy();
    const articlePath = join(folder, article);
    writeFileSync(articlePath, readFileSync(articlePath, 'utf8').replace(/^published: .*$/m, 'published: someday'));
    assert.match(cli(['check', article], folder).stdout, /"published" must be a date/);
    const run = cli(['refresh-anchors', annotations], folder);
    assert.equal(run.status, 0, run.stderr);
    assert.notEqual(readFileSync(path, 'utf8'), before);
  });

  it('never exports onto its own inputs, nor over a file, a folder or into a missing folder unless asked', () => {
    const folder = copyOfArticles();
    const before = readFileSync(join(folder, annotations), 'utf8');
    const onInput = cli(['export', article, '-f', 'w3c', '-o', annotations], folder);
    assert.equal(onInput.status, 1);
    assert.match(onInput.stderr, /is an input of this export; it is never overwritten/);
    assert.equal(cli(['export', article, '-f', 'w3c', '-o', annotations, '--force'], folder).status, 1, 'not even with --force');
    fs.symlinkSync(join(folder, annotations), join(folder, 'link.json'));
    assert.match(cli(['export', article, '-f', 'w3c', '-o', 'link.json', '--force'], folder).stderr, /never overwritten/, 'nor through a link');
    assert.equal(readFileSync(join(folder, annotations), 'utf8'), before);
    assert.equal(cli(['export', article, '-f', 'w3c', '-o', 'out.json'], folder).status, 0);
    assert.match(cli(['export', article, '-f', 'w3c', '-o', 'out.json'], folder).stderr, /exists; pass --force/);
    assert.equal(cli(['export', article, '-f', 'csl', '-o', 'out.json', '--force'], folder).status, 0);
    assert.match(cli(['export', article, '-f', 'w3c', '-o', 'articles'], folder).stderr, /is a folder/);
    assert.match(cli(['export', article, '-f', 'w3c', '-o', 'missing/out.json'], folder).stderr, /does not exist/);
  });

  it('reports missing, folder and non-UTF-8 paths as problems at their file, with no stack trace', () => {
    const folder = copyOfArticles();
    fs.mkdirSync(join(folder, 'dir.md'));
    writeFileSync(join(folder, 'dir.annotations.json'), readFileSync(join(folder, annotations)));
    const asFolder = cli(['check', 'dir.annotations.json'], folder);
    assert.equal(asFolder.status, 1);
    assert.match(asFolder.stdout, /dir\.md:1:1: error: The article .*dir\.md could not be read: It is a folder, not a file\./);
    const missing = cli(['export', 'nowhere.md', '-f', 'w3c'], folder);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /nowhere\.md:1:1: error: No such file or folder\./);
    const bytes = readFileSync(join(folder, article));
    const broken = Buffer.concat([bytes.subarray(0, 200), Buffer.from([0xff]), bytes.subarray(200)]);
    writeFileSync(join(folder, article), broken);
    const latin = cli(['check', 'articles'], folder);
    assert.match(latin.stdout, /dw-albania-iran-cyberattacks\.md:\d+:\d+: error: The article is not valid UTF-8 \(byte 0xff at byte offset 200\)/);
    for (const run of [asFolder, missing, latin]) assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /);
  });

  it('walks a symbolic link back up the tree once', () => {
    const folder = copyOfArticles();
    fs.symlinkSync(folder, join(folder, 'articles', 'loop'));
    const run = cli(['check', '--json', '.'], folder);
    assert.equal(JSON.parse(run.stdout).articles.length, 1);
  });

  it('keeps a byte-order mark and tab indentation when refreshing anchors', () => {
    const { folder, path, before } = staleCopy();
    const tabbed = before.replace(/^( +)/gm, (spaces) => '\t'.repeat(spaces.length / 2));
    writeFileSync(path, `\ufeff${tabbed}`);
    const run = cli(['refresh-anchors', annotations], folder);
    assert.equal(run.status, 0, run.stderr);
    const after = readFileSync(path, 'utf8');
    assert.ok(after.startsWith('\ufeff'));
    assert.doesNotMatch(after, /^ +"/m, 'no line indented with spaces');
    assert.notEqual(after, `\ufeff${tabbed}`);
  });

  it('uses exit status 2 for every usage error, and reads names after --', () => {
    const folder = copyOfArticles();
    assert.equal(cli(['refresh-anchors', '--json', annotations], folder).status, 2);
    assert.equal(cli(['export', '-f', 'w3c'], folder).status, 2);
    assert.equal(cli(['export', article, '-f', 'w3c', '--frobnicate'], folder).status, 2);
    assert.equal(cli(['cite', article, '--quote'], folder).status, 2);
    fs.renameSync(join(folder, 'articles'), join(folder, '-articles'));
    const run = cli(['check', '--', '-articles'], folder);
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /Checked 1 article/);
  });

  it('refuses to export entries dropped for errors without --partial, and lists them with it', () => {
    const folder = copyOfArticles();
    const path = join(folder, annotations);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"stance": "disputes"', '"stance": "denies"'));
    const refused = cli(['export', article, '-f', 'w3c'], folder);
    assert.equal(refused.status, 1);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /entries with errors would be left out; fix them, or pass --partial/);
    const partial = cli(['export', article, '-f', 'w3c', '--partial'], folder);
    assert.equal(partial.status, 0);
    assert.match(partial.stderr, /warning: Left out: /);
  });

  it('stops quietly when the reader of its output goes away', () => {
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${join(projectRoot, 'dist/cli.js')}" export ${article} -f html | head -c 10 >/dev/null; echo "status \${PIPESTATUS[0]}"`], { cwd: projectRoot, encoding: 'utf8' });
    assert.match(run.stdout, /status 0/);
    assert.equal(run.stderr, '');
  });

  it('prints file content in messages and citations without its control characters', () => {
    const folder = copyOfArticles();
    const path = join(folder, annotations);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"exact": "Tehran considers MEK to be a terrorist organization."', '"exact": "Tehran\\u001b[2J\\ndw.annotations.json:1:1: info: fine"'));
    const run = cli(['check', 'articles'], folder);
    assert.doesNotMatch(run.stdout, /\u001b/); // eslint-disable-line no-control-regex
    assert.ok(!run.stdout.split('\n').some((line) => line.startsWith('dw.annotations.json')), 'no forged line');
    const articlePath = join(folder, article);
    writeFileSync(articlePath, readFileSync(articlePath, 'utf8').replace('Tehran considers MEK', 'Tehran\u001b[31m considers MEK'));
    const cited = cli(['cite', article, '--quote', 'considers MEK to be a terrorist organization.', '-f', 'text'], folder);
    assert.doesNotMatch(cited.stdout, /\u001b/); // eslint-disable-line no-control-regex
  });
});

describe('marginalia CLI on a corpus with a registry (issue 14)', () => {
  it('reads the registry an article names, or the nearest one, and reports problems at their place in both files (issue 14)', () => {
    const folder = scratchFolder();
    mkdirSync(join(folder, 'corpus', 'statements'), { recursive: true });
    writeFileSync(join(folder, 'corpus', 'marginalia.registry.json'), JSON.stringify({ version: 1, entities: [{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran' }] }, null, 2));
    writeFileSync(join(folder, 'corpus', 'statements', 'denial.md'), '---\ntitle: Denial\n---\n\nIran denied it.\n');
    const annotations = { version: 1, article: 'denial.md', entities: [], claims: [{ id: 'c', claimant: 'iran', summary: 'Iran denies it', passage: { exact: 'Iran denied it.' } }], notes: [] };
    writeFileSync(join(folder, 'corpus', 'statements', 'denial.annotations.json'), JSON.stringify(annotations, null, 2));
    const found = cli(['check', 'corpus'], folder);
    assert.equal(found.status, 0, found.stdout);
    assert.match(found.stdout, /Checked 1 article \(1 entities, 1 mentions, 1 claims, 0 notes\): 0 errors/);
    // An id defined in both places is an error at both.
    writeFileSync(join(folder, 'corpus', 'statements', 'denial.annotations.json'), JSON.stringify({ ...annotations, entities: [{ id: 'iran', kind: 'actor', type: 'government', name: 'Tehran' }] }, null, 2));
    const clash = cli(['check', 'corpus'], folder);
    assert.equal(clash.status, 1);
    assert.match(clash.stdout, /^corpus\/marginalia\.registry\.json:5:\d+: error: The id "iran" is also defined in denial\.annotations\.json/m);
    assert.match(clash.stdout, /^corpus\/statements\/denial\.annotations\.json:6:\d+: error: The id "iran" is also defined in the registry marginalia\.registry\.json/m);
    // A registry named but missing is an error at its name.
    writeFileSync(join(folder, 'corpus', 'statements', 'denial.annotations.json'), JSON.stringify({ ...annotations, registry: '../shared.registry.json' }, null, 2));
    const missing = cli(['check', 'corpus'], folder);
    assert.equal(missing.status, 1);
    assert.match(missing.stdout, /^corpus\/statements\/denial\.annotations\.json:\d+:\d+: error: No registry at \.\.\/shared\.registry\.json/m);
  });

  it('warns when two registries claim one folder: one that hides another further up, and a folder\'s own beside the one an article names', () => {
    const folder = scratchFolder();
    mkdirSync(join(folder, 'corpus', 'statements'), { recursive: true });
    const registry = (name: string) => JSON.stringify({ version: 1, entities: [{ id: name, kind: 'actor', type: 'state', name: name.toUpperCase() }] }, null, 2);
    writeFileSync(join(folder, 'corpus', 'marginalia.registry.json'), registry('iran'));
    writeFileSync(join(folder, 'corpus', 'statements', 'marginalia.registry.json'), registry('albania'));
    writeFileSync(join(folder, 'corpus', 'statements', 'denial.md'), '---\ntitle: Denial\n---\n\nALBANIA denied it.\n');
    const annotations = { version: 1, article: 'denial.md', entities: [], claims: [], notes: [] };
    writeFileSync(join(folder, 'corpus', 'statements', 'denial.annotations.json'), JSON.stringify(annotations, null, 2));
    const nested = cli(['check', 'corpus'], folder);
    assert.equal(nested.status, 0, 'a warning, not an error');
    assert.match(nested.stdout, /^corpus\/statements\/marginalia\.registry\.json:1:1: warning: This registry serves the articles of its folder instead of \.\.\/marginalia\.registry\.json above it, whose entities they do not see\./m);
    writeFileSync(join(folder, 'corpus', 'statements', 'denial.annotations.json'), JSON.stringify({ ...annotations, registry: '../marginalia.registry.json' }, null, 2));
    const beside = cli(['check', 'corpus'], folder);
    assert.match(beside.stdout, /^corpus\/statements\/denial\.annotations\.json:\d+:\d+: warning: The folder has its own registry, marginalia\.registry\.json, which its other articles use; this article reads the one it names instead\./m);
  });

  it('checks answers to other articles against them, even when only the answering article is named, and prints the corpus with index', () => {
    const folder = scratchFolder();
    mkdirSync(join(folder, 'corpus', 'statements'), { recursive: true });
    writeFileSync(join(folder, 'corpus', 'marginalia.registry.json'), JSON.stringify({ version: 1, entities: [{ id: 'iran', kind: 'actor', type: 'state', name: 'Iran' }, { id: 'usa', kind: 'actor', type: 'state', name: 'United States' }] }, null, 2));
    writeFileSync(join(folder, 'corpus', 'statements', 'denial.md'), '---\ntitle: Denial\n---\n\nIran denied it.\n');
    writeFileSync(join(folder, 'corpus', 'statements', 'denial.annotations.json'), JSON.stringify({ version: 1, article: 'denial.md', entities: [], claims: [{ id: 'denial', claimant: 'iran', summary: 'Iran denies it', passage: { exact: 'Iran denied it.' } }], notes: [] }, null, 2));
    writeFileSync(join(folder, 'corpus', 'advisory.md'), '---\ntitle: Advisory\n---\n\nThe United States says Iran did it.\n');
    const advisory = (answers: string) => ({ version: 1, article: 'advisory.md', entities: [], claims: [{ id: 'attribution', claimant: 'usa', about: ['iran'], summary: 'Iran did it', passage: { exact: 'The United States says Iran did it.' }, answers, stance: 'disputes' }], notes: [] });
    writeFileSync(join(folder, 'corpus', 'advisory.annotations.json'), JSON.stringify(advisory('statements/denial.md#denial'), null, 2));
    const checked = cli(['check', 'corpus/advisory.md'], folder);
    assert.equal(checked.status, 0, checked.stdout);
    const index = cli(['index', 'corpus'], folder);
    assert.equal(index.status, 0, index.stderr);
    assert.match(index.stdout, /^2 articles, 2 entities, 2 claims, 1 answer across articles\.$/m);
    assert.match(index.stdout, /^ {2}Iran \(actor, state, registry\): 2 \(corpus\/advisory\.md 1, corpus\/statements\/denial\.md 1\)$/m);
    assert.match(index.stdout, /^ {2}corpus\/advisory\.md#attribution disputes corpus\/statements\/denial\.md#denial {2}\(“Iran did it” disputes “Iran denies it”\)$/m);
    const json = JSON.parse(cli(['index', 'corpus', '--json'], folder).stdout);
    assert.deepEqual(json.answersAcrossArticles, [{ from: 'corpus/advisory.md#attribution', stance: 'disputes', answers: 'corpus/statements/denial.md#denial' }]);
    assert.deepEqual(json.claimants.map((c: { name: string }) => c.name), ['Iran', 'United States']);
    // Exports carry the answer across articles: the W3C annotation's "answers" and the ClaimReview's citation name the claim in the other article.
    writeFileSync(join(folder, 'corpus', 'statements', 'denial.md'), '---\ntitle: Denial\nurl: https://example.org/denial\n---\n\nIran denied it.\n');
    const reviews = JSON.parse(cli(['export', 'corpus', '-f', 'claimreview'], folder).stdout) as Array<{ itemReviewed: { '@id': string; citation?: { '@id': string } } }>;
    assert.equal(reviews.length, 2, 'one array for the folder');
    const attribution = reviews.find((review) => review.itemReviewed['@id'].endsWith('advisory.md#claim-attribution'))!;
    assert.equal(attribution.itemReviewed.citation?.['@id'], 'https://example.org/denial#claim-denial');
    assert.ok(reviews.some((review) => review.itemReviewed['@id'] === 'https://example.org/denial#claim-denial'), 'the same IRI as the answered claim has');
    const collections = JSON.parse(cli(['export', 'corpus', '-f', 'w3c'], folder).stdout) as Array<{ first: { items: Array<{ answers?: string }> } }>;
    assert.deepEqual(collections.flatMap((collection) => collection.first.items.flatMap((item) => (item.answers ? [item.answers] : []))), ['https://example.org/denial#claim-denial']);
    mkdirSync(join(folder, 'out'));
    const toFolder = cli(['export', 'corpus', '-f', 'csl', '-o', 'out'], folder);
    assert.equal(toFolder.status, 0, toFolder.stderr);
    assert.deepEqual(fs.readdirSync(join(folder, 'out'), { recursive: true }).map(String).sort(), ['advisory.csl.json', 'statements', join('statements', 'denial.csl.json')]);
    assert.match(cli(['export', 'corpus', '-f', 'csl', '-o', 'out'], folder).stderr, /nothing written: .*exists; pass --force/);
    // A claim that is not in the other article: an error at the "answers" that names it, with the nearest id.
    writeFileSync(join(folder, 'corpus', 'advisory.annotations.json'), JSON.stringify(advisory('statements/denial.md#denail'), null, 2));
    const wrong = cli(['check', 'corpus/advisory.md'], folder);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stdout, /^corpus\/advisory\.annotations\.json:\d+:\d+: error: No claim with the id "denail" in Denial to answer\. Did you mean "denial"\? \[unknown-id\]$/m);
  });
});

function fail(code: string): never {
  throw Object.assign(new Error(`${code}: simulated`), { code });
}
