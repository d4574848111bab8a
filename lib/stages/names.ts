/** The stages, in the order of the lab, then beyond it. */
export const STAGE_NAMES = ['baseline', 'pvc', 'pvc-secure', 'hardened'] as const;

export type StageName = (typeof STAGE_NAMES)[number];

/** The stage `npm run synth` writes, and a class gets: the end of the lab. */
export const DEFAULT_STAGE = 'pvc-secure' satisfies StageName;
