import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST_HEADER, OutputFile } from './render';

/** The output folder cannot be used. The message is one line. */
export class OutputDirError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'OutputDirError';
  }
}

const OUR_FILE_NAME = /^[a-z0-9][a-z0-9.-]*\.k8s\.yaml$/;

/** Entries of `dir` that we did not write: anything but a manifest file that starts with our header. */
export function foreignEntries(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !(entry.isFile() && OUR_FILE_NAME.test(entry.name) && startsWithHeader(path.join(dir, entry.name))))
    .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
    .sort();
}

function startsWithHeader(file: string): boolean {
  const buffer = Buffer.alloc(MANIFEST_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8') === MANIFEST_HEADER;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Makes `outdir` hold exactly `files`. The new folder is written beside the old one and renamed
 * over it, so a failure leaves the old folder as it was. A folder holding anything we did not
 * write is refused before anything is written.
 */
export function replaceOutputDir(outdir: string, files: readonly OutputFile[], option = '--outdir'): void {
  try {
    replace(outdir, files, option);
  } catch (error) {
    if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
      throw new OutputDirError(`${option} ${JSON.stringify(outdir)} cannot be written: ${error.message.split('\n')[0]}`);
    }
    throw error;
  }
}

function replace(outdir: string, files: readonly OutputFile[], option: string): void {
  const target = resolveTarget(outdir, option);
  const exists = fs.existsSync(target);
  if (exists) {
    const foreign = foreignEntries(target);
    if (foreign.length > 0) {
      const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ', ...' : '');
      throw new OutputDirError(
        `${option} ${JSON.stringify(outdir)} holds ${foreign.length} file(s) cdk8s-mailpit did not write (${shown}); ` +
          'use a new or empty folder, or one that only holds our manifests',
      );
    }
  }

  const parent = path.dirname(target);
  const createdParents = makeParents(parent);
  let staging: string;
  try {
    staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.new-`));
  } catch (error) {
    removeEmpty(createdParents);
    throw error;
  }
  const retired = `${staging}.old`;
  try {
    for (const file of files) {
      fs.writeFileSync(path.join(staging, file.name), file.content, { flag: 'wx' });
    }
    fs.chmodSync(staging, 0o755);
    if (exists) {
      fs.renameSync(target, retired);
      try {
        fs.renameSync(staging, target);
      } catch (error) {
        fs.renameSync(retired, target);
        throw error;
      }
      fs.rmSync(retired, { recursive: true });
    } else {
      fs.renameSync(staging, target);
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    removeEmpty(createdParents);
    throw error;
  }
}

/**
 * Creates the missing folders above the output folder, one at a time, and returns them. Node 20's
 * `mkdirSync(…, { recursive: true })` never returns on some paths, such as one under /proc.
 */
function makeParents(dir: string): string[] {
  const missing: string[] = [];
  for (let current = dir; !fs.existsSync(current); current = path.dirname(current)) {
    missing.unshift(current);
  }
  const created: string[] = [];
  try {
    for (const folder of missing) {
      fs.mkdirSync(folder);
      created.push(folder);
    }
  } catch (error) {
    removeEmpty(created);
    throw error;
  }
  return created;
}

function removeEmpty(folders: readonly string[]): void {
  for (const folder of [...folders].reverse()) {
    fs.rmdirSync(folder);
  }
}

/** The real path of the output folder, following a symbolic link so that the link survives. */
function resolveTarget(outdir: string, option: string): string {
  if (outdir.trim() === '') {
    throw new OutputDirError(`${option} "" is invalid: a folder path is required`);
  }
  const absolute = path.resolve(outdir);
  if (!fs.existsSync(absolute)) {
    return absolute;
  }
  const real = fs.realpathSync(absolute);
  if (!fs.statSync(real).isDirectory()) {
    throw new OutputDirError(`${option} ${JSON.stringify(outdir)} is a file, not a folder: give a folder path`);
  }
  return real;
}
