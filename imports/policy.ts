// The policy API group: PodDisruptionBudgets.
export type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';

/** The apiVersion of PodDisruptionBudgets. */
export const POLICY_API_VERSION = 'policy/v1';
