import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

// Builds once before the end-to-end tests, which run in parallel: the packed package and the real
// command line then find a current build, and never compile at the same time.
export default function build(): void {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'run-fresh.cjs'), '--build-only'], { cwd: root, stdio: 'inherit' });
}
