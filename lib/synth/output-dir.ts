import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_HEADER, type OutputFile } from './manifest-file';

/** The output folder cannot be used. The message is one line. */
export class OutputDirError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'OutputDirError';
  }
}

const OUR_FILE_NAME = /^[a-z0-9][a-z0-9.-]*\.k8s\.yaml$/;

/** The file system calls that replacing a folder makes: tests inject a failure into each of them. */
export type FileSystem = Pick<
  typeof fs,
  | 'accessSync'
  | 'chmodSync'
  | 'closeSync'
  | 'existsSync'
  | 'mkdirSync'
  | 'mkdtempSync'
  | 'openSync'
  | 'readdirSync'
  | 'readSync'
  | 'realpathSync'
  | 'renameSync'
  | 'rmdirSync'
  | 'rmSync'
  | 'statSync'
  | 'writeFileSync'
>;

/** Entries of `dir` that we did not write: anything but a manifest file that starts with our header. */
export function foreignEntries(dir: string, files: FileSystem = fs): string[] {
  return files
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !(entry.isFile() && OUR_FILE_NAME.test(entry.name) && startsWithHeader(path.join(dir, entry.name), files)))
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
    .sort();
}

function startsWithHeader(file: string, files: FileSystem): boolean {
  const buffer = Buffer.alloc(MANIFEST_HEADER.length);
  const fd = files.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const read = files.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8') === MANIFEST_HEADER;
  } finally {
    files.closeSync(fd);
  }
}

/**
 * Makes `outdir` hold exactly `files`, or leaves everything as it was. The new folder is written
 * beside the old one and swapped in by renames; the old one is removed last, and if that fails the
 * old one is swapped back. A folder holding anything we did not write is refused before anything
 * is written, and so is one whose files we could not remove.
 */
export function replaceOutputDir(outdir: string, files: readonly OutputFile[], option = '--outdir', fileSystem: FileSystem = fs): void {
  try {
    replace(outdir, files, option, fileSystem);
  } catch (error) {
    if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
      throw new OutputDirError(`${option} ${JSON.stringify(outdir)} cannot be written: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
}

function replace(outdir: string, files: readonly OutputFile[], option: string, fsys: FileSystem): void {
  const target = resolveTarget(outdir, option, fsys);
  const exists = fsys.existsSync(target);
  if (exists) {
    const foreign = foreignEntries(target, fsys);
    if (foreign.length > 0) {
      const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ', ...' : '');
      throw new OutputDirError(
        `${option} ${JSON.stringify(outdir)} holds ${foreign.length} file(s) cdk8s-mailpit did not write (${shown}); use a new or empty folder, or one that only holds our manifests`,
      );
    }
    // Its files will be removed at the end: find out now whether they can be, before writing.
    fsys.accessSync(target, fs.constants.W_OK | fs.constants.X_OK);
  }

  const parent = path.dirname(target);
  const createdParents = makeParents(parent, fsys);
  let staging: string;
  try {
    staging = fsys.mkdtempSync(path.join(parent, `.${path.basename(target)}.new-`));
  } catch (error) {
    removeEmpty(createdParents, fsys);
    throw error;
  }
  const retired = `${staging}.old`;
  try {
    for (const file of files) {
      fsys.writeFileSync(path.join(staging, file.name), file.content, { flag: 'wx' });
    }
    fsys.chmodSync(staging, 0o755);
    if (!exists) {
      fsys.renameSync(staging, target);
      return;
    }
    fsys.renameSync(target, retired);
    try {
      fsys.renameSync(staging, target);
    } catch (error) {
      fsys.renameSync(retired, target);
      throw error;
    }
    try {
      fsys.rmSync(retired, { recursive: true });
    } catch (error) {
      // The command fails, so the old output comes back, and the new one goes.
      fsys.renameSync(target, staging);
      fsys.renameSync(retired, target);
      throw error;
    }
  } catch (error) {
    fsys.rmSync(staging, { recursive: true, force: true });
    removeEmpty(createdParents, fsys);
    throw error;
  }
}

/**
 * Creates the missing folders above the output folder, one at a time, and returns them. Node 20's
 * `mkdirSync(…, { recursive: true })` never returns on some paths, such as one under /proc.
 */
function makeParents(dir: string, fsys: FileSystem): string[] {
  const missing: string[] = [];
  for (let current = dir; !fsys.existsSync(current); current = path.dirname(current)) {
    missing.unshift(current);
  }
  const created: string[] = [];
  try {
    for (const folder of missing) {
      fsys.mkdirSync(folder);
      created.push(folder);
    }
  } catch (error) {
    removeEmpty(created, fsys);
    throw error;
  }
  return created;
}

function removeEmpty(folders: readonly string[], fsys: FileSystem): void {
  for (const folder of [...folders].reverse()) {
    fsys.rmdirSync(folder);
  }
}

/** The real path of the output folder, following a symbolic link so that the link survives. */
function resolveTarget(outdir: string, option: string, fsys: FileSystem): string {
  if (outdir.trim() === '') {
    throw new OutputDirError(`${option} "" is invalid: a folder path is required`);
  }
  const absolute = path.resolve(outdir);
  if (!fsys.existsSync(absolute)) {
    return absolute;
  }
  const real = fsys.realpathSync(absolute);
  if (!fsys.statSync(real).isDirectory()) {
    throw new OutputDirError(`${option} ${JSON.stringify(outdir)} is a file, not a folder: give a folder path`);
  }
  return real;
}
