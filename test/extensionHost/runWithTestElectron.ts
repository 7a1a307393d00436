import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

// `npm run test:electron`: the extension-host suite in a desktop VS Code that @vscode/test-electron
// downloads (on machines with network). The same suite runs in code-server with `npm run test:extension-host`.
async function main(): Promise<void> {
  const projectRoot = join(__dirname, '../../..');
  const { mkdtempSync, cpSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const workspace = mkdtempSync(join(tmpdir(), 'marginalia-electron-'));
  cpSync(join(projectRoot, 'articles'), join(workspace, 'articles'), { recursive: true });
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: projectRoot,
    extensionTestsPath: join(__dirname, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
  // Kept when the run fails (runTests rejects): the workspace shows what the tests left.
  rmSync(workspace, { recursive: true, force: true });
}

main().catch((error) => {
  console.error('The extension-host tests failed or could not start:', error);
  process.exit(1);
});
