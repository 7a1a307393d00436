// Runs the extension-host mocha suite (out/test/extensionHost/index.js) inside code-server's real
// extension host, with the extension loaded from the project folder as under development.
// On a desktop with network, `npm run test:electron` runs the very same suite with @vscode/test-electron.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyArticlesInto, createScratch, developmentOptionsScript, launchChromium, projectRoot, removeScratch, startCodeServer } from './codeServer.mjs';

const RESULT_MARKER = 'MARGINALIA_TEST_RESULT ';
const LOG_MARKER = 'MARGINALIA_TEST_LOG ';
const SUITE_TIMEOUT_MS = 10 * 60_000;

/** Resolves to { passed, failed, pending, exitCode }. */
export function runExtensionHostSuite({ verbose = true } = {}) {
  return runInExtensionHost({ testsEntry: join(projectRoot, 'out/test/extensionHost/index.js'), resultMarker: RESULT_MARKER, verbose });
}

/**
 * Runs a `run()` entry in code-server's extension host with the extension under development, and
 * resolves to the JSON it prints after `resultMarker`, plus the workbench's exit code.
 */
export async function runInExtensionHost({ testsEntry, resultMarker, verbose = true }) {
  if (!existsSync(testsEntry)) throw new Error(`${testsEntry} is missing: run \`npm run build\` first.`);
  const scratch = createScratch('extension-host');
  copyArticlesInto(scratch.workspace);
  const server = await startCodeServer(scratch);
  const browser = await launchChromium();
  const consoleLog = [];
  let passed = false;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const authority = `${server.host}:${server.port}`;
    await page.addInitScript(developmentOptionsScript({ authority, extensionPath: projectRoot, testsPath: testsEntry }));
    let result;
    const exited = new Promise((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code) => {
        resolveExit(code);
        return Promise.resolve();
      });
    });
    const pendingMessages = [];
    page.on('console', (message) => {
      // Extension-host output arrives as ("%c[Extension Host]", style, ...original arguments).
      pendingMessages.push(
        Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '')))
          .then((values) => {
            const parts = values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
            const text = parts.join(' ');
            consoleLog.push(text);
            const resultAt = text.indexOf(resultMarker);
            const logAt = text.indexOf(LOG_MARKER);
            if (resultAt !== -1) result = JSON.parse(text.slice(resultAt + resultMarker.length).trim());
            else if (logAt !== -1 && verbose) process.stdout.write(`  ${text.slice(logAt + LOG_MARKER.length)}\n`);
          })
          .catch(() => {}),
      );
    });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(scratch.workspace)}`);
    let timer;
    const exitCode = await Promise.race([
      exited,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the extension-host run did not finish in time')), SUITE_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    await Promise.all(pendingMessages);
    writeFileSync(join(scratch.root, 'console.log'), consoleLog.join('\n'));
    if (!result) throw new Error(`the extension-host run ended (exit ${exitCode}) without reporting results; see ${join(scratch.root, 'console.log')}`);
    // A benchmark entry reports no failures.
    passed = !(result.failed > 0) && exitCode === 0;
    return { ...result, exitCode };
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    removeScratch(scratch, { passed });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runExtensionHostSuite()
    .then((result) => {
      console.log(`extension host: ${result.passed} passed, ${result.failed} failed`);
      process.exitCode = result.failed > 0 || result.exitCode !== 0 ? 1 : 0;
    })
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
