import { Construct } from 'constructs';
import { Mailpit } from '../building-blocks/mailpit';
import { Rqlite } from '../building-blocks/rqlite';
import { resolveStageProps, settingsOf, StageProps } from './options';
import { commonMailpitProps, rqliteDatabase } from './shared';

// TD 10, deployment strategies: two versions of Mailpit at once. One SQLite file admits one
// process, so both versions share an rqlite database: mail received by one is seen by the other,
// and survives the switch from one version to the next.

/** Props of {@link MailpitCanary}. */
export type MailpitCanaryProps = StageProps<'canary'>;

/** Props of {@link MailpitBlueGreen}. */
export type MailpitBlueGreenProps = StageProps<'blue-green'>;

/**
 * A canary: the Deployments `mailpit-stable` and `mailpit-canary` on two image versions, labelled
 * `track`, behind one Service that selects both, so that the replica counts set the canary's share.
 */
export class MailpitCanary extends Construct {
  /** The database of both tracks, unless rqliteUrl names one. */
  public readonly rqlite?: Rqlite;
  public readonly mailpit: Mailpit;

  public constructor(scope: Construct, id: string, props: MailpitCanaryProps = {}) {
    super(scope, id);
    const p = resolveStageProps('canary', props, { root: 'MailpitCanaryProps' });
    const database = rqliteDatabase(this, p);
    this.rqlite = database.rqlite;
    this.mailpit = new Mailpit(this, 'Mailpit', {
      ...commonMailpitProps(p),
      settings: { ...settingsOf(p), MP_DATABASE: database.url },
      variants: [
        { id: 'stable', labels: { track: 'stable' }, replicas: p.replicas },
        { id: 'canary', labels: { track: 'canary' }, image: p.canaryImage, replicas: p.canaryReplicas },
      ],
    });
    if (this.rqlite) this.mailpit.node.addDependency(this.rqlite);
  }
}

/**
 * Blue-green: the Deployments `mailpit-blue` and `mailpit-green`, labelled `slot`, both running,
 * and one Service that selects the active slot. The switch, and the way back, is one
 * `kubectl apply` of the Service with the other slot.
 */
export class MailpitBlueGreen extends Construct {
  public readonly rqlite?: Rqlite;
  public readonly mailpit: Mailpit;

  public constructor(scope: Construct, id: string, props: MailpitBlueGreenProps = {}) {
    super(scope, id);
    const p = resolveStageProps('blue-green', props, { root: 'MailpitBlueGreenProps' });
    const database = rqliteDatabase(this, p);
    this.rqlite = database.rqlite;
    this.mailpit = new Mailpit(this, 'Mailpit', {
      ...commonMailpitProps(p),
      settings: { ...settingsOf(p), MP_DATABASE: database.url },
      variants: [
        { id: 'blue', labels: { slot: 'blue' }, replicas: p.replicas },
        { id: 'green', labels: { slot: 'green' }, image: p.greenImage, replicas: p.replicas },
      ],
      serviceSelector: { slot: p.active },
    });
    if (this.rqlite) this.mailpit.node.addDependency(this.rqlite);
  }
}
