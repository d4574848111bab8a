import { ApiObject, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { LabMaildir } from '../building-blocks/lab-maildir';
import { Mailpit, MAILPIT_OPTIONS, MailpitProps } from '../building-blocks/mailpit';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../building-blocks/restricted';
import { Rqlite } from '../building-blocks/rqlite';
import { STAGE_NAMES } from './names';
import { ResolvedStageProps, STAGE_OPTIONS, stagesTaking, TakenByAll } from './options';
import { passedToMailpit } from './production-options';

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

/** Where the Mailpits of a stage on rqlite keep their mail: an rqlite cluster of its own, or the one given. */
export function rqliteDatabase(
  scope: Construct,
  p: { namespace?: string; rqliteUrl?: string; rqliteNodes: number; storageClassName?: string; storageSize?: Size },
): { rqlite?: Rqlite; url: string } {
  if (p.rqliteUrl !== undefined) {
    return { url: p.rqliteUrl };
  }
  const rqlite = new Rqlite(scope, 'Rqlite', { namespace: p.namespace, nodes: p.rqliteNodes, storageClassName: p.storageClassName, storageSize: p.storageSize });
  return { rqlite, url: rqlite.databaseUrl() };
}

/** Labels and annotations on every object of a construct, under each object's own. */
export function stampCommonMetadata(scope: Construct, labels: Readonly<Record<string, string>> = {}, annotations: Readonly<Record<string, string>> = {}): void {
  for (const object of scope.node.findAll().filter((child): child is ApiObject => child instanceof ApiObject)) {
    const own = object.metadata;
    for (const [key, value] of Object.entries(labels)) {
      if (own.getLabel(key) === undefined) own.addLabel(key, value);
    }
    for (const [key, value] of Object.entries(annotations)) {
      if (own.toJson().annotations?.[key] === undefined) own.addAnnotation(key, value);
    }
  }
}

/**
 * What hardened and ha give their Mailpit alike: Pod Security "restricted", a writable /tmp,
 * probes, resources, no service account token, and every production prop Mailpit takes as is.
 */
export function productionMailpitProps(p: ResolvedStageProps<'hardened'> | ResolvedStageProps<'ha'>): MailpitProps {
  return {
    automountServiceAccountToken: false,
    podSecurityContext: restrictedPodSecurityContext(p.runAsUser, p.runAsGroup),
    securityContext: restrictedContainerSecurityContext(),
    writableTmp: true,
    probes: true,
    webroot: p.webroot,
    resources: p.resources,
    ...passedToMailpit(p),
  };
}
