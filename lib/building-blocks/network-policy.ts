import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import { kubeObject } from './kube';
import { Mailpit, MailpitPorts } from './mailpit';

/**
 * Lets traffic reach Mailpit's pods on SMTP and the web UI only. Egress is left open, because
 * Mailpit may relay mail to an upstream server.
 */
export class MailpitNetworkPolicy extends Construct {
  public readonly policy: ApiObject;

  public constructor(scope: Construct, id: string, mailpit: Mailpit) {
    super(scope, id);
    this.policy = kubeObject<NetworkPolicy>(this, 'Policy', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: mailpit.name, namespace: mailpit.namespace, labels: { ...mailpit.podLabels } },
      spec: {
        podSelector: { matchLabels: { ...mailpit.podLabels } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            ports: [
              { protocol: 'TCP', port: MailpitPorts.smtp },
              { protocol: 'TCP', port: MailpitPorts.http },
            ],
          },
        ],
      },
    });
  }
}
