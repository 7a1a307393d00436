import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { consoleLineReporter, runAndReport } from './consoleLineReporter';

// The mocha entry that VS Code's extension host calls (extensionTestsPath): test-electron on a desktop,
// code-server here. It prints one result line that the code-server harness reads from the console.
// webIndex.ts is the same for the web extension host.
export function run(): Promise<void> {
  // MARGINALIA_TEST_GREP runs only the tests whose titles match it, while working on them.
  const grep = process.env.MARGINALIA_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: consoleLineReporter(Mocha.reporters.Base), ...(grep ? { grep } : {}) });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return runAndReport(mocha);
}
