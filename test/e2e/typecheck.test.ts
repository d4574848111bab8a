import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { expect, it } from 'vitest';

// vitest strips types without checking them; this runs the compiler over the whole project
// (sources, tests, bench) beside the other test files instead of before them, on one thread: the
// other test files keep the cores busy, and its own threads would only fight them.
it('type-checks', () => {
  const root = path.resolve(__dirname, '..', '..');
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--singleThreaded'], { cwd: root, encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
});
