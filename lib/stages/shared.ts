import { Construct } from 'constructs';
import { LabMaildir } from '../building-blocks/lab-maildir';
import { Mailpit, MAILPIT_OPTIONS, MailpitProps } from '../building-blocks/mailpit';
import { STAGE_NAMES } from './names';
import { ResolvedStageProps, STAGE_OPTIONS, stagesTaking, TakenByAll } from './options';

/** The options that every stage takes and passes on to its {@link Mailpit} unchanged. */
type Common = Pick<ResolvedStageProps<'baseline'>, TakenByAll & keyof MailpitProps>;
const COMMON = (Object.keys(STAGE_OPTIONS) as TakenByAll[]).filter(
  (key) => key in MAILPIT_OPTIONS && stagesTaking(key).length === STAGE_NAMES.length,
) as (keyof Common)[];

/** What every stage passes on to its {@link Mailpit} unchanged. */
export function commonMailpitProps(p: Common): MailpitProps {
  return Object.fromEntries(COMMON.map((key) => [key, p[key]]));
}

/**
 * A Mailpit whose database lives on the lab's `/maildir` (the hostPath claim, or NFS), created
 * after that storage. `extra` adds what the stage changes on the Mailpit.
 */
export function mailpitOnLabMaildir(
  scope: Construct,
  p: Common & Pick<ResolvedStageProps<'pvc'>, 'storage' | 'nfs'>,
  extra: MailpitProps = {},
): { maildir: LabMaildir; mailpit: Mailpit } {
  const maildir = new LabMaildir(scope, 'Maildir', { namespace: p.namespace, storage: p.storage, nfs: p.nfs });
  const common = commonMailpitProps(p);
  const { env, ...volume } = maildir.mailpitProps;
  const mailpit = new Mailpit(scope, 'Mailpit', { ...common, ...volume, env: { ...common.env, ...env }, ...extra });
  mailpit.node.addDependency(maildir);
  return { maildir, mailpit };
}
