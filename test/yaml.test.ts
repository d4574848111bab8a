import { Yaml } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { STAGE_NAMES } from '../lib/stages';
import { stagesTaking } from '../lib/stages/options';
import { synthClassroom } from '../lib/classroom/render';
import { synthStage } from '../lib/synth/render';
import { stringifyDocuments } from '../lib/synth/yaml';

// The fast writer must write what cdk8s's Yaml.stringify writes, byte for byte.
const same = (docs: readonly unknown[]) => expect(stringifyDocuments(docs)).toBe(Yaml.stringify(...docs));

const TRICKY_STRINGS = [
  '',
  ' ',
  ' lead',
  'trail ',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'true',
  'False',
  'null',
  '~',
  'NULL',
  '1000',
  '-1',
  '0.5',
  '1e3',
  '0x1F',
  '0o17',
  '017',
  '1_000',
  '12:30',
  '.inf',
  '-.inf',
  '.nan',
  '-R',
  '--db-file=/maildir/mailpit.db',
  '- x',
  '-',
  '?',
  '? x',
  ':',
  'a: b',
  'a:b',
  'a #b',
  '#x',
  'x#y',
  '&a',
  '*a',
  '!tag',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@x',
  '`x',
  '[a]',
  '{a}',
  'a,b',
  'a, b',
  '---',
  '...',
  'é',
  'ünïcode',
  'tab\there',
  'C:\\path',
  'pod-security.kubernetes.io/enforce',
  'http://x/y?z=1&w',
];

// Random documents are compared too, in test/properties/ (and by npm run fuzz).
describe('the YAML writer', () => {
  it.each(STAGE_NAMES)('writes stage %s as cdk8s does', (stage) => {
    same(synthStage(stage));
    const image = stagesTaking('image').includes(stage) ? { image: 'r.example:5000/x/y:v1.2.3' } : { stable: { image: 'r.example:5000/x/y:v1.2.3' } };
    same(synthStage(stage, { namespace: 'ns', host: 'a.b.c', ...(stage === 'blue-green' ? { blue: image.stable } : image) }));
  });

  it('writes a class as cdk8s does', () => {
    for (const file of synthClassroom({ students: ['a', 'b-2'], rbac: true })) {
      same(file.objects);
    }
  });

  it('writes tricky scalars, as values, items and keys, as cdk8s does', () => {
    same([{ values: Object.fromEntries(TRICKY_STRINGS.map((s, i) => [`k${i}`, s])) }]);
    same([{ items: TRICKY_STRINGS }]);
    same([Object.fromEntries(TRICKY_STRINGS.filter((s) => s !== '').map((s, i) => [s, i]))]);
    same([{ numbers: [0, -1, 1.5, 1e21, 2 ** 53, -0.25], flags: [true, false], n: 42, f: 0.1 }]);
  });

  it('writes nesting and empty collections as cdk8s does', () => {
    same([
      {
        a: { b: { c: [{ d: [{}, { e: [] }, 'x'], f: {} }, [], {}] } },
        list: [{ one: 1 }, { two: { three: [3, { four: 4 }] } }],
        empty: [],
        obj: {},
      },
      { second: 'doc' },
    ]);
  });

  it('writes -0 apart from 0, keys in nested maps and items as cdk8s does, and shared objects as aliases', () => {
    same([{ a: -0 }, { replicas: 0 }, { b: [-0, 0] }]);
    same([{ a: { '---': 1, '...': 2 }, '---': 3, list: [{ '---': 1 }] }]);
    const shared = { x: 1 };
    same([{ a: shared, b: shared }, { c: [shared, shared] }]);
  });

  it('leaves what it does not handle to cdk8s, whole', () => {
    same([{ text: 'line one\nline two\n' }, { nothing: null }, { nested: [[1, 2], [3]] }, 'scalar', 42, [], {}, undefined]);
  });
});
