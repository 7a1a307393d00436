import type Mocha from 'mocha';

export const LOG_MARKER = 'MARGINALIA_TEST_LOG ';
export const RESULT_MARKER = 'MARGINALIA_TEST_RESULT ';

/**
 * A reporter that prints each result as one plain console line: the extension host forwards
 * console.log to the workbench (and the harness reads it there), while mocha's spec reporter writes
 * format strings. Made from the Base reporter of the mocha at hand (Node's, or the browser build's).
 */
export function consoleLineReporter(Base: typeof Mocha.reporters.Base): new (runner: Mocha.Runner, options?: Mocha.MochaOptions) => Mocha.reporters.Base {
  return class ConsoleLineReporter extends Base {
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
  };
}

/** Runs mocha and prints the one result line the harnesses read; rejects when a test failed. */
export function runAndReport(mocha: Mocha): Promise<void> {
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      console.log(`${RESULT_MARKER}${JSON.stringify({ passed: passes, failed: failures, pending })}`);
      if (failures > 0) reject(new Error(`${failures} extension-host tests failed`));
      else resolve();
    });
  });
}
