import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/marginaliaCli';

const projectRoot = join(__dirname, '../../..');

function cli(args: string[], cwd = projectRoot) {
  let stdout = '';
  let stderr = '';
  const status = runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, version: '0.0.0-test' });
  return { status, stdout, stderr };
}

function copyOfArticles(): string {
  const folder = mkdtempSync(join(tmpdir(), 'marginalia-cli-'));
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
});
