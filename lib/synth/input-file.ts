import * as fs from 'node:fs';

/** The largest roster or manifest file read: far above any class or chart, far below a machine's memory. */
export const INPUT_FILE_LIMIT = 16 * 1024 * 1024;

/** A file that cannot be read as input. The message says why, on one line. */
export class InputFileError extends Error {
  public constructor(public readonly reason: string) {
    super(reason);
    this.name = 'InputFileError';
  }
}

/**
 * The text of a regular file of at most `limit` bytes. Anything else is refused before a byte is
 * read: a FIFO would block, and a device such as /dev/zero never ends. The file is opened without
 * blocking and checked through its own descriptor, so that it cannot be swapped in between.
 */
export function readInputFile(file: string, limit = INPUT_FILE_LIMIT): string {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw new InputFileError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      const kind = stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a FIFO' : stat.isCharacterDevice() ? 'a character device' : 'a special file';
      throw new InputFileError(`is ${kind}, not a regular file`);
    }
    const tooLarge = () => new InputFileError(`is larger than ${limit / 1024 / 1024} MiB, the most read`);
    if (stat.size > limit) {
      throw tooLarge();
    }
    // Read to the end, but never past the limit: a file that grows meanwhile is caught too.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) {
        break;
      }
      total += read;
      if (total > limit) {
        throw tooLarge();
      }
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof InputFileError) {
      throw error;
    }
    throw new InputFileError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    fs.closeSync(fd);
  }
}
