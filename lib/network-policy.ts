import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { Mailpit, MailpitPorts } from './mailpit';

/**
 * Lets traffic reach Mailpit's pods on SMTP and the web UI only. Egress is left open, because
 * Mailpit may relay mail to an upstream server.
 */
export class MailpitNetworkPolicy extends Construct {
  public readonly policy: k8s.KubeNetworkPolicy;

  public constructor(scope: Construct, id: string, mailpit: Mailpit) {
    super(scope, id);
    this.policy = new k8s.KubeNetworkPolicy(this, 'Policy', {
      metadata: { name: mailpit.name, namespace: mailpit.service.metadata.namespace, labels: mailpit.podLabels },
      spec: {
        podSelector: { matchLabels: mailpit.podLabels },
        policyTypes: ['Ingress'],
        ingress: [
          {
            ports: [
              { protocol: 'TCP', port: k8s.IntOrString.fromNumber(MailpitPorts.smtp) },
              { protocol: 'TCP', port: k8s.IntOrString.fromNumber(MailpitPorts.http) },
            ],
          },
        ],
      },
    });
  }
}
