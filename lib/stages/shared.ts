import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { LabMaildir } from '../building-blocks/lab-maildir';
import { Mailpit, MAILPIT_OPTIONS, MailpitProps } from '../building-blocks/mailpit/mailpit';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../building-blocks/restricted';
import { Rqlite } from '../building-blocks/rqlite';
import { STAGE_NAMES } from './names';
import { ResolvedStageProps, STAGE_OPTIONS, stagesTaking, TakenByAll } from './options';
import { passedToMailpit } from './production-options';
import { PropPath } from '../options/errors';
import { partOf, sameKeys } from '../options/option';

/**
 * The options that every stage takes and passes on to its {@link Mailpit} unchanged, and its
 * image, which the stages of two versions (canary, blue-green) give each version instead.
 */
type Common = Pick<ResolvedStageProps<'baseline'>, TakenByAll & keyof MailpitProps> & { readonly image?: string };
const COMMON = [
  ...(Object.keys(STAGE_OPTIONS) as TakenByAll[]).filter((key) => key in MAILPIT_OPTIONS && stagesTaking(key).length === STAGE_NAMES.length),
  'image',
] as (keyof Common)[];

/** The props a stage was given, and how its errors name them: `MailpitHardenedProps`. */
export interface StageCaller {
  readonly root: string;
  readonly given: unknown;
}

/**
 * Builds a part of a stage (its Mailpit, its storage, its rqlite) from the stage's props: an error
 * of the part names the stage's prop it came from. `renamed` maps a part's prop to the stage's
 * when their names differ, such as Mailpit's maildirSubPath, the stage's storageSubPath.
 */
export function stagePart<T>(caller: StageCaller, build: () => T, renamed: Readonly<Record<string, PropPath>> = {}): T {
  return partOf({ root: caller.root }, sameKeys(caller.given, renamed), build);
}

/** The Mailpit settings that a stage's props make, by the prop a Mailpit error names. */
export const SETTINGS_OF_PROPS: Readonly<Record<string, PropPath>> = {
  'settings.MP_TENANT_ID': ['tenantId'],
  'settings.MP_DATABASE': ['rqlite', 'url'],
};

/** What every stage passes on to its {@link Mailpit} unchanged. */
export function commonMailpitProps(p: Common): MailpitProps {
  return Object.fromEntries(COMMON.flatMap((key) => (p[key] === undefined ? [] : [[key, p[key]]])));
}

/**
 * A Mailpit whose database lives on the lab's `/maildir` (the hostPath claim, or NFS), created
 * after that storage. `extra` adds what the stage changes on the Mailpit.
 */
export function mailpitOnLabMaildir(
  scope: Construct,
  caller: StageCaller,
  p: Common & Pick<ResolvedStageProps<'pvc'>, 'storage' | 'nfs'>,
  extra: MailpitProps = {},
): { maildir: LabMaildir; mailpit: Mailpit } {
  const maildir = stagePart(caller, () => new LabMaildir(scope, 'Maildir', { namespace: p.namespace, storage: p.storage, nfs: p.nfs }));
  const common = commonMailpitProps(p);
  const { env, ...volume } = maildir.mailpitProps;
  const mailpit = stagePart(caller, () => new Mailpit(scope, 'Mailpit', { ...common, ...volume, env: { ...common.env, ...env }, ...extra }));
  mailpit.node.addDependency(maildir);
  return { maildir, mailpit };
}

/** Where the Mailpits of a stage on rqlite keep their mail: an rqlite cluster of its own, or the one given. */
export function rqliteDatabase(
  scope: Construct,
  caller: StageCaller,
  p: { name: string; namespace?: string; rqlite: StageRqlite },
): { rqlite?: Rqlite; url: string } {
  if (p.rqlite.url !== undefined) {
    return { url: p.rqlite.url };
  }
  const { url: _, ...cluster } = p.rqlite;
  const props = { ...cluster, name: rqliteNameOf(p.name), namespace: p.namespace };
  const rqlite = stagePart(caller, () => new Rqlite(scope, 'Rqlite', props), { nodes: ['rqlite', 'nodes'], storageClassName: ['rqlite', 'storageClassName'], storageSize: ['rqlite', 'storageSize'], resources: ['rqlite', 'resources'] });
  return { rqlite, url: rqlite.databaseUrl() };
}

/** The rqlite prop of a stage on rqlite: a cluster of its own, or an existing one's url. */
export type StageRqlite = ResolvedStageProps<'ha'>['rqlite'];

/**
 * The name of a stage's own rqlite cluster: `rqlite` beside the default Mailpit, as the lab's
 * sheets show it, else `<name>-rqlite`, so that Mailpits of other names side by side in one
 * namespace each get their own, and none is named like its cluster.
 */
export function rqliteNameOf(mailpitName: string): string {
  return mailpitName === MAILPIT_OPTIONS.name.default ? 'rqlite' : `${mailpitName}-rqlite`;
}

/**
 * Labels and annotations on every object of a construct, under each object's own. They are stamped
 * when the manifests are written (cdk8s runs validations just before, in `app.synth()` and
 * `chart.toJson()` alike), so that an object added to the construct afterwards gets them too.
 */
export function stampCommonMetadata(scope: Construct, labels: Readonly<Record<string, string>> = {}, annotations: Readonly<Record<string, string>> = {}): void {
  const stamp = () => {
    for (const object of scope.node.findAll().filter((child): child is ApiObject => child instanceof ApiObject)) {
      const own = object.metadata;
      for (const [key, value] of Object.entries(labels)) {
        if (own.getLabel(key) === undefined) own.addLabel(key, value);
      }
      for (const [key, value] of Object.entries(annotations)) {
        if (own.toJson().annotations?.[key] === undefined) own.addAnnotation(key, value);
      }
    }
    return [];
  };
  scope.node.addValidation({ validate: stamp });
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
