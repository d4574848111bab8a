import { type Command, CommanderError } from 'commander';
import { InvalidOptionError, redactSecrets } from '../options/errors';
import { OutputDirError } from '../synth/output-dir';
import { type Io, processIo } from './io';

/**
 * Runs the command line and returns its exit code: 0 done, 1 a workload below its level (check),
 * 2 bad input, with one line on stderr.
 */
export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode = 0;
  const isCheck = argv[0] === 'check';
  // Only the command that runs is built: the other's modules stay unloaded, for a faster start.
  const command = isCheck ? (await import('./check.js')).checkCommand(io, (code) => (exitCode = code)) : (await import('./synth.js')).synthCommand(io);
  command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined });
  // synth is the default command, --help included: `npm run synth -- --help` documents its flags.
  const args = isCheck || argv[0] === 'synth' ? argv.slice(1) : [...argv];
  try {
    await command.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, command, io);
  }
}

function reportError(error: unknown, command: Command, io: Io): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) {
      return 0; // --help
    }
    const allowed = `${command.options.map((option) => option.long).join(', ')}, --help`;
    const message =
      error.code === 'commander.unknownOption'
        ? `${error.message}; allowed: ${allowed}`
        : error.code === 'commander.excessArguments'
          ? `error: unexpected argument ${JSON.stringify(command.args[0])}: this command takes only options (${allowed})`
          : error.message;
    io.err(`${oneLine(redactSecrets(message))}\n`);
    return 2;
  }
  if (error instanceof InvalidOptionError || error instanceof OutputDirError) {
    io.err(`error: ${oneLine(redactSecrets(error.message))}\n`);
    return 2;
  }
  throw error;
}

/** Every error is one line, whatever the library or the user's text held. */
function oneLine(text: string): string {
  // One character class, no quantifier on either side: linear in the text, however long.
  return text.replace(/[\r\n\u2028\u2029]/g, ' ');
}
