import * as vscode from 'vscode';
import type { MarginaliaTestApi } from '../../src/extension/testApi';

// Run in an extension host (the web extension host here, through bench/runWebActivationBenchmark.mjs):
// prints how long Marginalia took to start there, its bundle's loading and activate().

const RESULT_MARKER = 'MARGINALIA_BENCH_RESULT ';

export async function run(): Promise<void> {
  const api = (await vscode.extensions.getExtension<MarginaliaTestApi>('marginalia.marginalia')!.activate()) as MarginaliaTestApi;
  console.log(`${RESULT_MARKER}${JSON.stringify(api.activationTiming())}`);
}
