import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { LabMaildir } from '../building-blocks/lab-maildir';
import { Mailpit, MAILPIT_OPTIONS, type MailpitBaseProps, MailpitDatabase, type RqliteDatabase } from '../building-blocks/mailpit';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../building-blocks/restricted';
import { Rqlite } from '../building-blocks/rqlite';
import type { ResolvedStageProps } from './options';
import type { PropPath } from '../options/errors';
import { partOf, sameKeys } from '../options/option';

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

/**
 * The props of a stage that Mailpit takes as they are: every one of its table that Mailpit's table
 * declares too, when set. Derived, so that a new one reaches the pod without a line here.
 */
export function mailpitPropsOf(p: object): MailpitBaseProps {
  return Object.fromEntries(Object.entries(p).filter(([key, value]) => value !== undefined && Object.hasOwn(MAILPIT_OPTIONS, key)));
}

/**
 * A Mailpit whose database lives on the lab's `/maildir` (the hostPath claim, or NFS), created
 * after that storage. `extra` adds what the stage changes on the Mailpit.
 */
export function mailpitOnLabMaildir(
  scope: Construct,
  caller: StageCaller,
  p: ResolvedStageProps<'pvc'> | ResolvedStageProps<'pvc-secure'>,
  extra: MailpitBaseProps = {},
): { maildir: LabMaildir; mailpit: Mailpit } {
  const maildir = stagePart(caller, () => new LabMaildir(scope, 'Maildir', { namespace: p.namespace, storage: p.storage, nfs: p.nfs }));
  const { storage: _storage, nfs: _nfs, ...rest } = p as Record<string, unknown>;
  const mailpit = stagePart(caller, () => new Mailpit(scope, 'Mailpit', { ...mailpitPropsOf(rest), ...extra, database: maildir.database }));
  mailpit.node.addDependency(maildir);
  return { maildir, mailpit };
}

/** Where the Mailpits of a stage on rqlite keep their mail: an rqlite cluster of its own, or the one given. */
export function rqliteDatabase(scope: Construct, caller: StageCaller, p: { name: string; namespace?: string; rqlite: StageRqlite }): { rqlite?: Rqlite; database: RqliteDatabase } {
  if (p.rqlite.url !== undefined) {
    return { database: MailpitDatabase.rqlite(p.rqlite.url) };
  }
  const { url: _, ...cluster } = p.rqlite;
  const props = { ...cluster, name: rqliteNameOf(p.name), namespace: p.namespace };
  const rqlite = stagePart(caller, () => new Rqlite(scope, 'Rqlite', props), {
    nodes: ['rqlite', 'nodes'],
    storageClassName: ['rqlite', 'storageClassName'],
    storageSize: ['rqlite', 'storageSize'],
    resources: ['rqlite', 'resources'],
  });
  return { rqlite, database: MailpitDatabase.rqlite(rqlite) };
}

/** Where a stage on rqlite holds the URL that its Mailpit's database holds: the errors of one name the other. */
export const RQLITE_URL_OF_STAGE: Readonly<Record<string, PropPath>> = { 'database.url': ['rqlite', 'url'] };

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
 * probes, and a ConfigMap of its settings.
 */
export function productionMailpitProps(p: ResolvedStageProps<'hardened'> | ResolvedStageProps<'ha'>): MailpitBaseProps {
  return {
    automountServiceAccountToken: false,
    podSecurityContext: restrictedPodSecurityContext(p.runAsUser, p.runAsGroup),
    securityContext: restrictedContainerSecurityContext(),
    writableTmp: true,
    probes: true,
    configMap: true,
  };
}
