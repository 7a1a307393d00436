// Part of `npm run bench`: the release bundles and the .vsix, against the size budgets below. Builds the
// release into a scratch copy of dist/ and packages it there, so the development build stays as it is.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const projectRoot = join(fileURLToPath(import.meta.url), '../..');
// Budgets, in bytes: what the extension may weigh before someone must say why it should weigh more.
// Raised for issue 15 by what the suggestions' tagger (compromise/two, about 300 KB minified, printed
// below) needs in each bundle that suggests; the .vsix carries it twice (the desktop and the web
// bundle, a web worker loading one file only), each time with its source map (about 400 KB more).
const BUDGETS = {
  'dist/extension.js': 1_000_000,
  'dist/web/extension.js': 1_000_000,
  'dist/cli.js': 950_000,
  'marginalia.vsix': 1_450_000,
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
  // What the natural-language library of the suggestions (issue 15) adds to each bundle that has them.
  const { outputFiles } = await esbuild.build({ stdin: { contents: "export { default } from 'compromise/two';", resolveDir: projectRoot }, bundle: true, minify: true, write: false, format: 'cjs', platform: 'neutral', mainFields: ['module', 'main'] });
  console.log(`\ncompromise/two (the suggestions' tagger), minified: ${(outputFiles[0].contents.length / 1000).toFixed(1)} KB in each bundle that suggests`);
  console.log(over ? '\nA budget is exceeded.' : '\nEvery size is within its budget.');
  process.exitCode = over ? 1 : 0;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
