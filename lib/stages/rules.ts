import { nfsOrStorage } from '../building-blocks/lab-maildir';
import { SETTING_VARIABLES, VARIABLES_OF_PROPS } from '../building-blocks/mailpit';
import { envRule, listenerOwners, type Owners } from '../building-blocks/mailpit/settings';
import type { Problem } from '../options/option';
import { type Relation, relationProblem } from '../options/relations';
import type { StageName } from './names';
import { type ResolvedStageProps, STAGE_OPTIONS, type StageOption, stagesTaking } from './options';

// The rules between the props of a stage, each typed on the resolved props of the stages it
// serves (a misspelt prop does not compile) and registered with those stages below.

/** Keys of `T` that every stage of `S` takes: a rule for several stages reads only these. */
type Common<S extends StageName> = ResolvedStageProps<S>;

/** A rule across the props of stages `S`: `given` is what the caller set. */
export type StageRule<S extends StageName> = (p: Common<S>, given: Readonly<Record<string, unknown>>, stage: S) => Problem | undefined;

/** The lab's NFS export replaces the claim, and sets MP_DISABLE_WAL itself. */
const labStorageRule: StageRule<'pvc' | 'pvc-secure'> = (p) =>
  nfsOrStorage(p) ??
  (p.nfs !== undefined && p.env?.MP_DISABLE_WAL !== undefined
    ? { at: ['env', 'MP_DISABLE_WAL'], value: p.env.MP_DISABLE_WAL, allowed: 'set to true by nfs, as Mailpit advises on network file systems' }
    : undefined);

/** A StorageClass's provisioner makes the volumes of TD 9 that persistentVolumes would make. */
export const STATEFULSET_RELATIONS: readonly Relation<'persistentVolumes' | 'storageClassName'>[] = [
  { prop: 'persistentVolumes', notWith: 'storageClassName', allowed: 'not with storageClassName, whose provisioner makes the volumes' },
];

/** The hostPath volumes of TD 9 are made for the claims, or elsewhere (0: a class's teacher makes them). */
const statefulSetRule: StageRule<'statefulset'> = (p, given) => {
  if (p.storageClassName !== undefined) {
    // persistentVolumes has a default: only a given one is refused.
    return relationProblem(STATEFULSET_RELATIONS, { persistentVolumes: given.persistentVolumes, storageClassName: p.storageClassName });
  }
  return p.persistentVolumes > 0 && p.replicas > p.persistentVolumes
    ? {
        at: ['replicas'],
        value: p.replicas,
        allowed: `at most persistentVolumes (${p.persistentVolumes}): pod ${p.name}-${p.persistentVolumes} would wait for a volume forever; raise persistentVolumes, or 0 where the volumes are made elsewhere`,
      }
    : undefined;
};

/** TD 8 has no TLS: SMTP authentication that accepts anyone needs smtpAuthAllowInsecure, or Mailpit does not start. */
const configRule: StageRule<'config'> = (p) =>
  p.smtpAuthAcceptAny && !p.smtpAuthAllowInsecure
    ? {
        at: ['smtpAuthAllowInsecure'],
        value: p.smtpAuthAllowInsecure,
        allowed: 'true while smtpAuthAcceptAny is on: the config stage has no TLS, and Mailpit refuses SMTP authentication without it unless allowed',
      }
    : undefined;

/** The fields of an rqlite cluster of its own, which an existing cluster's url replaces. */
export const OWN_CLUSTER = ['nodes', 'storageClassName', 'storageSize', 'resources'] as const;

/**
 * An existing rqlite cluster (url) replaces a cluster of its own, whose fields are then refused;
 * a cluster of its own is the StatefulSet `<name>-rqlite`, whose name may not pass 52 characters.
 */
const rqliteRule: StageRule<'canary' | 'blue-green' | 'ha'> = (p, given) => {
  const asked = (given.rqlite ?? {}) as Readonly<Record<string, unknown>>;
  if (asked.url !== undefined) {
    const own = OWN_CLUSTER.find((key) => asked[key] !== undefined);
    return own && { at: ['rqlite', own], value: asked[own], allowed: 'not with rqlite.url: the Mailpits use that cluster, and make none of their own' };
  }
  const longest = 52 - '-rqlite'.length;
  return p.name.length > longest
    ? {
        at: ['name'],
        value: p.name,
        allowed: `at most ${longest} characters with an rqlite cluster of its own: the cluster's StatefulSet, ${p.name}-rqlite, may not pass 52 (its pods' controller-revision-hash label would pass 63)`,
      }
    : undefined;
};

/** The props of a claim of its own, which an existing claim or none does not take. */
export const CLAIM_PROPS = ['storageClassName', 'storageSize', 'claimName', 'storageAccessMode'] as const;

/** What a claim of its own needs; an existing claim or none takes no claim prop. */
const claimRule: StageRule<'hardened'> = (p, given) => {
  const refuse = (at: string, allowed: string): Problem => ({ at: [at], value: (p as Record<string, unknown>)[at], allowed });
  if (p.existingClaim !== undefined || p.persistence === false) {
    const with_ = p.existingClaim !== undefined ? 'existingClaim' : 'persistence: false';
    for (const claimProp of CLAIM_PROPS) {
      if (given[claimProp] !== undefined) {
        return refuse(claimProp, `not with ${with_}: no claim is made`);
      }
    }
    if (p.persistence === false && p.storageSubPath !== undefined) {
      return refuse('storageSubPath', 'not with persistence: false: the emptyDir holds only the database');
    }
    if (p.existingClaim !== undefined && p.persistence === false) {
      return refuse('existingClaim', 'not with persistence: false');
    }
  }
  return undefined;
};

/** The sources a NetworkPolicy admits narrow a NetworkPolicy: without one, nothing would use them. */
export const PRODUCTION_RELATIONS: readonly Relation<'smtpFrom' | 'uiFrom' | 'networkPolicy'>[] = [
  { prop: 'smtpFrom', needs: ['networkPolicy'], allowed: 'needs networkPolicy: true, which it narrows' },
  { prop: 'uiFrom', needs: ['networkPolicy'], allowed: 'needs networkPolicy: true, which it narrows' },
];

const productionRule: StageRule<'hardened' | 'ha'> = (p) => relationProblem(PRODUCTION_RELATIONS, p);

/** Where each stage keeps its database, which MP_DATABASE would move. */
const DATABASE_OF_STAGE: { readonly [S in StageName]: string } = {
  baseline: 'keeps the database in the container, as the lab does',
  pvc: "keeps the database on /maildir, the lab's claim, with --db-file (which wins over MP_DATABASE)",
  'pvc-secure': "keeps the database on /maildir, the lab's claim, with --db-file (which wins over MP_DATABASE)",
  config: 'keeps the database in the container, as TD 8 does',
  statefulset: "keeps each pod's database on its own claim, with --db-file (which wins over MP_DATABASE)",
  canary: 'keeps the database in rqlite: rqlite.url names another cluster',
  'blue-green': 'keeps the database in rqlite: rqlite.url names another cluster',
  hardened: 'keeps the database on its claim: persistence, existingClaim and storageSubPath choose it',
  ha: 'keeps the database in rqlite: rqlite.url names another cluster',
};

/**
 * What env may not set on a stage, and what to say instead: a way that works on that stage, or,
 * where the stage has none, the stages that have one.
 */
function variablesSetElsewhere(stage: StageName): Owners {
  const byProp = (variable: string, prop: string): [string, string] => {
    const stages = stagesTaking(prop);
    return [
      variable,
      stages.includes(stage)
        ? `set by the prop ${prop}; use that instead`
        : `not on stage ${stage}, whose Services, probes and mounts are written without it; the prop ${prop} sets it on stage ${stages.join(' or ')}`,
    ];
  };
  return {
    // A typed setting is the stage's only where the stage takes its prop; elsewhere env may set it.
    ...Object.fromEntries(Object.entries(VARIABLES_OF_PROPS).flatMap(([variable, prop]) => (SETTING_VARIABLES.has(variable) && !stagesTaking(prop).includes(stage) ? [] : [byProp(variable, prop)]))),
    ...Object.fromEntries(Object.entries(STAGE_OPTIONS as Record<string, StageOption>).flatMap(([key, spec]) => (spec.variable && spec.stages.includes(stage) ? [byProp(spec.variable, key)] : []))),
    ...listenerOwners(),
    MP_DATABASE: `set by the stage, which ${DATABASE_OF_STAGE[stage]}`,
  };
}

const owners = new Map<StageName, (env: Readonly<Record<string, string>>) => Problem | undefined>();

/** env may set no variable that the stage, or a prop, sets; nor one Mailpit would refuse. */
const envOfStageRule: StageRule<StageName> = (p, _given, stage) => {
  if (p.env === undefined) {
    return undefined;
  }
  let rule = owners.get(stage);
  if (!rule) {
    rule = envRule(variablesSetElsewhere(stage));
    owners.set(stage, rule);
  }
  const problem = rule(p.env);
  return problem && { ...problem, at: ['env', ...problem.at] };
};

/** The rules of each stage, in the order they run: the first problem is the one reported. */
export const STAGE_RULES: { readonly [S in StageName]: readonly StageRule<S>[] } = {
  baseline: [envOfStageRule],
  pvc: [envOfStageRule, labStorageRule],
  'pvc-secure': [envOfStageRule, labStorageRule],
  config: [envOfStageRule, configRule],
  statefulset: [envOfStageRule, statefulSetRule],
  canary: [envOfStageRule, rqliteRule],
  'blue-green': [envOfStageRule, rqliteRule],
  hardened: [envOfStageRule, productionRule, claimRule],
  ha: [envOfStageRule, rqliteRule, productionRule],
};
