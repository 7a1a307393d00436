// `npm test`: builds, type-checks, lints, then runs the test layers and prints each layer's counts.
//   node test/runAllTests.mjs [unit] [extension-host] [web] [ui] [extension-host-newest] [ui-newest]
//   (default: all of them). The extension-host and UI layers run on code-server 4.100.3 (VS Code 1.100.3,
//   the oldest the manifest accepts), the -newest ones on code-server 4.139.1 (VS Code 1.139.1).
// The extension-host and UI layers install code-server into .vscode-test/ on first use, the web layer
// (the extension-host suite in the browser's web extension host) @vscode/test-web and a VS Code web build.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer, NEWEST_CODE_SERVER, OLDEST_CODE_SERVER, projectRoot } from './harness/codeServer.mjs';

const LAYERS = ['unit', 'extension-host', 'web', 'ui', 'extension-host-newest', 'ui-newest'];
const requested = process.argv.slice(2);
const unknown = requested.filter((layer) => !LAYERS.includes(layer));
if (unknown.length > 0) {
  console.error(`Unknown test layer: ${unknown.join(', ')}. Layers: ${LAYERS.join(', ')}.`);
  process.exit(2);
}
const layers = requested.length > 0 ? requested : LAYERS;

function step(title, command, args) {
  console.log(`\n▶ ${title}`);
  execFileSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
}

async function runUnitTests() {
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 10_000 });
  const folder = join(projectRoot, 'out/test/unit');
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.test.js')).sort()) mocha.addFile(join(folder, file));
  const stats = await new Promise((resolveRun) => {
    const runner = mocha.run(() => resolveRun(runner.stats));
  });
  return { passed: stats.passes, failed: stats.failures, pending: stats.pending };
}

async function runLayer(layer) {
  console.log(`\n▶ ${layer} tests${layer.includes("extension-host") || layer.startsWith("ui") ? ` (code-server ${layer.endsWith("-newest") ? NEWEST_CODE_SERVER : OLDEST_CODE_SERVER})` : ""}`);
  try {
    if (layer === 'unit') return await runUnitTests();
    if (layer === 'web') {
      const { runWebExtensionHostSuite } = await import('./harness/runWebExtensionHostSuite.mjs');
      return await runWebExtensionHostSuite();
    }
    process.env.MARGINALIA_CODE_SERVER = layer.endsWith('-newest') ? NEWEST_CODE_SERVER : OLDEST_CODE_SERVER;
    ensureCodeServer();
    if (layer.startsWith('extension-host')) {
      const { runExtensionHostSuite } = await import('./harness/runExtensionHostSuite.mjs');
      const result = await runExtensionHostSuite();
      return { ...result, failed: result.failed + (result.exitCode !== 0 && result.failed === 0 ? 1 : 0) };
    }
    const { runUiSuite } = await import('./harness/runUiSuite.mjs');
    return await runUiSuite();
  } catch (error) {
    console.error(`The ${layer} layer could not run:`, error);
    return { passed: 0, failed: 1, pending: 0, broken: true };
  }
}

const started = Date.now();
step('build', process.execPath, ['build.mjs']);
if (requested.length === 0) {
  step('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
  step('typecheck (UI tests)', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'test/ui']);
  step('lint', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']);
}

const results = [];
for (const layer of layers) results.push({ layer, ...(await runLayer(layer)) });

console.log('\nTest layers:');
for (const result of results) {
  const note = result.broken ? ' (the layer could not run)' : '';
  console.log(`  ${result.layer.padEnd(15)} ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} skipped` : ''}${note}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`Total time: ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
// Exit now: a handle left open by a browser or server library must not keep CI waiting.
process.exit(failed > 0 || passed === 0 ? 1 : 0);
