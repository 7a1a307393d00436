import { runCli } from './marginaliaCli';

declare const MARGINALIA_VERSION: string;

// A reader that goes away (`marginalia export … | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const status = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  version: typeof MARGINALIA_VERSION === 'string' ? MARGINALIA_VERSION : 'development',
});
if (typeof status === 'number') process.exitCode = status;
else void status.then((code) => (process.exitCode = code));
