import { Construct } from 'constructs';
import { PodSecurityLevel } from '../check/pod-security';
import { LabPersistentVolumeProps } from '../lab-persistent-volume';
import { MailpitCommonProps, SecretKeySelector } from '../mailpit';
import { MailpitBaseline } from './baseline';
import { MailpitHardened, MailpitResources } from './hardened';
import { MailpitPvc } from './pvc';
import { MailpitPvcSecure } from './pvc-secure';

/** The props the command line can set, across all stages. */
export interface StageProps extends MailpitCommonProps {
  readonly runAsUser?: number;
  readonly storageClassName?: string;
  readonly storageSize?: string;
  readonly uiAuthSecret?: SecretKeySelector;
  readonly networkPolicy?: boolean;
  readonly webroot?: string;
  readonly resources?: MailpitResources;
  readonly storage?: LabPersistentVolumeProps;
}

/** The stage-specific props; every stage takes the common ones (image, host). */
export type StageSpecificProp = Exclude<keyof StageProps, keyof MailpitCommonProps>;

/** A stage as the command line and the security report see it. */
export interface StageDefinition {
  /** One line for `--help`. */
  readonly summary: string;
  /** The Pod Security level the stage is meant to pass; `npm run check` fails when it does not. */
  readonly podSecurity: PodSecurityLevel;
  /** The stage-specific props it accepts. */
  readonly accepts: readonly StageSpecificProp[];
  readonly construct: new (scope: Construct, id: string, props: StageProps) => Construct;
}

/** The stages, in the order of the lab, then beyond it. */
export const STAGES = {
  baseline: {
    summary: 'lab part 1: Mailpit alone, its data dies with the container',
    podSecurity: 'baseline',
    accepts: [],
    construct: MailpitBaseline,
  },
  pvc: {
    summary: 'lab part 2, sections 3-5: database on a hostPath PersistentVolume claim',
    podSecurity: 'baseline',
    accepts: ['storage'],
    construct: MailpitPvc,
  },
  'pvc-secure': {
    summary: 'lab part 2, sections 6-7: non-root, read-only root, root init-pv chown',
    podSecurity: 'baseline',
    accepts: ['runAsUser', 'storage'],
    construct: MailpitPvcSecure,
  },
  hardened: {
    summary: 'beyond the lab: passes Pod Security "restricted", StorageClass claim, probes, limits',
    podSecurity: 'restricted',
    accepts: ['runAsUser', 'storageClassName', 'storageSize', 'uiAuthSecret', 'networkPolicy', 'webroot', 'resources'],
    construct: MailpitHardened,
  },
} as const satisfies Record<string, StageDefinition>;

export type StageName = keyof typeof STAGES;
export const STAGE_NAMES = Object.keys(STAGES) as StageName[];
/** The stage `npm run synth` writes: the end of the lab. */
export const DEFAULT_STAGE: StageName = 'pvc-secure';
