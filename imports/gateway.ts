// The Gateway API (gateway.networking.k8s.io/v1), typed by hand: kubernetes-types has no custom
// resources, and `cdk8s import` needs the network. The fields are those of the Gateway API's CRD
// at GATEWAY_API_RELEASE (versions.ts) that a route to a Service uses; the tests validate every
// HTTPRoute written against @kubernetes-models/gateway-api.

/** Standard object metadata, as far as these routes use it. */
export interface GatewayObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: { readonly [key: string]: string };
  readonly annotations?: { readonly [key: string]: string };
}

/** A Gateway (or a section of one) that a route attaches to. */
export interface ParentReference {
  readonly group?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name: string;
  readonly sectionName?: string;
  readonly port?: number;
}

/** How a request's path is matched. */
export interface HTTPPathMatch {
  readonly type?: 'Exact' | 'PathPrefix' | 'RegularExpression';
  readonly value?: string;
}

/** What a request must match. */
export interface HTTPRouteMatch {
  readonly path?: HTTPPathMatch;
  readonly method?: string;
}

/** A Service (by default) that matched requests go to. */
export interface HTTPBackendRef {
  readonly group?: string;
  readonly kind?: string;
  readonly name: string;
  readonly namespace?: string;
  readonly port?: number;
  readonly weight?: number;
}

/** Matches and where they go. */
export interface HTTPRouteRule {
  readonly matches?: readonly HTTPRouteMatch[];
  readonly backendRefs?: readonly HTTPBackendRef[];
}

/** An HTTPRoute: HTTP requests for its hostnames, through its Gateways, to its backends. */
export interface HTTPRoute {
  readonly apiVersion?: string;
  readonly kind?: 'HTTPRoute';
  readonly metadata: GatewayObjectMeta;
  readonly spec: {
    readonly parentRefs?: readonly ParentReference[];
    readonly hostnames?: readonly string[];
    readonly rules?: readonly HTTPRouteRule[];
  };
}

/** The apiVersion of HTTPRoutes. */
export const GATEWAY_API_VERSION = 'gateway.networking.k8s.io/v1';
