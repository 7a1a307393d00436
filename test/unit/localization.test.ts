import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';

// Localisation the VS Code way (issue 13): package.nls.json for what package.json contributes, the l10n
// bundle for every string the extension shows (vscode.l10n.t in the adapter, @vscode/l10n in the core),
// and a complete German translation of both.

const projectRoot = join(__dirname, '../../..');
const readJson = (path: string) => JSON.parse(readFileSync(join(projectRoot, path), 'utf8')) as Record<string, string>;

/** What must survive translation: placeholders, codicons, command links, inline code. */
function markers(text: string): string[] {
  return [...text.matchAll(/\{\d+\}|\$\([a-z-]+\)|\(command:[^)]*\)|`[^`]*`/g)].map((match) => match[0]).sort();
}

function checkTranslation(english: Record<string, string>, german: Record<string, string>, what: string): void {
  assert.deepEqual(Object.keys(german).sort(), Object.keys(english).sort(), `${what}: every key, and only those, is translated`);
  const problems = Object.entries(english).flatMap(([key, source]) => {
    const translated = german[key];
    if (!translated.trim()) return [`${key}: empty`];
    // Inline code (a setting's id, a command's English title) may be translated as words; the rest is kept.
    const kept = (text: string) => markers(text).filter((marker) => !marker.startsWith('`'));
    return JSON.stringify(kept(source)) === JSON.stringify(kept(translated)) ? [] : [`${key}: ${JSON.stringify(kept(source))} became ${JSON.stringify(kept(translated))}`];
  });
  assert.deepEqual(problems, [], what);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('Localisation', () => {
  it('names every contributed title and description in package.nls.json, and each key is used', () => {
    const manifest = readFileSync(join(projectRoot, 'package.json'), 'utf8');
    const used = [...manifest.matchAll(/"%([^"%]+)%"/g)].map((match) => match[1]);
    const nls = readJson('package.nls.json');
    assert.deepEqual([...new Set(used)].sort(), Object.keys(nls).sort());
    const contributes = JSON.parse(manifest).contributes;
    const unlocalized = [
      ...contributes.commands.filter((command: { title: string }) => !command.title.startsWith('%')).map((command: { command: string }) => command.command),
      ...contributes.colors.filter((colour: { description: string }) => !colour.description.startsWith('%')).map((colour: { id: string }) => colour.id),
    ];
    assert.deepEqual(unlocalized, []);
  });

  it('translates every contributed string and every message into German, keeping placeholders, icons and links', () => {
    checkTranslation(readJson('package.nls.json'), readJson('package.nls.de.json'), 'package.nls.de.json');
    checkTranslation(readJson('l10n/bundle.l10n.json'), readJson('l10n/bundle.l10n.de.json'), 'l10n/bundle.l10n.de.json');
  });

  it('has a bundle that holds exactly the strings the sources pass to l10n.t (npm run l10n writes it)', function () {
    this.timeout(60_000);
    const out = mkdtempSync(join(tmpdir(), 'mg-l10n-'));
    execFileSync(process.execPath, [join(projectRoot, 'node_modules/@vscode/l10n-dev/dist/cli.js'), 'export', '--outDir', out, join(projectRoot, 'src')], { stdio: 'ignore' });
    const extracted = JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    rmSync(out, { recursive: true, force: true });
    assert.deepEqual(Object.keys(readJson('l10n/bundle.l10n.json')).sort(), Object.keys(extracted).sort());
  });

  it('shows no message that skips l10n.t in the extension', () => {
    // A message box, a refusal or a status text with a literal first argument would stay English.
    const literal = /(?:show(?:Information|Warning|Error)Message|setStatusBarMessage|\btell|refuse|\.pick(?:Many)?(?:<[^>]*>)?|\.input)\(\s*['`"]/;
    const offenders = sourceFiles(join(projectRoot, 'src/extension')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) => (literal.test(line) ? [`${file.slice(projectRoot.length + 1)}:${index + 1}: ${line.trim()}`] : [])),
    );
    assert.deepEqual(offenders, []);
  });

  it('gives the core\'s messages in German once configured with the German bundle, and in English otherwise', () => {
    const parser = new AnnotationFileParser();
    const broken = '{"version": 1, "article": "a.md", "entities": [], "claims": [], "notes": [], "notes": []}';
    assert.match(parser.parse(broken, 'a.json').problems[0].message, /"notes" appears twice in this object/);
    l10n.config({ contents: readJson('l10n/bundle.l10n.de.json') });
    try {
      assert.match(parser.parse(broken, 'a.json').problems[0].message, /„notes“ kommt in diesem Objekt zweimal vor \(zuerst in Zeile 1\)/);
    } finally {
      l10n.config({ contents: {} });
    }
    assert.match(parser.parse(broken, 'a.json').problems[0].message, /"notes" appears twice/);
  });
});
