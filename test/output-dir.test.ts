import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FileSystem, OutputDirError, replaceOutputDir } from '../lib/synth/output-dir';
import { MANIFEST_HEADER } from '../lib/synth/render';
import { contents, scratch } from './support/cli';

const tmp = scratch('outdir');

/** The calls that change something or check a permission: each in turn is made to fail. */
const FALLIBLE = ['accessSync', 'chmodSync', 'mkdirSync', 'mkdtempSync', 'renameSync', 'rmdirSync', 'rmSync', 'writeFileSync'] as const;

/** The real file system, but for the `failAt`-th fallible call, which fails as permission denied. */
function faulty(failAt: number): { files: FileSystem; calls: () => number } {
  let count = 0;
  const files = { ...fs } as Record<string, unknown>;
  for (const name of FALLIBLE) {
    files[name] = (...args: unknown[]) => {
      if (count++ === failAt) {
        throw Object.assign(new Error(`EACCES: permission denied, ${name}`), { code: 'EACCES' });
      }
      return (fs[name] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return { files: files as unknown as FileSystem, calls: () => count };
}

const ours = (name: string, text: string) => ({ name, content: `${MANIFEST_HEADER}${text}\n` });

describe('replacing the output folder is all or nothing', () => {
  it.each([
    ['an existing folder', true],
    ['a folder not there yet, under missing parents', false],
  ])('leaves no trace when any step fails: %s', (_, existing) => {
    const root = tmp.next();
    const outdir = existing ? path.join(root, 'out') : path.join(root, 'a', 'b', 'out');
    fs.mkdirSync(root);
    if (existing) {
      replaceOutputDir(outdir, [ours('old.k8s.yaml', 'old'), ours('kept.k8s.yaml', 'kept')]);
    }
    const before = contents(root);
    const next = [ours('new.k8s.yaml', 'new'), ours('kept.k8s.yaml', 'changed')];

    // Each fallible call in turn fails, until a run makes them all: that one completes.
    for (let failAt = 0; ; failAt++) {
      expect(failAt, 'a replacement makes a bounded number of calls').toBeLessThan(50);
      const { files } = faulty(failAt);
      let error: unknown;
      try {
        replaceOutputDir(outdir, next, '--outdir', files);
      } catch (e) {
        error = e;
      }
      if (error === undefined) {
        expect(failAt, 'every step was made to fail once').toBeGreaterThanOrEqual(existing ? 8 : 6);
        expect(contents(path.dirname(outdir))).toEqual({ out: '<dir>', 'out/kept.k8s.yaml': next[1].content, 'out/new.k8s.yaml': next[0].content });
        break;
      }
      expect(error, `failure at call ${failAt}`).toBeInstanceOf(OutputDirError);
      expect((error as Error).message).toMatch(/^--outdir ".*" cannot be written: EACCES: permission denied, \w+$/);
      expect(contents(root), `failure at call ${failAt}`).toEqual(before);
    }
  });

  it('refuses a folder whose files it could not remove, before writing anything', () => {
    const root = tmp.next();
    const outdir = path.join(root, 'out');
    fs.mkdirSync(root);
    replaceOutputDir(outdir, [ours('old.k8s.yaml', 'old')]);
    const before = contents(root);
    const files = {
      ...fs,
      accessSync: () => {
        throw Object.assign(new Error('EACCES: permission denied, access'), { code: 'EACCES' });
      },
    } as unknown as FileSystem;
    expect(() => replaceOutputDir(outdir, [ours('new.k8s.yaml', 'new')], '--outdir', files)).toThrow(/cannot be written: EACCES/);
    expect(contents(root)).toEqual(before);
  });
});
