import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

const LOG_MARKER = 'MARGINALIA_TEST_LOG ';

/**
 * Prints each result as one plain console line: the extension host forwards console.log to the
 * workbench (and the harness reads it there), while mocha's spec reporter writes format strings.
 */
class ConsoleLineReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    let depth = 0;
    runner.on('suite', (suite) => {
      if (suite.title) console.log(`${LOG_MARKER}${'  '.repeat(depth)}${suite.title}`);
      depth++;
    });
    runner.on('suite end', () => depth--);
    runner.on('pass', (test) => console.log(`${LOG_MARKER}${'  '.repeat(depth)}✔ ${test.title} (${test.duration ?? 0} ms)`));
    runner.on('pending', (test) => console.log(`${LOG_MARKER}${'  '.repeat(depth)}- ${test.title} (pending)`));
    runner.on('fail', (test, error: Error) => {
      console.log(`${LOG_MARKER}${'  '.repeat(depth)}✘ ${test.title}`);
      for (const line of String(error.stack ?? error.message).split('\n')) console.log(`${LOG_MARKER}${'  '.repeat(depth + 2)}${line}`);
    });
  }
}

// The mocha entry that VS Code's extension host calls (extensionTestsPath): test-electron on a desktop,
// code-server here. It prints one result line that the code-server harness reads from the console.
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: ConsoleLineReporter });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      console.log(`MARGINALIA_TEST_RESULT ${JSON.stringify({ passed: passes, failed: failures, pending })}`);
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
  });
}
