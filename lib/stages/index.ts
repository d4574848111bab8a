import { Construct } from 'constructs';
import { MailpitCommonProps } from '../mailpit';
import { MailpitBaseline } from './baseline';
import { MailpitPvc } from './pvc';
import { MailpitPvcSecure } from './pvc-secure';

/** A stage as the command line sees it: a construct that takes the common props. */
export interface StageDefinition {
  /** One line for `--help`. */
  readonly summary: string;
  readonly construct: new (scope: Construct, id: string, props: MailpitCommonProps) => Construct;
}

/** The stages, in the order of the lab. */
export const STAGES = {
  baseline: { summary: 'lab part 1: Mailpit alone, its data dies with the container', construct: MailpitBaseline },
  pvc: { summary: 'lab part 2, sections 3-5: database on a hostPath PersistentVolume claim', construct: MailpitPvc },
  'pvc-secure': {
    summary: 'lab part 2, sections 6-7: non-root, read-only root, root init-pv chown',
    construct: MailpitPvcSecure,
  },
} as const satisfies Record<string, StageDefinition>;

export type StageName = keyof typeof STAGES;
export const STAGE_NAMES = Object.keys(STAGES) as StageName[];
/** The stage `npm run synth` writes: the end of the lab. */
export const DEFAULT_STAGE: StageName = 'pvc-secure';
