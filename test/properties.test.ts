import fc from 'fast-check';
import { describe, it } from 'vitest';
import { properties } from './properties/properties';
import { scratch } from './support/cli';

// Hostile input, with a fixed seed and a few hundred runs; `npm run fuzz` runs the same properties
// with a random seed for as long as it is given.
describe('properties of hostile input (fixed seed)', () => {
  for (const { name, runs, property } of properties(scratch('properties').next())) {
    it(name, async () => {
      await fc.assert(property, { seed: 20261127, numRuns: runs });
    });
  }
});
