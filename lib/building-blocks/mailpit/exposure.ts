import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Service, ServicePort } from '../../../imports/core';
import { CORE_API_VERSION } from '../../../imports/core';
import type { Ingress, IngressRule } from '../../../imports/networking';
import { NETWORKING_API_VERSION } from '../../../imports/networking';
import { GATEWAY_API_VERSION, type HTTPRoute } from '../../../imports/gateway';
import * as v from 'valibot';
import { option, type Problem } from '../../options/option';
import * as rules from '../../options/rules';
import { kubeObject } from '../kube';
import type { IngressPathType } from './rules';

// How Mailpit is reached: its Services, its Ingress, or a Gateway API HTTPRoute.

/** A port of the Mailpit container, and how a service mesh should treat it. */
export interface MailpitPort {
  readonly name: string;
  readonly port: number;
  /** tcp for SMTP and POP3, which speak first: a mesh must not wait to sniff them; http or https for the UI. */
  readonly appProtocol: string;
}

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;

const separateService = v.strictObject(
  {
    type: v.optional(rules.oneOf(SERVICE_TYPES)),
    port: v.optional(rules.port),
    nodePort: v.optional(rules.wholeNumberFrom(30000, 'a node port from 30000 to 32767', 32767)),
    loadBalancerIP: v.optional(rules.ipAddress),
    loadBalancerSourceRanges: v.optional(rules.listOf(rules.cidr, 'networks in CIDR notation')),
    externalTrafficPolicy: v.optional(rules.oneOf(['Cluster', 'Local'])),
    annotations: v.optional(rules.annotations),
  },
  'an object { type, port, nodePort, loadBalancerIP, loadBalancerSourceRanges, externalTrafficPolicy, annotations }',
);
type SeparateService = v.InferOutput<typeof separateService>;

/** The separate Services: the ports each serves, and its defaults. */
export const SEPARATE_SERVICES = {
  smtpService: { id: 'SmtpService', suffix: 'smtp', ports: ['smtp', 'pop3'], main: 'smtp', type: 'LoadBalancer', port: 25 },
  uiService: { id: 'UiService', suffix: 'http', ports: ['http'], main: 'http', type: 'ClusterIP', port: 80 },
} as const;
type SeparateServiceKey = keyof typeof SEPARATE_SERVICES;

/** Fields of a separate Service that only some Service types have, and those types. */
export const TYPE_ONLY_FIELDS: readonly (readonly [keyof SeparateService, readonly string[]])[] = [
  ['nodePort', ['NodePort', 'LoadBalancer']],
  ['externalTrafficPolicy', ['NodePort', 'LoadBalancer']],
  ['loadBalancerIP', ['LoadBalancer']],
  ['loadBalancerSourceRanges', ['LoadBalancer']],
];

/** A field that the Service's type has not is refused, rather than dropped. */
function separateServiceRule(key: SeparateServiceKey) {
  return (value: SeparateService): Problem | undefined => {
    const type = value.type ?? SEPARATE_SERVICES[key].type;
    const misplaced = TYPE_ONLY_FIELDS.find(([field, types]) => value[field] !== undefined && !types.includes(type));
    return misplaced && { at: [misplaced[0]], value: value[misplaced[0]], allowed: `only for a Service of type ${misplaced[1].join(' or ')}, not ${type}` };
  };
}

const parentRef = v.strictObject(
  { name: rules.dnsSubdomain, namespace: v.optional(rules.dnsLabel), sectionName: v.optional(rules.dnsSubdomain) },
  'an object { name, namespace, sectionName } naming a Gateway',
);

export const EXPOSURE_OPTIONS = {
  serviceAnnotations: option({ value: rules.annotations, help: 'annotations of the Services' }),
  appProtocol: option({
    value: rules.flag,
    default: false,
    help: 'appProtocol on every Service port: tcp for SMTP and POP3, which speak first, so that a service mesh does not wait to sniff them; http or https for the UI',
  }),
  smtpService: option({
    value: separateService,
    help: 'a separate Service <name>-smtp for SMTP (and POP3), such as a LoadBalancer on port 25, while the UI stays internal; type defaults to LoadBalancer, port to 25',
    defaultText: 'none: SMTP is on the main Service only',
    refine: separateServiceRule('smtpService'),
  }),
  uiService: option({
    value: separateService,
    help: 'a separate Service <name>-http for the web UI, such as port 80 inside the cluster, or a NodePort where there is no Ingress; type defaults to ClusterIP, port to 80',
    defaultText: 'none: the UI is on the main Service only',
    refine: separateServiceRule('uiService'),
  }),
  ingress: option({ value: rules.flag, default: true, help: 'an Ingress for the web UI; turn it off when an HTTPRoute serves the UI' }),
  ingressTls: option({
    value: rules.listOf(v.strictObject({ secretName: rules.dnsSubdomain, hosts: v.optional(rules.listOf(rules.ingressHost, 'hosts')) }, 'an object { secretName, hosts }'), 'TLS entries'),
    help: 'TLS of the Ingress: kubernetes.io/tls Secrets by name, each for its hosts (default: the host and the extra hosts)',
    defaultText: 'none: plain HTTP',
  }),
  ingressAnnotations: option({ value: rules.annotations, help: 'annotations of the Ingress, such as cert-manager.io/cluster-issuer' }),
  extraHosts: option({ value: rules.listOf(rules.ingressHost, 'hosts'), help: 'more hosts for the web UI, on the Ingress and the HTTPRoute' }),
  ingressPathType: option({
    value: rules.oneOf(['Prefix', 'Exact', 'ImplementationSpecific']),
    help: "pathType of the Ingress path; Prefix and Exact need a webroot of letters, digits, '/', '_' and '-', as ingress-nginx validates them",
    defaultText: "Prefix; ImplementationSpecific for a webroot holding '.' or '@', which ingress-nginx denies in a Prefix path",
  }),
  httpRoute: option({
    value: v.strictObject(
      { parentRefs: v.pipe(rules.listOf(parentRef, 'Gateways'), v.minLength(1, 'at least one Gateway')), hostnames: v.optional(rules.listOf(rules.ingressHost, 'hosts')) },
      'an object { parentRefs, hostnames }',
    ),
    help: 'a Gateway API HTTPRoute for the web UI, attached to these Gateways (hostnames default to the host and the extra hosts)',
    defaultText: 'none',
  }),
};

/** What the Services, the Ingress and the HTTPRoute are made of. */
export interface Exposure {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The pods the Services select, when not only by `labels`: one slot of a blue-green pair. */
  readonly selector?: Readonly<Record<string, string>>;
  /** The main Service is headless: it governs a StatefulSet, whose pods each get a DNS name. */
  readonly headless?: boolean;
  /** The container ports the main Service exposes; SMTP and POP3 are also on the SMTP Service. */
  readonly ports: readonly MailpitPort[];
  readonly hosts: readonly string[];
  /** The path of the UI, such as `/` or `/mail`. */
  readonly path: string;
  readonly serviceAnnotations?: Readonly<Record<string, string>>;
  readonly appProtocol: boolean;
  readonly smtpService?: SeparateService;
  readonly uiService?: SeparateService;
  readonly ingress: boolean;
  readonly ingressClassName?: string;
  readonly ingressTls?: readonly { readonly secretName: string; readonly hosts?: readonly string[] }[];
  readonly ingressAnnotations?: Readonly<Record<string, string>>;
  readonly ingressPathType: IngressPathType;
  readonly httpRoute?: { readonly parentRefs: readonly { name: string; namespace?: string; sectionName?: string }[]; readonly hostnames?: readonly string[] };
}

function servicePort(port: MailpitPort, exposure: Exposure, as = port.port): ServicePort {
  return { name: port.name, port: as, targetPort: port.name, appProtocol: exposure.appProtocol ? port.appProtocol : undefined };
}

/** The main Service: every port, inside the cluster. */
export function mainService(scope: Construct, e: Exposure): ApiObject {
  return kubeObject<Service>(scope, 'Service', {
    apiVersion: CORE_API_VERSION,
    kind: 'Service',
    metadata: { name: e.name, namespace: e.namespace, labels: { ...e.labels }, annotations: e.serviceAnnotations && { ...e.serviceAnnotations } },
    spec: { clusterIP: e.headless ? 'None' : undefined, selector: { ...(e.selector ?? e.labels) }, ports: e.ports.map((port) => servicePort(port, e)) },
  });
}

/** A separate Service, when asked for: SMTP and POP3, or the UI, with the main port on a port of its own. */
export function separateServiceOf(scope: Construct, e: Exposure, key: SeparateServiceKey): ApiObject | undefined {
  const s = e[key];
  if (!s) {
    return undefined;
  }
  const spec = SEPARATE_SERVICES[key];
  const ports = e.ports.filter((port) => (spec.ports as readonly string[]).includes(port.name));
  return kubeObject<Service>(scope, spec.id, {
    apiVersion: CORE_API_VERSION,
    kind: 'Service',
    metadata: { name: `${e.name}-${spec.suffix}`, namespace: e.namespace, labels: { ...e.labels }, annotations: { ...e.serviceAnnotations, ...s.annotations } },
    spec: {
      type: s.type ?? spec.type,
      selector: { ...(e.selector ?? e.labels) },
      ports: ports.map((port) => {
        const main = port.name === spec.main;
        return { ...servicePort(port, e, main ? (s.port ?? spec.port) : port.port), nodePort: main ? s.nodePort : undefined };
      }),
      loadBalancerIP: s.loadBalancerIP,
      loadBalancerSourceRanges: s.loadBalancerSourceRanges && [...s.loadBalancerSourceRanges],
      externalTrafficPolicy: s.externalTrafficPolicy,
    },
  });
}

/** The Ingress of the web UI, unless turned off. */
export function ingressOf(scope: Construct, e: Exposure): ApiObject | undefined {
  if (!e.ingress) {
    return undefined;
  }
  const rule = (host: string): IngressRule => ({
    host,
    http: { paths: [{ path: e.path, pathType: e.ingressPathType, backend: { service: { name: e.name, port: { name: 'http' } } } }] },
  });
  return kubeObject<Ingress>(scope, 'Ingress', {
    apiVersion: NETWORKING_API_VERSION,
    kind: 'Ingress',
    metadata: { name: e.name, namespace: e.namespace, labels: { ...e.labels }, annotations: e.ingressAnnotations && { ...e.ingressAnnotations } },
    spec: {
      ingressClassName: e.ingressClassName,
      tls: e.ingressTls?.map((tls) => ({ secretName: tls.secretName, hosts: [...(tls.hosts ?? e.hosts)] })),
      rules: e.hosts.map(rule),
    },
  });
}

/** The HTTPRoute of the web UI, when asked for. */
export function httpRouteOf(scope: Construct, e: Exposure, uiPort: number): ApiObject | undefined {
  if (!e.httpRoute) {
    return undefined;
  }
  return kubeObject<HTTPRoute>(scope, 'HttpRoute', {
    apiVersion: GATEWAY_API_VERSION,
    kind: 'HTTPRoute',
    metadata: { name: e.name, namespace: e.namespace, labels: { ...e.labels } },
    spec: {
      parentRefs: e.httpRoute.parentRefs.map((ref) => ({ ...ref })),
      hostnames: [...(e.httpRoute.hostnames ?? e.hosts)],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: e.path } }], backendRefs: [{ name: e.name, port: uiPort }] }],
    },
  });
}
