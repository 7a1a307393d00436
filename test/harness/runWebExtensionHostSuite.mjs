// Runs the extension-host mocha suite in the web extension host (a web worker in the browser, as in
// vscode.dev and github.dev) through @vscode/test-web, offline: a VS Code web build from the npm
// registry and Debian's Chromium (see installWebHost.sh). The suite is the same as in code-server,
// bundled for the browser by build.mjs (out/test/web/extensionHostTests.js).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromiumArgs, copyArticlesInto, createScratch, freePort, projectRoot, removeScratch } from './codeServer.mjs';

const cache = join(projectRoot, '.vscode-test', 'web');
// Must match installWebHost.sh: the commit test-web names the local build by.
const BUILD_COMMIT = '0000000000000000000000000000000000000137';
const RESULT_MARKER = 'MARGINALIA_TEST_RESULT ';
const LOG_MARKER = 'MARGINALIA_TEST_LOG ';
const SUITE_TIMEOUT_MS = 10 * 60_000;

/** Installs @vscode/test-web and the VS Code web build into .vscode-test/web/ (once). */
export function ensureWebHost() {
  execFileSync('bash', [join(projectRoot, 'test/harness/installWebHost.sh')], { stdio: 'inherit' });
}

/** Resolves to { passed, failed, pending }. */
export function runWebExtensionHostSuite({ verbose = true } = {}) {
  return runInWebExtensionHost({ testsEntry: join(projectRoot, 'out/test/web/extensionHostTests.js'), resultMarker: RESULT_MARKER, verbose });
}

/**
 * Runs a `run()` entry (bundled for the browser) in the web extension host with the extension under
 * development, and resolves to the JSON it prints after `resultMarker`.
 */
export async function runInWebExtensionHost({ testsEntry, resultMarker, verbose = true }) {
  if (!existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run \`npm run build\` first.`);
  ensureWebHost();
  const scratch = createScratch('web');
  copyArticlesInto(scratch.workspace);
  // Playwright finds its browser here (Debian's Chromium, see installWebHost.sh); Chromium writes into the XDG homes.
  // Only for this run: a later Chromium of the same process would write into the removed scratch folder.
  const environment = {
    PLAYWRIGHT_BROWSERS_PATH: join(cache, 'browsers'),
    XDG_CONFIG_HOME: scratch.xdgConfig,
    XDG_DATA_HOME: scratch.xdgData,
    XDG_CACHE_HOME: scratch.xdgCache,
  };
  const environmentBefore = Object.fromEntries(Object.keys(environment).map((name) => [name, process.env[name]]));
  Object.assign(process.env, environment);
  const { runTests } = createRequire(import.meta.url)(join(cache, 'node_modules/@vscode/test-web/out/server/index.js'));
  let result;
  const output = [];
  // test-web hands the extension host's console output to this process's console: read it there.
  const original = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const read = (write) => (...args) => {
    const text = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
    output.push(text);
    const resultAt = text.indexOf(resultMarker);
    const logAt = text.indexOf(LOG_MARKER);
    if (resultAt !== -1) result = JSON.parse(text.slice(resultAt + resultMarker.length).trim());
    else if (logAt !== -1) {
      if (verbose) process.stdout.write(`  ${text.slice(logAt + LOG_MARKER.length)}\n`);
    } else if (write === original.error) original.error(text);
  };
  for (const name of Object.keys(original)) console[name] = read(original[name]);
  let timer;
  try {
    await Promise.race([
      runTests({
        browserType: 'chromium',
        browserOptions: chromiumArgs.filter((arg) => arg !== '--headless'),
        headless: true,
        extensionDevelopmentPath: projectRoot,
        extensionTestsPath: testsEntry,
        folderPath: scratch.workspace,
        quality: 'stable',
        commit: BUILD_COMMIT,
        testRunnerDataDir: join(cache, 'data'),
        esm: true,
        port: await freePort(),
        host: '127.0.0.1',
        printServerLog: false,
      }).catch((error) => {
        // A failing suite rejects ("Test failed"): the counts tell.
        if (!result) throw error;
      }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`The web extension-host suite did not finish within ${SUITE_TIMEOUT_MS / 60_000} minutes`)), SUITE_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    Object.assign(console, original);
    for (const [name, value] of Object.entries(environmentBefore)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  if (!result) {
    console.error(output.slice(-40).join('\n'));
    throw new Error(`${testsEntry} printed no result in the web extension host`);
  }
  removeScratch(scratch, { passed: !(result.failed > 0) });
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runWebExtensionHostSuite()
    .then((result) => {
      console.log(`web extension host: ${result.passed} passed, ${result.failed} failed`);
      process.exit(result.failed > 0 ? 1 : 0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
