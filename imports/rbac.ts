// The rbac.authorization.k8s.io API group: a student's Role and its binding.
export type { PolicyRule, Role, RoleBinding } from 'kubernetes-types/rbac/v1';

/** The apiVersion of Roles and RoleBindings. */
export const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';
