import { Size } from 'cdk8s';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { flagValue, propFlags } from '../lib/cli/flags';
import { SEPARATE_SERVICES, TYPE_ONLY_FIELDS } from '../lib/building-blocks/mailpit/exposure';
import { INGRESS_ONLY, SETTING_RELATIONS } from '../lib/building-blocks/mailpit/rules';
import { HIDDEN, type PropPath, redactSecrets, secretContentIn } from '../lib/options/errors';
import { option, resolveProps } from '../lib/options/option';
import { mergeDefaults } from '../lib/options/plain-data';
import { type StageName, STAGE_NAMES, STAGES } from '../lib/stages';
import { stagesTaking } from '../lib/stages/options';
import { CLAIM_PROPS, OWN_CLUSTER, PRODUCTION_RELATIONS, STATEFULSET_RELATIONS } from '../lib/stages/rules';
import { synthStage, toManifestYaml } from '../lib/synth/render';
import { errorOf } from './support/errors';
import { cli, readManifests, scratch } from './support/cli';
import { newChart } from './support/manifests';

const tmpDir = scratch('options').next;

const TABLE = {
  name: option({
    value: v.pipe(
      v.string('a name'),
      v.check((s) => s.length < 5, 'a name under 5 letters'),
    ),
    default: 'mp',
    help: 'a name',
  }),
  size: option({ value: v.number('a number'), help: 'a size' }),
  limits: option({
    value: v.strictObject({ low: v.optional(v.number('a number')), high: v.optional(v.number('a number')) }, 'an object { low, high }'),
    default: { low: 1, high: 9 },
    help: 'limits',
    refine: (value: { low?: number; high?: number }) => (value.high! < value.low! ? { at: ['high'], value: value.high, allowed: `at least low, ${value.low}` } : undefined),
  }),
  password: option({ value: v.never('refused'), secret: true, help: 'never' }),
  ids: option({ value: v.array(v.string('an id'), 'a list of ids'), required: true, help: 'ids' }),
};
const resolve = (props: unknown) => resolveProps(TABLE, props, { root: 'TestProps' });

describe('resolveProps', () => {
  it('applies defaults, treats undefined as not given, and merges object defaults field by field', () => {
    expect(resolve({ ids: ['a'], size: undefined, limits: { high: 5 } })).toEqual({
      name: 'mp',
      size: undefined,
      limits: { low: 1, high: 5 },
      password: undefined,
      ids: ['a'],
    });
  });

  it.each([
    ['an unknown prop', { ids: [], colour: 'red' }, 'TestProps.colour (a string) is invalid: not a prop here; the props are name, size, limits, password, ids', ['colour']],
    ['a wrong type', { ids: [], size: '3' }, 'TestProps.size "3" is invalid: a number', ['size']],
    ['a broken rule', { ids: [], name: 'longer' }, 'TestProps.name "longer" is invalid: a name under 5 letters', ['name']],
    ['a nested field', { ids: [], limits: { low: 'x' } }, 'TestProps.limits.low "x" is invalid: a number', ['limits', 'low']],
    ['a nested unknown field', { ids: [], limits: { mid: 3 } }, 'TestProps.limits.mid (a number) is invalid: an object { low, high }', ['limits', 'mid']],
    ['a rule across fields, blaming one', { ids: [], limits: { high: 0 } }, 'TestProps.limits.high 0 is invalid: at least low, 1', ['limits', 'high']],
    ['a list item', { ids: ['a', 7] }, 'TestProps.ids[1] 7 is invalid: an id', ['ids', 1]],
    ['a missing required prop', {}, 'TestProps.ids undefined is invalid: required: ids', ['ids']],
    ['props that are not an object', 'ids=a', 'TestProps "ids=a" is invalid: an object of props', []],
    ['null props', null, 'TestProps null is invalid: an object of props', []],
  ])('refuses %s with one line, naming the prop and carrying its path', (_, props, message, path) => {
    const error = errorOf(() => resolve(props));
    expect(error.message).toBe(message);
    expect(error.path).toEqual(path);
  });

  it('never shows a secret, whatever its type', () => {
    fc.assert(
      fc.property(
        fc.anything().filter((x) => x !== undefined),
        (secret) => {
          const error = errorOf(() => resolve({ ids: [], password: secret }));
          expect(error.value).toBe(HIDDEN);
          expect(error.message).toBe('TestProps.password "<hidden>" is invalid: refused');
        },
      ),
      { numRuns: 50 },
    );
  });

  it('names any value on one line, whatever it holds (property)', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withMap: true, withSet: true }).filter((x) => typeof x !== 'number' && x !== undefined),
        (value) => {
          const error = errorOf(() => resolve({ ids: [], size: value }));
          expect(error.message).not.toMatch(/[\n\r\u2028\u2029]/);
          expect(error.message).toMatch(/^TestProps\.size .* is invalid: a number$/);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('mergeDefaults', () => {
  it('keeps typed values whole, and replaces lists', () => {
    const size = Size.gibibytes(2);
    expect(mergeDefaults({ a: { b: 1, c: 2 }, s: Size.mebibytes(1), l: [1, 2] }, { a: { c: 3 }, s: size, l: [3] })).toEqual({ a: { b: 1, c: 3 }, s: size, l: [3] });
  });
});

/** A value each flag accepts, as the command line takes it. */
const VALID: Record<string, string | undefined> = {
  '--namespace': 'lab',
  '--image': 'axllent/mailpit:v1.29.0',
  '--host': 'mail.example.org',
  '--run-as-user': '2000',
  '--run-as-group': '3000',
  '--storage-class': 'fast',
  '--storage-size': '2Gi',
  '--cpu-request': '100m',
  '--cpu-limit': '1',
  '--memory-request': '128Mi',
  '--memory-limit': '512Mi',
  '--ui-auth-secret': 'ui:users',
  '--network-policy': undefined,
  '--webroot': '/mail',
  '--max-messages': '10000',
  '--max-age': '7d',
  '--verbose': undefined,
  '--tenant-id': 'team_a',
  '--disable-version-check': undefined,
  '--block-remote-css-and-fonts': undefined,
  '--smtp-auth-accept-any': undefined,
  '--smtp-auth-allow-insecure': undefined,
  '--smtp-require-starttls': undefined,
  '--smtp-require-tls': undefined,
  '--smtp-relay-all': undefined,
  '--smtp-relay-matching': '@example\\.org$',
  '--send-api-auth-accept-any': undefined,
  '--smtp-auth-secret': 'smtp:users',
  '--send-api-auth-secret': 'send-api',
  '--pop3-auth-secret': 'pop3:users',
  '--smtp-relay-config-secret': 'relay:relay.yaml',
  '--ui-tls-secret': 'ui-tls',
  '--smtp-tls-secret': 'smtp-tls',
  '--pop3-tls-secret': 'pop3-tls',
  '--metrics': '9090',
  '--service-annotation': 'example.org/owner=qa',
  '--smtp-service-type': 'LoadBalancer',
  '--smtp-service-port': '25',
  '--smtp-load-balancer-ip': '192.0.2.10',
  '--smtp-source-range': '10.0.0.0/8',
  '--smtp-external-traffic-policy': 'Local',
  '--ui-service-type': 'LoadBalancer',
  '--ui-service-port': '80',
  '--ui-load-balancer-ip': '192.0.2.11',
  '--ui-source-range': '10.0.0.0/8',
  '--ui-external-traffic-policy': 'Local',
  '--no-service-links': undefined,
  '--revision-history-limit': '3',
  '--common-label': 'example.org/team=qa',
  '--common-annotation': 'example.org/contact=qa',
  '--no-ingress': undefined,
  '--ingress-tls-secret': 'web-tls',
  '--ingress-annotation': 'cert-manager.io/cluster-issuer=letsencrypt',
  '--extra-host': 'webmail.example.org',
  '--ingress-path-type': 'Exact',
  '--gateway': 'gateways/public:https',
  '--no-persistence': undefined,
  '--existing-claim': 'mail-data',
  '--storage-sub-path': 'mailpit',
  '--storage-access-mode': 'ReadWriteOncePod',
  '--node-selector': 'kubernetes.io/os=linux',
  '--priority-class': 'tools',
  '--pod-annotation': 'example.org/team=qa',
  '--pod-label': 'team=qa',
  '--image-pull-secret': 'registry',
  '--service-account': 'mailpit',
  '--termination-grace-period': '5',
  '--env-from-secret': 'extra',
  '--env-from-configmap': 'extra-settings',
  '--smtp-from-namespace': 'apps',
  '--ui-from-namespace': 'qa',
  '--persistent-volumes': '3',
  '--replicas': '2',
  '--stable-image': 'axllent/mailpit:v1.30.3',
  '--stable-replicas': '2',
  '--canary-image': 'axllent/mailpit:v1.30.5',
  '--canary-replicas': '2',
  '--blue-image': 'axllent/mailpit:v1.30.3',
  '--blue-replicas': '2',
  '--green-image': 'axllent/mailpit:v1.30.5',
  '--green-replicas': '0',
  '--active': 'green',
  '--config-checksum': undefined,
  '--no-verbose': undefined,
  '--no-smtp-auth-accept-any': undefined,
  '--no-smtp-auth-allow-insecure': undefined,
  '--rqlite-nodes': '5',
  '--rqlite-storage-class': 'fast',
  '--rqlite-storage-size': '5Gi',
  '--rqlite-url': 'http://rqlite.db.svc:4001?disableClusterDiscovery=true',
};
const stageFlags = propFlags().filter((flag) => flag.target === 'stage' && flag.name !== '--ui-auth-password');

/** The flag that sets the prop at `path`, or its --no- form with `off`; undefined where none does. */
function flagOf(path: PropPath, off = false): string | undefined {
  return stageFlags.find((flag) => flag.path.join('.') === path.join('.') && Boolean(flag.option.negate) === off)?.name;
}

/** The pairs whose flags both exist. */
const flagPairs = (pairs: readonly (readonly [string | undefined, string | undefined])[]) => pairs.filter((pair): pair is [string, string] => pair[0] !== undefined && pair[1] !== undefined);

// The flags that work only with another one, and the pairs that exclude each other (the second is
// dropped): a random pick of flags is made whole this way, so that every pick is valid. Both come
// from the relations the rules run, and the lists of props they refuse together.
const RELATIONS = [...SETTING_RELATIONS, ...PRODUCTION_RELATIONS, ...STATEFULSET_RELATIONS];
const NEEDS: Record<string, string> = Object.fromEntries(
  flagPairs([
    // Of the props a flag needs, the first.
    ...RELATIONS.flatMap((r) => ('needs' in r ? [[flagOf([r.prop]), flagOf([r.needs[0]])] as const] : [])),
    // A field that a separate Service's default type has not: the Service needs a type that has it.
    ...Object.entries(SEPARATE_SERVICES).flatMap(([key, service]) =>
      TYPE_ONLY_FIELDS.filter(([, types]) => !types.includes(service.type)).map(([field]) => [flagOf([key, field]), flagOf([key, 'type'])] as const),
    ),
  ]),
);
const EXCLUDES: [string, string][] = flagPairs([
  // The prop a relation blames is dropped.
  ...RELATIONS.flatMap((r) => ('notWith' in r ? [[flagOf([r.notWith]), flagOf([r.prop])] as const] : [])),
  // What claimRule refuses with persistence: false besides the claim's props.
  ['--no-persistence', '--existing-claim'],
  ['--no-persistence', '--storage-sub-path'],
  ...CLAIM_PROPS.flatMap((claim) => [[flagOf(['persistence'], true), flagOf([claim])] as const, [flagOf(['existingClaim']), flagOf([claim])] as const]),
  ...INGRESS_ONLY.map((ingress) => [flagOf(['ingress'], true), flagOf([ingress])] as const),
  ...OWN_CLUSTER.map((own) => [flagOf(['rqlite', 'url']), flagOf(['rqlite', own])] as const),
]);

/** A switch and its --no- form set one prop: the pick keeps the first. */
const SWITCHES = ['--verbose', '--smtp-auth-accept-any', '--smtp-auth-allow-insecure'].map((on): [string, string] => [on, on.replace('--', '--no-')]);

/** What config needs beyond NEEDS: it accepts any SMTP login by default, which needs insecure authentication without TLS. */
const CONFIG_NEEDS: Record<string, string> = { '--no-smtp-auth-allow-insecure': '--no-smtp-auth-accept-any' };

/** The flags picked, with those they need where the stage has them, without those excluded by another one. */
function wholePick(picked: readonly string[], stage: StageName): Set<string> {
  const names = new Set(picked);
  const taken = (name: string) => stageFlags.some((flag) => flag.name === name && flag.stages!.includes(stage));
  SWITCHES.forEach(([on, off]) => names.has(on) && names.delete(off));
  if (stage === 'config' && names.has('--smtp-auth-accept-any')) names.delete('--no-smtp-auth-allow-insecure');
  const needs = stage === 'config' ? { ...NEEDS, ...CONFIG_NEEDS } : NEEDS;
  [...names].forEach((name) => needs[name] && taken(needs[name]) && names.add(needs[name]));
  EXCLUDES.forEach(([kept, dropped]) => names.has(kept) && names.delete(dropped));
  // Without an Ingress, only an HTTPRoute serves the extra hosts.
  if (names.has('--no-ingress') && !names.has('--gateway')) names.delete('--extra-host');
  return names;
}

describe('the command line and the library share one set of rules', () => {
  it('has a valid value here for every stage flag of the table', () => {
    expect(stageFlags.map((flag) => flag.name).filter((name) => !(name in VALID))).toEqual([]);
  });

  it('writes what the library builds from the same props, for any stage and any flags it takes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...STAGE_NAMES), fc.func(fc.boolean()), async (stage, pick) => {
        const names = wholePick(
          stageFlags.filter((flag) => flag.stages!.includes(stage) && pick(flag.name)).map((flag) => flag.name),
          stage,
        );
        const chosen = stageFlags.filter((flag) => names.has(flag.name));
        const argv = chosen.flatMap((flag) => (VALID[flag.name] === undefined ? [flag.name] : [flag.name, VALID[flag.name]!]));
        const outdir = tmpDir();
        const result = await cli(['--stage', stage, '--outdir', outdir, ...argv]);
        expect(result.err).toBe('');
        // The same props, set through the library, from the values the flags' own parsers make.
        const props: Record<string, any> = {};
        for (const flag of chosen) {
          const text = VALID[flag.name];
          const value = text === undefined ? !flag.option.negate : flag.option.parseArg ? flagValue(flag.option.parseArg(text, undefined)) : text;
          let node = props;
          flag.path.slice(0, -1).forEach((key) => (node = node[key] ??= {}));
          node[flag.path[flag.path.length - 1]] = value;
        }
        expect(readManifests(`${outdir}/mailpit.k8s.yaml`)).toEqual(synthStage(stage, props));
      }),
      { numRuns: 30 },
    );
  });

  it('refuses each pair that the pick leaves out, and each flag without the one it needs: the tables above are not wider than the rules', async () => {
    const argvOf = (names: readonly string[]) => names.flatMap((name) => (VALID[name] === undefined ? [name] : [name, VALID[name]!]));
    const cases: string[][] = [...EXCLUDES.map(([kept, dropped]) => [...new Set([kept, dropped, NEEDS[kept], NEEDS[dropped]].filter(Boolean))]), ...Object.keys(NEEDS).map((name) => [name])];
    for (const names of cases) {
      const result = await cli(['--stage', 'hardened', '--outdir', tmpDir(), ...argvOf(names)]);
      expect(result.code, names.join(' ')).toBe(2);
      expect(result.err, names.join(' ')).toMatch(/^error: --[a-z0-9-]+ .* is invalid: [^\n]+\n$/);
      expect(names).toContain(result.err.split(' ')[1]);
    }
  });

  it('refuses, on both sides, every flag a stage does not take: exit 2 naming the flag, or an error naming the prop', async () => {
    // The command line for the first stage that does not take a flag (it resolves every stage
    // through the same code); the library for every such stage.
    const onCommandLine = new Set<string>();
    for (const stage of STAGE_NAMES) {
      for (const flag of stageFlags.filter((f) => !f.stages!.includes(stage))) {
        if (!onCommandLine.has(flag.name)) {
          onCommandLine.add(flag.name);
          const argv = VALID[flag.name] === undefined ? [flag.name] : [flag.name, VALID[flag.name]!];
          const result = await cli(['--stage', stage, '--outdir', tmpDir(), ...argv]);
          expect(result.code, `${stage} ${flag.name}`).toBe(2);
          expect(result.err).toMatch(new RegExp(`^error: ${flag.name} .* is invalid: not used by stage ${stage}; it applies to stage [^\\n]+\\n$`));
        }
        const prop = String(flag.path[0]);
        expect(stagesTaking(prop)).not.toContain(stage);
        const error = errorOf(() => new STAGES[stage].construct(newChart(), 'm', { [prop]: {} }));
        expect(error.path).toEqual([prop]);
        expect(error.allowed).toMatch(`not used by stage ${stage}`);
      }
    }
  });

  it('writes byte-identical files for the same flags (determinism)', async () => {
    const [a, b] = [tmpDir(), tmpDir()];
    for (const outdir of [a, b]) {
      expect((await cli(['--stage', 'hardened', '--network-policy', '--cpu-limit', '2', '--outdir', outdir])).code).toBe(0);
    }
    expect(readManifests(`${a}/mailpit.k8s.yaml`)).toEqual(readManifests(`${b}/mailpit.k8s.yaml`));
    expect(toManifestYaml(synthStage('hardened'))).toBe(toManifestYaml(synthStage('hardened')));
  });
});

describe('redactSecrets, the last guard before a message is shown', () => {
  it.each([
    ['an htpasswd line', 'error: --tenant-id "admin:$2y$05$s3cret" is invalid', 'error: --tenant-id "<hidden>" is invalid'],
    ['an Apache MD5 entry after a newline', '"x\\nadmin:$apr1$s3cret$y"', '"x\\<hidden>"'],
    ['a private key', '"-----BEGIN RSA PRIVATE KEY-----\\ns3cret\\n-----END RSA PRIVATE KEY-----"', '"<hidden>"'],
    ['a private key on its own lines', "unknown option '-----BEGIN PRIVATE KEY-----\ns3cret\ns3cret\n-----END PRIVATE KEY-----' x", "unknown option '<hidden>' x"],
    ['a private key cut short', 'key: -----BEGIN EC PRIVATE KEY----- s3cret s3cret', 'key: <hidden>'],
    ['credentials in a URL', 'error: unexpected argument "https://admin:s3cret@h:4001/x"', 'error: unexpected argument "https://<hidden>@h:4001/x"'],
  ])('hides %s', (_, text, shown) => {
    expect(redactSecrets(text)).toBe(shown);
    expect(secretContentIn(text)).toBeDefined();
  });

  it.each(['axllent/mailpit:v1.21.8', 'http://mailpit:8025/livez', 'a:b:c', 'price:$5', 'user@mail.test', '-----BEGIN CERTIFICATE-----'])('leaves %s alone', (text) => {
    expect(redactSecrets(text)).toBe(text);
    expect(secretContentIn(text)).toBeUndefined();
  });
});
