/** The Kubernetes release whose API kubernetes-types describes here: its package's major.minor. */
export const KUBERNETES_API_RELEASE = '1.30';

/** The Gateway API release whose HTTPRoute is typed in gateway.ts. */
export const GATEWAY_API_RELEASE = 'v1.2';
