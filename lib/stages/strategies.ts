import type { Construct } from 'constructs';
import { Mailpit, MailpitWorkload, type Variant } from '../building-blocks/mailpit';
import type { Rqlite } from '../building-blocks/rqlite';
import type { ResolvedStageProps } from './options';
import { resolveStageProps } from './resolve';
import { RQLITE_URL_OF_STAGE, mailpitPropsOf, rqliteDatabase, type StageCaller, stagePart } from './shared';
import { MailpitStage } from './stage';
import type { MailpitCanaryProps, MailpitBlueGreenProps } from '../generated/props';

// TD 10, deployment strategies: two versions of Mailpit at once. Mailpit runs one process per
// SQLite file, so both versions share an rqlite database: mail received by one is seen by the other,
// and survives the switch from one version to the next.

export type { MailpitCanaryProps };

export type { MailpitBlueGreenProps };

/** Two variants of Mailpit on one rqlite database: its own, or the one rqlite.url names. */
function variantsOnRqlite(
  scope: Construct,
  caller: StageCaller,
  p: ResolvedStageProps<'canary'> | ResolvedStageProps<'blue-green'>,
  [first, second]: [string, string],
  variants: Variant[],
  serviceSelector?: Record<string, string>,
): { rqlite?: Rqlite; mailpit: Mailpit } {
  const { rqlite, database } = rqliteDatabase(scope, caller, p);
  const mailpit = stagePart(caller, () => new Mailpit(scope, 'Mailpit', { ...mailpitPropsOf(p), database, workload: MailpitWorkload.variants(variants, { serviceSelector }) }), {
    ...RQLITE_URL_OF_STAGE,
    'workload.variants.0': [first],
    'workload.variants.1': [second],
    'workload.serviceSelector': ['active'],
  });
  return { rqlite, mailpit };
}

/**
 * A canary: the Deployments `mailpit-stable` and `mailpit-canary` on two image versions, labelled
 * `track`, behind one Service that selects both, so that the replica counts set the canary's share.
 */
export class MailpitCanary extends MailpitStage {
  /** The database of both tracks, unless rqlite.url names one. */
  public readonly rqlite?: Rqlite;
  public readonly mailpit: Mailpit;

  public constructor(scope: Construct, id: string, props: MailpitCanaryProps = {}) {
    super(scope, id);
    const caller = { root: 'MailpitCanaryProps', given: props };
    const p = resolveStageProps('canary', props, caller);
    ({ rqlite: this.rqlite, mailpit: this.mailpit } = variantsOnRqlite(
      this,
      caller,
      p,
      ['stable', 'canary'],
      [
        { id: 'stable', labels: { track: 'stable' }, ...p.stable },
        { id: 'canary', labels: { track: 'canary' }, ...p.canary },
      ],
    ));
    this.adopt(this.mailpit);
  }
}

/**
 * Blue-green: the Deployments `mailpit-blue` and `mailpit-green`, labelled `slot`, both running,
 * and one Service that selects the active slot. The switch, and the way back, is one
 * `kubectl apply` of the Service with the other slot.
 */
export class MailpitBlueGreen extends MailpitStage {
  /** The database of both slots, unless rqlite.url names one. */
  public readonly rqlite?: Rqlite;
  public readonly mailpit: Mailpit;

  public constructor(scope: Construct, id: string, props: MailpitBlueGreenProps = {}) {
    super(scope, id);
    const caller = { root: 'MailpitBlueGreenProps', given: props };
    const p = resolveStageProps('blue-green', props, caller);
    ({ rqlite: this.rqlite, mailpit: this.mailpit } = variantsOnRqlite(
      this,
      caller,
      p,
      ['blue', 'green'],
      [
        { id: 'blue', labels: { slot: 'blue' }, ...p.blue },
        { id: 'green', labels: { slot: 'green' }, ...p.green },
      ],
      { slot: p.active },
    ));
    this.adopt(this.mailpit);
  }
}
