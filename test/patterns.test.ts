import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { quotaProblem } from '../lib/classroom/options';
import { parseRoster } from '../lib/classroom/roster';
import { parseCpu, parseSize } from '../lib/options/quantities';
import { redactSecrets, secretContentIn } from '../lib/options/errors';
import * as rules from '../lib/options/rules';
import { cli, scratch } from './support/cli';

const tmpDir = scratch('patterns').next;

// Inputs that make a backtracking pattern take time exponential or quadratic in their length: at
// this length such a pattern would not return before the test times out. Each must be refused.
const N = 100_000;
const HOSTILE = [
  `${'a'.repeat(N)}!`,
  `/${'a'.repeat(N)}!`,
  `${'a-'.repeat(N / 2)}!`,
  `${'a.'.repeat(N / 2)}!`,
  `${'a_'.repeat(N / 2)}-!`,
  `${'/'.repeat(N)}a`,
  `${'0'.repeat(N)}1Mi`,
  `${'1'.repeat(N)}.${'1'.repeat(N)}`,
  `${' '.repeat(N)}x`,
  `${':'.repeat(N)}@`,
  `a=${'='.repeat(N)}`,
];

describe('every pattern that reads user input runs in time linear in it, or reads only a bounded input', () => {
  const schemas = Object.entries(rules).filter(([, value]) => typeof value === 'object' && value !== null && 'kind' in value) as [string, v.GenericSchema][];

  it.each(schemas.map(([name]) => name))('rule %s refuses hostile text', (name) => {
    const schema = schemas.find(([n]) => n === name)![1];
    for (const text of HOSTILE) {
      expect(v.safeParse(schema, text).success, `${name} on ${text.slice(0, 12)}...`).toBe(false);
    }
  });

  it('the CPU, size and quota parsers, the roster reader, and error lines refuse or read hostile text', async () => {
    for (const text of HOSTILE) {
      expect(parseCpu(text)).toBeUndefined();
      expect(parseSize(text)).toBeUndefined();
      expect(quotaProblem('pods', text)).toBeDefined();
      expect(parseRoster(text, 'r.txt').length).toBeLessThanOrEqual(1);
    }
    for (const text of [
      ...HOSTILE,
      `${'a'.repeat(N)}:$2y$`,
      `a://${'b'.repeat(N)}:${'c'.repeat(N)}@`,
      `-----BEGIN ${'A'.repeat(N)}`,
      '-----BEGIN PRIVATE KEY-----'.repeat(N / 27),
      `-----BEGIN PRIVATE KEY-----${' x'.repeat(N / 2)}`,
      `${'a:'.repeat(N / 2)}$5`,
    ]) {
      expect(redactSecrets(text).length).toBeLessThanOrEqual(text.length);
      secretContentIn(text);
    }
    const result = await cli(['--stage', 'hardened', '--webroot', `${'a'.repeat(28)}!`, '--outdir', tmpDir()]);
    expect(result.code).toBe(2);
    const long = await cli(['--host', `${' '.repeat(N)}\n${' '.repeat(N)}\u2028x`, '--outdir', tmpDir()]);
    expect(long.code).toBe(2);
    expect(long.err).toMatch(/^error: --host "[^\n\u2028]+" is invalid: a DNS host name[^\n\u2028]*\n$/);
  });
});
