// `npm run synth` and `npm run check` in a checkout: brings build/ up to date with `tsc -b`, then
// runs the command line in this same process, so that manifests never come from stale code. Not
// part of the package: installed, `cdk8s-mailpit` runs its build directly. `--build-only` (npm run
// build) stops after the build.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.dirname(__dirname);
const tsconfig = path.join(root, 'tsconfig.build.json');
const buildInfo = path.join(root, 'build', 'tsconfig.build.tsbuildinfo');

/** The newest modification time among the build's inputs: its tsconfig files and what they include. */
function newestInput() {
  const newest = (entry) => {
    const stat = fs.statSync(entry);
    if (!stat.isDirectory()) {
      return stat.mtimeMs;
    }
    return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newest(path.join(entry, name))));
  };
  const { include } = JSON.parse(fs.readFileSync(tsconfig, 'utf8'));
  return Math.max(...[tsconfig, path.join(root, 'tsconfig.json'), ...include.map((entry) => path.join(root, entry))].map(newest));
}

/**
 * Like `tsc -b` itself, a build is current when no input is newer than its build info, and that
 * build succeeded: a failed build writes its build info too, with its errors noted, and emits
 * nothing. Starting the compiler only to hear that the build is current costs a fork of this
 * process, a tenth of the whole synthesis.
 */
function buildIsCurrent() {
  try {
    if (fs.statSync(buildInfo).mtimeMs < newestInput()) {
      return false;
    }
    const info = JSON.parse(fs.readFileSync(buildInfo, 'utf8'));
    return !Object.entries(info).some(([key, value]) => /error|pending/i.test(key) && value);
  } catch {
    return false;
  }
}

/** TypeScript 7's compiler is a native program; its `tsc` script only finds and starts it. */
function compiler() {
  try {
    const platform = path.dirname(require.resolve(`@typescript/typescript-${process.platform}-${process.arch}/package.json`, { paths: [root] }));
    return [path.join(platform, 'lib', process.platform === 'win32' ? 'tsc.exe' : 'tsc'), []];
  } catch {
    return [process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] })]];
  }
}

/**
 * Removes what a build wrote for a source that is gone: a module moved into a folder of its own
 * name would otherwise still be loaded from its old file, since Node prefers `x.js` to `x/index.js`.
 */
function pruneStale(folder = path.join(root, 'build')) {
  for (const entry of fs.existsSync(folder) ? fs.readdirSync(folder, { withFileTypes: true }) : []) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      pruneStale(file);
      continue;
    }
    const output = /\.(?:d\.ts|js)$/.exec(entry.name);
    if (output && !fs.existsSync(`${path.join(root, path.relative(path.join(root, 'build'), file)).slice(0, -output[0].length)}.ts`)) {
      fs.rmSync(file);
    }
  }
}

if (!buildIsCurrent()) {
  pruneStale();
  const [command, prefix] = compiler();
  const build = spawnSync(command, [...prefix, '-b', tsconfig], { stdio: 'inherit' });
  if (build.status !== 0) {
    process.stderr.write(`the build failed${build.error ? ` (${build.error.message})` : ''}: nothing was written\n`);
    process.exit(build.status || 1);
  }
}
if (process.argv[2] === '--build-only') {
  process.exit(0);
}
process.argv.splice(1, 1, path.join(root, 'build', 'main.js'));
require('../build/main.js');
