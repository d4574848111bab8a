// npm run fuzz [-- --minutes N]: the properties of hostile input (test/properties/), with random
// seeds and many runs, until the time is up. Each batch prints its seed, so that a failure can be
// replayed with `npm run fuzz -- --seed N`: one batch of every property with that seed. The test
// suite runs the same properties with a fixed one.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { properties } from '../test/properties/properties';

const option = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const minutes = Number(option('--minutes') ?? 10);
const replay = option('--seed') === undefined ? undefined : Number(option('--seed'));
const BATCH = 25; // runs of the suite's count per batch: the seed changes every batch

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mailpit-fuzz-'));
  const end = replay === undefined ? Date.now() + minutes * 60_000 : 0;
  const runs = new Map<string, number>();
  try {
    do {
      for (const { name, runs: base, property } of properties(work)) {
        const seed = replay ?? Math.floor(Math.random() * 2 ** 31);
        const numRuns = base * BATCH;
        const result = await fc.check(property, { seed, numRuns, endOnFailure: true });
        if (result.failed) {
          const cause = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
          process.stderr.write(`\nFAILED: ${name}\nseed ${seed}, path ${result.counterexamplePath}\n${fc.defaultReportMessage(result)}\n${cause}\n`);
          process.exitCode = 1;
          return;
        }
        runs.set(name, (runs.get(name) ?? 0) + numRuns);
        process.stdout.write(`${new Date().toISOString().slice(11, 19)}  seed ${seed}  ${numRuns} runs  ${name}\n`);
        if (Date.now() >= end && replay === undefined) {
          break;
        }
      }
    } while (Date.now() < end);
    process.stdout.write(
      `\nclean ${replay === undefined ? `after ${minutes} min` : `with seed ${replay}`}:\n${[...runs].map(([name, count]) => `  ${count.toLocaleString('en-US')} runs  ${name}`).join('\n')}\n`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

void main();
