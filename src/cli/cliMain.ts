import { runCli } from './marginaliaCli';

declare const MARGINALIA_VERSION: string;

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  version: typeof MARGINALIA_VERSION === 'string' ? MARGINALIA_VERSION : 'development',
});
