import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { NetworkPolicy, NetworkPolicyPeer } from 'kubernetes-types/networking/v1';
import { kubeObject } from './kube';
import { Mailpit } from './mailpit';

/** Who may reach Mailpit: unset admits any source. */
export interface MailpitNetworkPolicyProps {
  /** The sources admitted to SMTP and POP3. */
  readonly smtpFrom?: readonly NetworkPolicyPeer[];
  /** The sources admitted to the web UI and the metrics. */
  readonly uiFrom?: readonly NetworkPolicyPeer[];
}

/**
 * Lets traffic reach Mailpit's pods on its ports only: SMTP and POP3 from `smtpFrom`, the UI and
 * metrics from `uiFrom`. Egress is left open, because Mailpit may relay mail to an upstream server.
 */
export class MailpitNetworkPolicy extends Construct {
  public readonly policy: ApiObject;

  public constructor(scope: Construct, id: string, mailpit: Mailpit, props: MailpitNetworkPolicyProps = {}) {
    super(scope, id);
    const mail = mailpit.ports.filter((port) => port.name === 'smtp' || port.name === 'pop3');
    const web = mailpit.ports.filter((port) => port.name === 'http' || port.name === 'metrics');
    const tcp = (ports: typeof mail) => ports.map((port) => ({ protocol: 'TCP', port: port.port }));
    const narrowed = props.smtpFrom !== undefined || props.uiFrom !== undefined;
    this.policy = kubeObject<NetworkPolicy>(this, 'Policy', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: mailpit.name, namespace: mailpit.namespace, labels: { ...mailpit.podLabels } },
      spec: {
        podSelector: { matchLabels: { ...mailpit.podLabels } },
        policyTypes: ['Ingress'],
        ingress: narrowed
          ? [
              { from: props.smtpFrom && [...props.smtpFrom], ports: tcp(mail) },
              { from: props.uiFrom && [...props.uiFrom], ports: tcp(web) },
            ]
          : [{ ports: tcp([...mail, ...web].sort((a, b) => a.port - b.port)) }],
      },
    });
  }
}
