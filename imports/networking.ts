// The networking.k8s.io API group: the Ingress and the NetworkPolicy.
export type { Ingress, IngressRule, NetworkPolicy, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort } from 'kubernetes-types/networking/v1';

/** The apiVersion of Ingresses and NetworkPolicies. */
export const NETWORKING_API_VERSION = 'networking.k8s.io/v1';
