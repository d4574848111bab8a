// `npm run synth` and `npm run check` in a checkout: brings build/ up to date with `tsc -b` (a no-op
// when nothing changed), then runs the command line in this same process, so that manifests never
// come from stale code. Not part of the package: installed, `cdk8s-mailpit` runs its build directly.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.dirname(__dirname);

/**
 * TypeScript 7's compiler is a native program; its `tsc` script only finds and starts it. Starting
 * it directly saves that Node.js start-up, the larger part of a no-op build.
 */
function compiler() {
  try {
    const platform = path.dirname(require.resolve(`@typescript/typescript-${process.platform}-${process.arch}/package.json`, { paths: [root] }));
    return [path.join(platform, 'lib', process.platform === 'win32' ? 'tsc.exe' : 'tsc'), []];
  } catch {
    return [process.execPath, [require.resolve('typescript/bin/tsc', { paths: [root] })]];
  }
}

const [command, prefix] = compiler();
const build = spawn(command, [...prefix, '-b', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
// While the compiler checks our sources, load the dependencies, which no build of ours changes.
for (const dependency of ['cdk8s', 'constructs', 'commander', 'valibot']) {
  require(require.resolve(dependency, { paths: [root] }));
}
build.on('error', (error) => {
  process.stderr.write(`the build could not start (${error.message}): nothing was written\n`);
  process.exitCode = 1;
});
build.on('exit', (code) => {
  if (code !== 0) {
    process.stderr.write('the build failed: nothing was written\n');
    process.exitCode = code ?? 1;
    return;
  }
  process.argv.splice(1, 1, path.join(root, 'build', 'main.js'));
  require('../build/main.js');
});
