import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { MarginaliaTestApi } from '../../src/extension/testApi';
import type { PaintTiming } from '../../src/extension/mentionDecorator';

// Runs inside VS Code's extension host (code-server here), started by bench/runExtensionHostBenchmark.mjs:
// types into annotated articles of 100 KB and 10 MB (the first article repeated) and measures the
// extension-host time of each re-highlight (model update, mention ranges, setDecorations). The baseline,
// in the same run, is a re-highlight with nothing changed in the article (the model comes from the
// cache): the cost of painting alone.

const RESULT_MARKER = 'MARGINALIA_BENCH_RESULT ';

export interface KeystrokeResult {
  articleBytes: number;
  mentions: number;
  keystrokes: number;
  /** From opening the article to its first paint, in milliseconds. */
  openMs: number;
  /** A keystroke's extension-host time: the model's update (all its slices) and the paint. */
  keystrokeMedianMs: number;
  keystrokeModelMedianMs: number;
  /** Of the update: VS Code's document.getText(), which every update starts with. */
  getTextMedianMs: number;
  paintOnlyMedianMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function nextPaint(api: MarginaliaTestApi, count: number): Promise<PaintTiming> {
  const deadline = Date.now() + 30_000;
  while (api.paintTimings().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  return api.paintTimings()[api.paintTimings().length - 1];
}

async function measure(api: MarginaliaTestApi, folder: vscode.Uri, name: string, size: number, keystrokes: number): Promise<KeystrokeResult> {
  const sample = readFileSync(vscode.Uri.joinPath(folder, 'articles/dw-albania-iran-cyberattacks.md').fsPath, 'utf8');
  const bodyStart = sample.indexOf('\n# ') + 1;
  const parts = [sample];
  let length = sample.length;
  while (length < size) {
    parts.push(`\n${sample.slice(bodyStart)}`);
    length += sample.length - bodyStart + 1;
  }
  const article = parts.join('');
  const articleUri = vscode.Uri.joinPath(folder, `articles/${name}.md`);
  const annotations = JSON.parse(readFileSync(vscode.Uri.joinPath(folder, 'articles/dw-albania-iran-cyberattacks.annotations.json').fsPath, 'utf8'));
  annotations.article = `${name}.md`;
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `articles/${name}.annotations.json`), new TextEncoder().encode(JSON.stringify(annotations)));
  await vscode.workspace.fs.writeFile(articleUri, new TextEncoder().encode(article));

  const openStarted = performance.now();
  let before = api.paintTimings().length;
  const editor = await vscode.window.showTextDocument(articleUri);
  const model = await api.modelFor(editor.document);
  await nextPaint(api, before + 1);
  const openMs = performance.now() - openStarted;
  await new Promise((resolve) => setTimeout(resolve, 300));

  const keystroke: PaintTiming[] = [];
  const unchanged: number[] = [];
  const position = editor.document.positionAt(Math.floor(article.length / 2));
  for (let i = 0; i < keystrokes; i++) {
    before = api.paintTimings().length;
    await editor.edit((edit) => edit.insert(position, 'x'), { undoStopBefore: false, undoStopAfter: false });
    keystroke.push(await nextPaint(api, before + 1));
    // Same document version: the model is cached, so this measures painting alone.
    before = api.paintTimings().length;
    await vscode.workspace.getConfiguration().update('marginalia.highlighting.claims', i % 2 === 0, vscode.ConfigurationTarget.Global);
    unchanged.push((await nextPaint(api, before + 1)).totalMs);
  }
  await vscode.workspace.getConfiguration().update('marginalia.highlighting.claims', undefined, vscode.ConfigurationTarget.Global);
  // The first getText() after an edit: VS Code joins the document's lines then (and keeps the result).
  const getText: number[] = [];
  for (let i = 0; i < 9; i++) {
    await editor.edit((edit) => edit.insert(position, 'x'), { undoStopBefore: false, undoStopAfter: false });
    const started = performance.now();
    editor.document.getText();
    getText.push(performance.now() - started);
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  return {
    articleBytes: article.length,
    mentions: model?.mentions.length ?? 0,
    keystrokes,
    openMs,
    // The paint's own time, with the model's whole update in place of the part of it the paint waited for.
    keystrokeMedianMs: median(keystroke.map((timing) => timing.totalMs - timing.modelMs + timing.modelBuildMs)),
    keystrokeModelMedianMs: median(keystroke.map((timing) => timing.modelBuildMs)),
    getTextMedianMs: median(getText),
    paintOnlyMedianMs: median(unchanged),
  };
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const api = (await vscode.extensions.getExtension<MarginaliaTestApi>('marginalia.marginalia')!.activate()) as MarginaliaTestApi;
  const results = [await measure(api, folder, 'keystroke-benchmark', 100_000, 60), await measure(api, folder, 'large-article-benchmark', 10_000_000, 15)];
  console.log(`${RESULT_MARKER}${JSON.stringify({ results, activation: api.activationTiming() })}`);
}
