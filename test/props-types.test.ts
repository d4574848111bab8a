import { describe, expect, expectTypeOf, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LabMaildirTableProps } from '../lib/building-blocks/lab-maildir';
import type { LabPersistentVolumeTableProps } from '../lib/building-blocks/lab-persistent-volume';
import type { MailpitTableProps } from '../lib/building-blocks/mailpit/options';
import type { NetworkPolicyTableProps } from '../lib/building-blocks/network-policy';
import type { RqliteTableProps } from '../lib/building-blocks/rqlite';
import type { ClassroomOptionProps } from '../lib/classroom/options';
import type * as generated from '../lib/generated/props';
import type { StageName } from '../lib/stages/names';
import type { StageProps } from '../lib/stages/options';
import { PROPS_FILE, propsInterfacesText } from '../scripts/props-interfaces';

// The props interfaces are written from the tables (npm run docs). Each is held equal to its table's
// props here, by the compiler: the type-check (test/e2e/typecheck.test.ts) fails on a difference.
type Stage<S extends StageName> = Omit<StageProps<S>, 'uiAuthPassword'>;
/** A table's props as one object type: PropsOf is an intersection of the optional and the required ones. */
type Flat<T> = { [K in keyof T]: T[K] };

describe('the generated props interfaces', () => {
  it('equal the props of their tables, the refused password aside', () => {
    expectTypeOf<generated.MailpitBaselineProps>().toEqualTypeOf<Stage<'baseline'>>();
    expectTypeOf<generated.MailpitPvcProps>().toEqualTypeOf<Stage<'pvc'>>();
    expectTypeOf<generated.MailpitPvcSecureProps>().toEqualTypeOf<Stage<'pvc-secure'>>();
    expectTypeOf<generated.MailpitConfigProps>().toEqualTypeOf<Stage<'config'>>();
    expectTypeOf<generated.MailpitStatefulSetProps>().toEqualTypeOf<Stage<'statefulset'>>();
    expectTypeOf<generated.MailpitCanaryProps>().toEqualTypeOf<Stage<'canary'>>();
    expectTypeOf<generated.MailpitBlueGreenProps>().toEqualTypeOf<Stage<'blue-green'>>();
    expectTypeOf<generated.MailpitHardenedProps>().toEqualTypeOf<Stage<'hardened'>>();
    expectTypeOf<generated.MailpitHAProps>().toEqualTypeOf<Stage<'ha'>>();
    expectTypeOf<generated.MailpitBaseProps>().toEqualTypeOf<Omit<MailpitTableProps, 'database' | 'workload'>>();
    expectTypeOf<generated.RqliteProps>().toEqualTypeOf<Flat<RqliteTableProps>>();
    expectTypeOf<generated.LabPersistentVolumeProps>().toEqualTypeOf<Flat<LabPersistentVolumeTableProps>>();
    expectTypeOf<generated.LabMaildirProps>().toEqualTypeOf<Flat<LabMaildirTableProps>>();
    expectTypeOf<generated.MailpitNetworkPolicyProps>().toEqualTypeOf<Flat<NetworkPolicyTableProps>>();
    expectTypeOf<generated.ClassroomBaseProps>().toEqualTypeOf<Omit<ClassroomOptionProps, 'stage' | 'stageProps'>>();
    // The check itself can fail: a props type without one of its members is another type.
    expectTypeOf<Omit<generated.MailpitHardenedProps, 'maxAge'>>().not.toEqualTypeOf<Stage<'hardened'>>();
  });

  it('are current (npm run docs writes them)', () => {
    expect(fs.readFileSync(path.join(__dirname, '..', PROPS_FILE), 'utf8')).toBe(propsInterfacesText());
  });

  it("carry each prop's help and default, and leave the refused password out", () => {
    const text = propsInterfacesText();
    expect(text).toMatch(
      /\* The age at which messages are deleted: whole hours or days, such as 7d\.\n {3}\* Command line: `--max-age`\.\n {3}\* @default none: kept until maxMessages\n {3}\*\/\n {2}readonly maxAge\?: StageProps<'hardened'>\['maxAge'\];/,
    );
    expect(text).not.toContain('uiAuthPassword');
  });
});
