import 'mocha/mocha.js';
import type MochaType from 'mocha';
import { consoleLineReporter, runAndReport } from './consoleLineReporter';

// The mocha entry for the web extension host (a web worker, as in vscode.dev): the same test files as
// index.ts, bundled by build.mjs into one script, since a worker cannot read its folder. mocha's
// browser build sets the globals `mocha` and `Mocha`.
declare const MARGINALIA_EXTENSION_HOST_TESTS: string[];
/** MARGINALIA_TEST_GREP when the tests were built (see index.ts). */
declare const MARGINALIA_TEST_GREP: string;
declare const mocha: MochaType & { setup(options: MochaType.MochaOptions): MochaType };
declare const Mocha: typeof MochaType;

export function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', timeout: 30_000, color: false, reporter: consoleLineReporter(Mocha.reporters.Base), ...(MARGINALIA_TEST_GREP ? { grep: MARGINALIA_TEST_GREP } : {}) });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild bundles every ./*.test.ts for this pattern; a worker cannot list its folder
  for (const name of MARGINALIA_EXTENSION_HOST_TESTS) require(`./${name}.test.ts`);
  return runAndReport(mocha);
}
