import { type ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type { Container } from '../../imports/core';
import type { NetworkPolicy, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicyPort } from '../../imports/networking';
import { NETWORKING_API_VERSION } from '../../imports/networking';
import * as v from 'valibot';
import { option, type PropsOf, resolveProps } from '../options/option';
import * as rules from '../options/rules';
import { kubeObject } from './kube';
import { type Mailpit, MAILPIT_CONTAINER_NAME } from './mailpit/mailpit';
import type { MailpitNetworkPolicyProps } from '../generated/props';

/**
 * A source of traffic: a Kubernetes NetworkPolicyPeer that names one, as the API server requires
 * ("must specify a peer"): `{}` would be refused.
 */
const peer = v.pipe(
  rules.kubernetesObject<NetworkPolicyPeer>('NetworkPolicyPeer'),
  v.check((p) => p.podSelector !== undefined || p.namespaceSelector !== undefined || p.ipBlock !== undefined, 'a NetworkPolicyPeer with a podSelector, a namespaceSelector or an ipBlock'),
);

/** Sources of traffic: `[]` admits none. */
export const networkPolicyPeers = rules.listOf(peer, 'network policy peers');

export const NETWORK_POLICY_OPTIONS = {
  smtpFrom: option({
    value: networkPolicyPeers,
    help: 'the sources admitted to SMTP and POP3 (namespace, pod and ipBlock selectors); [] admits none',
    defaultText: 'any source',
  }),
  uiFrom: option({
    value: networkPolicyPeers,
    help: 'the sources admitted to the web UI, metrics and any other port of the pod; [] admits none',
    defaultText: 'any source',
  }),
};

/** Who may reach Mailpit: unset admits any source, `[]` none. */
export type NetworkPolicyTableProps = PropsOf<typeof NETWORK_POLICY_OPTIONS>;
export type { MailpitNetworkPolicyProps };

/** The mail ports, which `smtpFrom` guards; every other port is the UI's. */
const MAIL_PORTS = ['smtp', 'pop3'];

/**
 * Lets traffic reach Mailpit's pods on its ports only: SMTP and POP3 from `smtpFrom`, the UI and
 * every other port from `uiFrom`. A list never becomes an empty `from`, which Kubernetes reads as
 * every source: `[]` leaves its ports out, so that no source reaches them. Egress is left open,
 * because Mailpit may relay mail to an upstream server. The ports are read from the workload when
 * the manifests are written, so that a patch of its container ports is followed.
 */
export class MailpitNetworkPolicy extends Construct {
  public readonly policy: ApiObject;

  public constructor(scope: Construct, id: string, mailpit: Mailpit, props: MailpitNetworkPolicyProps = {}) {
    super(scope, id);
    const p = resolveProps(NETWORK_POLICY_OPTIONS, props, { root: 'MailpitNetworkPolicyProps' });
    const ingress = (): NetworkPolicyIngressRule[] => {
      const ports = containerPorts(mailpit.workload);
      const tcp = (mail: boolean): NetworkPolicyPort[] => ports.filter((port) => MAIL_PORTS.includes(port.name ?? '') === mail).map((port) => ({ protocol: 'TCP', port: port.containerPort }));
      if (p.smtpFrom === undefined && p.uiFrom === undefined) {
        return [{ ports: [...tcp(true), ...tcp(false)].sort((a, b) => Number(a.port) - Number(b.port)) }];
      }
      const rule = (from: readonly NetworkPolicyPeer[] | undefined, ports: NetworkPolicyPort[]): NetworkPolicyIngressRule[] =>
        from === undefined ? [{ ports }] : from.length === 0 || ports.length === 0 ? [] : [{ from: [...from], ports }];
      return [...rule(p.smtpFrom, tcp(true)), ...rule(p.uiFrom, tcp(false))];
    };
    this.policy = kubeObject<NetworkPolicy>(this, 'Policy', {
      apiVersion: NETWORKING_API_VERSION,
      kind: 'NetworkPolicy',
      metadata: { name: mailpit.name, namespace: mailpit.namespace, labels: { ...mailpit.podLabels } },
      spec: {
        podSelector: { matchLabels: { ...mailpit.podLabels } },
        policyTypes: ['Ingress'],
        ingress: Lazy.any({ produce: ingress }) as unknown as NetworkPolicyIngressRule[],
      },
    });
  }
}

/** The ports of the Mailpit container of a workload, as it will be written. */
function containerPorts(workload: ApiObject): NonNullable<Container['ports']> {
  const json = workload.toJson() as { spec?: { template?: { spec?: { containers?: Container[] } } } };
  return json.spec?.template?.spec?.containers?.find((c) => c.name === MAILPIT_CONTAINER_NAME)?.ports ?? [];
}
