import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { MarginaliaApi } from '../../src/extension/extension';

// Runs inside VS Code's extension host (code-server here), started by bench/runExtensionHostBenchmark.mjs:
// types into a 100 KB annotated article and measures the extension-host time of each re-highlight
// (model rebuild, mention ranges, setDecorations). The baseline, in the same run, is a re-highlight with
// nothing changed in the article (the model comes from the cache): the cost of painting alone.

const RESULT_MARKER = 'MARGINALIA_BENCH_RESULT ';
const KEYSTROKES = 60;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function waitForPaint(api: MarginaliaApi, count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (api.paintDurations().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const sample = readFileSync(vscode.Uri.joinPath(folder, 'articles/dw-albania-iran-cyberattacks.md').fsPath, 'utf8');
  const bodyStart = sample.indexOf('\n# ') + 1;
  let article = sample;
  while (article.length < 100_000) article += `\n${sample.slice(bodyStart)}`;
  const articleUri = vscode.Uri.joinPath(folder, 'articles/keystroke-benchmark.md');
  const annotations = JSON.parse(readFileSync(vscode.Uri.joinPath(folder, 'articles/dw-albania-iran-cyberattacks.annotations.json').fsPath, 'utf8'));
  annotations.article = 'keystroke-benchmark.md';
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'articles/keystroke-benchmark.annotations.json'), new TextEncoder().encode(JSON.stringify(annotations)));
  await vscode.workspace.fs.writeFile(articleUri, new TextEncoder().encode(article));

  const api = (await vscode.extensions.getExtension<MarginaliaApi>('marginalia.marginalia')!.activate()) as MarginaliaApi;
  const editor = await vscode.window.showTextDocument(articleUri);
  const model = await api.modelFor(editor.document);
  await waitForPaint(api, 1);
  await new Promise((resolve) => setTimeout(resolve, 300));

  const keystroke: number[] = [];
  const unchanged: number[] = [];
  const position = editor.document.positionAt(Math.floor(article.length / 2));
  for (let i = 0; i < KEYSTROKES; i++) {
    let before = api.paintDurations().length;
    await editor.edit((edit) => edit.insert(position, 'x'), { undoStopBefore: false, undoStopAfter: false });
    await waitForPaint(api, before + 1);
    keystroke.push(api.paintDurations()[api.paintDurations().length - 1]);
    // Same document version: the model is cached, so this measures painting alone.
    before = api.paintDurations().length;
    await vscode.workspace.getConfiguration().update('marginalia.highlighting.claims', i % 2 === 0, vscode.ConfigurationTarget.Global);
    await waitForPaint(api, before + 1);
    unchanged.push(api.paintDurations()[api.paintDurations().length - 1]);
  }
  await vscode.workspace.getConfiguration().update('marginalia.highlighting.claims', undefined, vscode.ConfigurationTarget.Global);
  const result = {
    articleBytes: article.length,
    mentions: model?.mentions.length ?? 0,
    keystrokes: KEYSTROKES,
    keystrokeMedianMs: median(keystroke),
    paintOnlyMedianMs: median(unchanged),
  };
  console.log(`${RESULT_MARKER}${JSON.stringify(result)}`);
}
