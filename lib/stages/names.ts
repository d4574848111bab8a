/** The stages, in the order of the lab, then beyond it. */
export const STAGE_NAMES = ['baseline', 'pvc', 'pvc-secure', 'config', 'statefulset', 'canary', 'blue-green', 'hardened', 'ha'] as const;

/** The stages whose Mailpits share an rqlite database, so that several run at once. */
export const RQLITE_STAGES = ['canary', 'blue-green', 'ha'] as const satisfies readonly StageName[];

export type StageName = (typeof STAGE_NAMES)[number];

/** The stage `npm run synth` writes, and a class gets: the end of the lab. */
export const DEFAULT_STAGE = 'pvc-secure' satisfies StageName;
