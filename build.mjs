// Builds with esbuild:
//   dist/extension.js  the extension, one bundle, `vscode` external
//   dist/cli.js        the `marginalia` command
//   dist/core.js       the pure core as a plain Node module (+ dist/core.d.ts from tsc)
//   dist/marginalia.annotations.schema.json  for contributes.jsonValidation
//   out/               every source and test file transpiled one-to-one, for mocha
// Flags: --release (minify), --watch, --no-tests (skip out/).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';

const release = process.argv.includes('--release');
const watch = process.argv.includes('--watch');
const withTests = !process.argv.includes('--no-tests');
const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));

// The reading page's style (media/readingPage.css, with a rule per theme colour that package.json
// declares) and script (media/readingPage.ts, compiled here), with their CSP hashes: computed once at
// build time and inlined into the core, which then needs neither the manifest nor a hash function.
async function readingPageAssets() {
  const colours = packageJson.contributes.colors;
  const light = (id) => colours.find((colour) => colour.id === id)?.defaults.light ?? 'transparent';
  const variable = (id) => `var(--vscode-${id.replace('.', '-')}, ${light(id)})`;
  const rules = colours
    .filter((colour) => /^marginalia\.\w+MentionBackground$/.test(colour.id))
    .map((colour) => {
      const name = colour.id.slice('marginalia.'.length, -'MentionBackground'.length);
      const selector = name === 'actor' || name === 'system' ? `.marginalia-${name}` : `.marginalia-type-${name}`;
      return `${selector} { background-color: ${variable(colour.id)}; }`;
    });
  rules.push(`.marginalia-claim { border-bottom: 1px dashed ${variable('marginalia.claimPassageBorder')}; background-color: ${variable('marginalia.claimPassageBackground')}; }`);
  const style = `${readFileSync('media/readingPage.css', 'utf8')}\n${rules.join('\n')}\n`;
  const script = (await esbuild.transform(readFileSync('media/readingPage.ts', 'utf8'), { loader: 'ts', format: 'iife', target: 'es2020' })).code;
  const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  return { style, script, styleHash: hash(style), scriptHash: hash(script) };
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Release maps give stack traces without shipping the sources.
  sourcesContent: !release,
  minify: release,
  // jsonc-parser's UMD build requires its parts dynamically; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  define: { MARGINALIA_VERSION: JSON.stringify(packageJson.version), MARGINALIA_READING_PAGE: JSON.stringify(await readingPageAssets()) },
};

// The extension's first line notes when its bundle began to load, for the activation time the benchmark prints.
const loadTimer = { js: 'var MARGINALIA_LOAD_STARTED = performance.now();' };

const bundles = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], banner: loadTimer },
  // The same extension for the web extension host (vscode.dev, github.dev): a web worker, no Node built-ins.
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/web/extension.js', external: ['vscode'], banner: loadTimer, platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'] },
  { ...common, entryPoints: ['src/cli/cliMain.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/core.ts'], outfile: 'dist/core.js', minify: false },
];

function listTypeScript(folder) {
  const files = [];
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) files.push(...listTypeScript(path));
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const transpiled = {
  // Only when tests are built: a release build may run where there are no tests.
  entryPoints: withTests ? ['src', 'test', 'bench'].flatMap((folder) => listTypeScript(folder)) : [],
  outdir: 'out',
  outbase: '.',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: common.define,
};

// The extension-host tests for the web extension host: one browser bundle (a worker cannot list its
// folder), with Node's strict assert from the `assert` package, as VS Code's web extension samples do,
// and mocha's browser build.
const extensionHostTests = (withTests ? readdirSync('test/extensionHost') : []).filter((name) => name.endsWith('.test.ts')).map((name) => name.slice(0, -'.test.ts'.length)).sort();
const browserAssert = {
  name: 'browser-assert',
  setup(build) {
    build.onResolve({ filter: /^node:assert\/strict$/ }, () => ({ path: 'node:assert/strict', namespace: 'browser-assert' }));
    build.onLoad({ filter: /.*/, namespace: 'browser-assert' }, () => ({ contents: "module.exports = require('assert').strict;", resolveDir: '.', loader: 'js' }));
    // mocha's browser build is a UMD script in a "type": "module" package: loaded as what it is, a
    // CommonJS module, or its `module.exports = …` would replace the bundle's own exports.
    build.onResolve({ filter: /^mocha\/mocha\.js$/ }, () => ({ path: 'mocha/mocha.js', namespace: 'mocha-browser' }));
    build.onLoad({ filter: /.*/, namespace: 'mocha-browser' }, () => ({ contents: readFileSync('node_modules/mocha/mocha.js', 'utf8'), resolveDir: 'node_modules/mocha', loader: 'js' }));
  },
};
const webTests = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  entryPoints: ['test/extensionHost/webIndex.ts'],
  outfile: 'out/test/web/extensionHostTests.js',
  external: ['vscode'],
  plugins: [browserAssert],
  // The assert package reads process.stderr to lay out a failed assertion's diff; a worker has no process.
  define: {
    ...common.define,
    MARGINALIA_EXTENSION_HOST_TESTS: JSON.stringify(extensionHostTests),
    MARGINALIA_TEST_GREP: JSON.stringify(process.env.MARGINALIA_TEST_GREP ?? ''),
    'process.env.NODE_DEBUG': 'false',
    'process.stderr': 'undefined',
  },
};

// The activation benchmark's entry for the web extension host.
const webActivationBenchmark = { ...webTests, entryPoints: ['bench/extensionHost/activationBenchmark.ts'], outfile: 'out/bench/web/activationBenchmark.js' };
// The corpus benchmark bundled, as the extension and the CLI are: the per-file build above reaches
// every function of another module through a getter, a cost the shipped code does not have.
const corpusBenchmark = { ...common, minify: false, entryPoints: ['bench/corpusIndexBenchmark.ts'], outfile: 'out/bench/corpusIndexBenchmark.bundle.js' };

async function writeSchema() {
  // Load the schema from the freshly built core, so the JSON file and the loader never disagree.
  const require = createRequire(import.meta.url);
  const corePath = require.resolve('./dist/core.js');
  delete require.cache[corePath];
  const { annotationFileSchema, registrySchema } = require(corePath);
  writeFileSync('dist/marginalia.annotations.schema.json', `${JSON.stringify(annotationFileSchema, null, 2)}\n`);
  writeFileSync('dist/marginalia.registry.schema.json', `${JSON.stringify(registrySchema, null, 2)}\n`);
}

function writeCoreDeclarations() {
  const flags = ['--declaration', '--emitDeclarationOnly', '--strict', '--skipLibCheck', '--esModuleInterop', '--resolveJsonModule'];
  const options = [...flags, '--target', 'ES2022', '--module', 'commonjs', '--moduleResolution', 'node', '--types', 'node', '--rootDir', 'src', '--outDir', 'dist/types'];
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', ...options, 'src/core.ts'], { stdio: 'inherit' });
  // package.json "types" points here: a one-line entry beside dist/core.js.
  writeFileSync('dist/core.d.ts', "export * from './types/core';\n");
}

if (!watch) {
  rmSync('dist', { recursive: true, force: true });
  if (withTests) rmSync('out', { recursive: true, force: true });
}
mkdirSync('dist', { recursive: true });

if (watch) {
  const contexts = await Promise.all([...bundles, ...(withTests ? [transpiled, webTests, webActivationBenchmark, corpusBenchmark] : [])].map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  await writeSchema();
  console.log('esbuild: watching for changes');
} else {
  await Promise.all([...bundles, ...(withTests ? [transpiled, webTests, webActivationBenchmark, corpusBenchmark] : [])].map((options) => esbuild.build(options)));
  await writeSchema();
  writeCoreDeclarations();
}
