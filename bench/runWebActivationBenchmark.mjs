// Part of `npm run bench`: how long Marginalia takes to start in the web extension host (a web worker,
// as in vscode.dev), from its bundle's first line through activate(); the desktop-like extension host's
// figure is printed with the keystroke benchmark (code-server).
import { join } from 'node:path';
import { projectRoot } from '../test/harness/codeServer.mjs';
import { runInWebExtensionHost } from '../test/harness/runWebExtensionHostSuite.mjs';

const timing = await runInWebExtensionHost({
  testsEntry: join(projectRoot, 'out/bench/web/activationBenchmark.js'),
  resultMarker: 'MARGINALIA_BENCH_RESULT ',
  verbose: false,
});
console.log(`\nActivation in the web extension host (web worker): bundle loaded in ${timing.loadMs?.toFixed(1)} ms, activate() ${timing.activateMs.toFixed(1)} ms`);
process.exit(0);
