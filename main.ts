#!/usr/bin/env node
// The command line: `cdk8s-mailpit [synth] [flags]` and `cdk8s-mailpit check`. See lib/cli/.
import { run } from './lib/cli/run';

// `npm run check | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    throw error;
  }
});
void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
