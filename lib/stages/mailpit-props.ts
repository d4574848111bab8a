import { LabMaildir } from '../building-blocks/lab-maildir';
import { MailpitProps } from '../building-blocks/mailpit';
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

/** Mailpit's props with the volume, command and environment that put the database on `maildir`. */
export function withMaildir(props: MailpitProps, maildir: LabMaildir): MailpitProps {
  const { env, ...volume } = maildir.mailpitProps;
  return { ...props, ...volume, env: { ...props.env, ...env } };
}
