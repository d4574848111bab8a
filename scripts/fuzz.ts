// npm run fuzz [-- --minutes N]: the properties of hostile input (test/properties/), with random
// seeds and many runs, until the time is up. Each batch prints its seed, so a failure can be
// replayed: the test suite runs the same properties with a fixed one.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { properties } from '../test/properties/properties';

const minutes = Number(process.argv[process.argv.indexOf('--minutes') + 1] || 10);
const BATCH = 25; // runs of the suite's count per batch: the seed changes every batch

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mailpit-fuzz-'));
  const end = Date.now() + minutes * 60_000;
  const runs = new Map<string, number>();
  try {
    while (Date.now() < end) {
      for (const { name, runs: base, property } of properties(work)) {
        const seed = Math.floor(Math.random() * 2 ** 31);
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
        if (Date.now() >= end) {
          break;
        }
      }
    }
    process.stdout.write(`\nclean after ${minutes} min:\n${[...runs].map(([name, count]) => `  ${count.toLocaleString('en-US')} runs  ${name}`).join('\n')}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

void main();
