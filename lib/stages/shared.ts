import { Construct } from 'constructs';
import { LabMaildir } from '../building-blocks/lab-maildir';
import { Mailpit, MailpitProps } from '../building-blocks/mailpit';
import { ResolvedStageProps } from './options';

/** The options every stage takes and passes on to its {@link Mailpit} unchanged. */
type Common = Pick<ResolvedStageProps<'baseline'>, 'namespace' | 'name' | 'image' | 'imagePullPolicy' | 'host' | 'ingressClassName' | 'env'>;

/** What every stage passes on to its {@link Mailpit} unchanged. */
export function commonMailpitProps(p: Common): MailpitProps {
  return {
    namespace: p.namespace,
    name: p.name,
    image: p.image,
    imagePullPolicy: p.imagePullPolicy,
    host: p.host,
    ingressClassName: p.ingressClassName,
    env: p.env,
  };
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
