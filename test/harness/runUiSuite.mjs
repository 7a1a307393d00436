// Runs the UI tests (out/test/ui/*.test.js): packages the extension as a .vsix, installs it into a
// fresh code-server, opens a copy of the articles, and lets mocha drive Chromium through Playwright.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerVersion, copyArticlesInto, createScratch, installVsix, OLDEST_CODE_SERVER, projectRoot, removeScratch, startCodeServer } from './codeServer.mjs';

/** The UI tests' screenshots that the README shows (media/screenshots/). */
const README_SCREENSHOTS = ['hover-system-card.png', 'claims-view.png', 'reading-page-card.png', 'suggestion-card.png'];

/** Resolves to { passed, failed, pending }. */
export async function runUiSuite() {
  const vsix = join(projectRoot, 'marginalia.vsix');
  execFileSync(process.execPath, [join(projectRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', vsix], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const scratch = createScratch('ui');
  installVsix(scratch, vsix);
  copyArticlesInto(scratch.workspace);
  const server = await startCodeServer(scratch);
  // The newest VS Code's screenshots in a folder of their own, beside the oldest's.
  const newest = codeServerVersion() !== OLDEST_CODE_SERVER;
  const screenshots = join(projectRoot, 'test-results', 'screenshots', ...(newest ? [`code-server-${codeServerVersion()}`] : []));
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  let passed = false;
  try {
    const { default: Mocha } = await import('mocha');
    // No retries: a test that fails once has a cause to find (issue 10).
    // MARGINALIA_TEST_GREP runs only the tests whose titles match it, while working on them.
    const grep = process.env.MARGINALIA_TEST_GREP;
    const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, reporter: 'spec', ...(grep ? { grep } : {}) });
    const folder = join(projectRoot, 'out/test/ui');
    if (!existsSync(folder)) throw new Error('out/test/ui is missing: run `npm run build` first.');
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.test.js')).sort()) mocha.addFile(join(folder, file));
    process.env.MARGINALIA_UI_URL = server.url;
    process.env.MARGINALIA_UI_WORKSPACE = scratch.workspace;
    process.env.MARGINALIA_SCREENSHOTS = screenshots;
    const stats = await new Promise((resolveRun) => {
      const runner = mocha.run(() => resolveRun(runner.stats));
    });
    // The test files leave Node's module cache, so that the next VS Code's UI layer in this process loads and runs them again.
    mocha.unloadFiles();
    console.log(`Screenshots: ${screenshots}`);
    // `npm run screenshots`: the README's pictures are these runs' own, so they stay true.
    if (process.env.MARGINALIA_UPDATE_README_SCREENSHOTS && stats.failures === 0 && !newest) {
      const readme = join(projectRoot, 'media', 'screenshots');
      mkdirSync(readme, { recursive: true });
      for (const name of README_SCREENSHOTS) copyFileSync(join(screenshots, name), join(readme, name));
      console.log(`README screenshots updated: ${readme}`);
    }
    passed = stats.failures === 0;
    return { passed: stats.passes, failed: stats.failures, pending: stats.pending };
  } finally {
    await server.stop();
    removeScratch(scratch, { passed });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runUiSuite()
    .then((result) => {
      console.log(`ui: ${result.passed} passed, ${result.failed} failed`);
      process.exitCode = result.failed > 0 ? 1 : 0;
    })
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
