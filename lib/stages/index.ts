import type { Construct } from 'constructs';
import type { PodSecurityLevel } from '../pod-security-level';
import { MailpitBaseline } from './baseline';
import { MailpitConfig } from './config';
import { MailpitHA } from './ha';
import { MailpitHardened } from './hardened';
import type { StageName } from './names';
import { MailpitPvc } from './pvc';
import { MailpitPvcSecure } from './pvc-secure';
import { MailpitStatefulSet } from './statefulset';
import { MailpitBlueGreen, MailpitCanary } from './strategies';
import type { MailpitStage } from './stage';

export { DEFAULT_STAGE, RQLITE_STAGES, STAGE_NAMES, StageName } from './names';

/** A stage as the command line, the Classroom and the security report see it. */
export interface StageDefinition {
  /** One line for `--help`. */
  readonly summary: string;
  /** The Pod Security level the stage is meant to pass; `npm run check` fails when it does not. */
  readonly podSecurity: PodSecurityLevel;
  readonly construct: new (
    scope: Construct,
    id: string,
    // biome-ignore lint/suspicious/noExplicitAny: the props of whichever stage, checked at run time by its table
    props?: any,
  ) => MailpitStage;
}

/** The stages, in the order of the lab, then beyond it. */
export const STAGES: { readonly [S in StageName]: StageDefinition } = {
  baseline: {
    summary: 'lab part 1: Mailpit alone, its data dies with the container',
    podSecurity: 'baseline',
    construct: MailpitBaseline,
  },
  pvc: {
    summary: 'lab part 2, sections 3-5: database on a hostPath PersistentVolume claim',
    podSecurity: 'baseline',
    construct: MailpitPvc,
  },
  'pvc-secure': {
    summary: 'lab part 2, sections 6-7: non-root, read-only root, root init-pv chown',
    podSecurity: 'baseline',
    construct: MailpitPvcSecure,
  },
  config: {
    summary: 'TD 8: settings in the ConfigMap mailpit-config (envFrom), UI login from the Secret mailpit-auth',
    podSecurity: 'baseline',
    construct: MailpitConfig,
  },
  statefulset: {
    summary: 'TD 9: a StatefulSet with a headless Service and a claim per pod, on hostPath PVs or a StorageClass',
    podSecurity: 'baseline',
    construct: MailpitStatefulSet,
  },
  canary: {
    summary: 'TD 10: stable and canary Deployments behind one Service, sharing an rqlite database',
    podSecurity: 'baseline',
    construct: MailpitCanary,
  },
  'blue-green': {
    summary: 'TD 10: blue and green Deployments, the Service selecting the --active one, sharing an rqlite database',
    podSecurity: 'baseline',
    construct: MailpitBlueGreen,
  },
  hardened: {
    summary: 'beyond the lab: passes Pod Security "restricted", StorageClass claim, probes, limits',
    podSecurity: 'restricted',
    construct: MailpitHardened,
  },
  ha: {
    summary: 'beyond the lab: 2+ Mailpits on a 3-node rqlite cluster, every pod "restricted"',
    podSecurity: 'restricted',
    construct: MailpitHA,
  },
};
