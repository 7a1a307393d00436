// `npm start`: builds and packages the extension, installs it, and opens the sample article in a real
// VS Code: the desktop `code` where there is one, otherwise code-server in the browser (its address is
// printed; it runs until Ctrl+C).
//   MARGINALIA_PORT=8080 npm start       choose code-server's port (default 8080)
//   MARGINALIA_HOST=0.0.0.0 npm start    listen beyond this machine (default 127.0.0.1)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createScratch, ensureCodeServer, installVsix, projectRoot, startCodeServer } from './codeServer.mjs';

const SAMPLE_ARTICLE = join(projectRoot, 'articles', 'dw-albania-iran-cyberattacks.md');
const vsix = join(projectRoot, 'marginalia.vsix');

function run(command, args) {
  execFileSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
}

if (!existsSync(join(projectRoot, 'node_modules'))) run('npm', ['ci', '--no-audit', '--no-fund']);
run(process.execPath, ['build.mjs', '--release', '--no-tests']);
run(process.execPath, [join(projectRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', vsix]);

const desktop = spawnSync('code', ['--version'], { encoding: 'utf8' });
if (desktop.status === 0 && !process.env.MARGINALIA_USE_CODE_SERVER) {
  run('code', ['--install-extension', vsix, '--force']);
  run('code', [projectRoot, SAMPLE_ARTICLE]);
  console.log('Opened the sample article in VS Code with Marginalia installed.');
} else {
  ensureCodeServer();
  const scratch = createScratch('start');
  installVsix(scratch, vsix);
  mkdirSync(scratch.workspace, { recursive: true });
  const port = Number(process.env.MARGINALIA_PORT ?? 8080);
  const host = process.env.MARGINALIA_HOST ?? '127.0.0.1';
  const server = await startCodeServer(scratch, { folder: projectRoot, port, host });
  const payload = encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://${host}:${port}${SAMPLE_ARTICLE}`]]));
  console.log('\nMarginalia is running in code-server (VS Code in the browser). Open:\n');
  console.log(`  http://${host}:${port}/?folder=${encodeURIComponent(projectRoot)}&payload=${payload}\n`);
  console.log('The sample article opens with its actors and systems highlighted. Press Ctrl+C to stop.');
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => {});
}
