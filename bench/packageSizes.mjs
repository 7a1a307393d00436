// Part of `npm run bench`: the release bundles and the .vsix, against the size budgets below. Builds the
// release into a scratch copy of dist/ and packages it there, so the development build stays as it is.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(fileURLToPath(import.meta.url), '../..');
// Budgets, in bytes: what the extension may weigh before someone must say why it should weigh more.
const BUDGETS = {
  'dist/extension.js': 600_000,
  'dist/web/extension.js': 600_000,
  'dist/cli.js': 700_000,
  'marginalia.vsix': 1_000_000,
};

const scratch = mkdtempSync(join(tmpdir(), 'mg-package-'));
try {
  // A copy of what the build and vsce read; node_modules linked, not copied.
  for (const entry of ['package.json', 'package-lock.json', 'build.mjs', 'tsconfig.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'src', 'media']) {
    cpSync(join(projectRoot, entry), join(scratch, entry), { recursive: true });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(scratch, 'node_modules'));
  execFileSync(process.execPath, ['build.mjs', '--release', '--no-tests'], { cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(process.execPath, [join(projectRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', 'marginalia.vsix'], { cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log('\nPackage sizes (release build), against their budgets\n');
  console.log('file                       size KB   budget KB   used');
  let over = false;
  for (const [file, budget] of Object.entries(BUDGETS)) {
    const size = statSync(join(scratch, file)).size;
    over ||= size > budget;
    console.log(`${file.padEnd(26)} ${(size / 1000).toFixed(1).padStart(8)}   ${(budget / 1000).toFixed(0).padStart(9)}   ${((100 * size) / budget).toFixed(0).padStart(3)}%${size > budget ? '  OVER BUDGET' : ''}`);
  }
  console.log(over ? '\nA budget is exceeded.' : '\nEvery size is within its budget.');
  process.exitCode = over ? 1 : 0;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
