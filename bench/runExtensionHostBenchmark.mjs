// Part of `npm run bench`: the extension-host time to re-highlight a 100 KB article after one keystroke,
// measured in code-server's real extension host (bench/extensionHost/keystrokeBenchmark.ts).
import { join } from 'node:path';
import { ensureCodeServer, projectRoot } from '../test/harness/codeServer.mjs';
import { runInExtensionHost } from '../test/harness/runExtensionHostSuite.mjs';

const TARGET_MS = 2;

ensureCodeServer();
const result = await runInExtensionHost({
  testsEntry: join(projectRoot, 'out/bench/extensionHost/keystrokeBenchmark.js'),
  resultMarker: 'MARGINALIA_BENCH_RESULT ',
  verbose: false,
});
console.log('\nRe-highlighting after one keystroke, in the extension host (median of %d keystrokes)\n', result.keystrokes);
console.log(`article: ${(result.articleBytes / 1000).toFixed(0)} KB, ${result.mentions} mentions`);
console.log(`keystroke (parse, match, anchor, paint):                 ${result.keystrokeMedianMs.toFixed(2)} ms`);
console.log(`baseline, repaint after a settings change (cached model): ${result.paintOnlyMedianMs.toFixed(2)} ms`);
console.log(`ratio keystroke/baseline: ${(result.keystrokeMedianMs / result.paintOnlyMedianMs).toFixed(1)}×`);
const met = result.keystrokeMedianMs < TARGET_MS;
console.log(met ? `Target met (< ${TARGET_MS} ms).` : `Target missed: ${result.keystrokeMedianMs.toFixed(2)} ms (target < ${TARGET_MS} ms).`);
process.exitCode = met ? 0 : 1;
