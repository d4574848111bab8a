// Mailpit beside a cdk8s-plus-27 app: a shop whose Deployment may reach Mailpit's SMTP port and
// nothing else, a cdk8s-plus Service that selects Mailpit's pods, the UI's htpasswd from a
// cdk8s-plus Secret, and a JSON patch through the construct's default child.
// Run it with: npx tsx examples/with-cdk8s-plus.ts DIR
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { Mailpit, MailpitDatabase, MailpitPorts } from '../lib';

/** The shop and its Mailpit, in `scope`. */
export function shopWithMailpit(scope: Construct): { shop: kplus.Deployment; mailpit: Mailpit } {
  // Created beforehand: kubectl create secret generic mailpit-ui --from-file=htpasswd
  const uiAuth = kplus.Secret.fromSecretName(scope, 'UiAuth', 'mailpit-ui');
  const mailpit = new Mailpit(scope, 'Mailpit', {
    database: MailpitDatabase.emptyDir(),
    uiAuthSecret: { name: uiAuth, key: 'htpasswd' },
    probes: true,
    maxMessages: 5000,
    ingress: false,
  });

  const shop = new kplus.Deployment(scope, 'Shop', {
    containers: [{ image: 'registry.example.org/shop:1.4.2', portNumber: 8080, securityContext: { ensureNonRoot: true, user: 1000 } }],
  });
  // Mailpit admits the shop on SMTP only. PEER isolation writes the policy on Mailpit's side alone:
  // a policy on the shop's egress would cut its DNS too.
  shop.connections.allowTo(mailpit, { ports: [kplus.NetworkPolicyPort.tcp(MailpitPorts.smtp)], isolation: kplus.PodConnectionsIsolation.PEER });

  // The UI on port 80 of a cdk8s-plus Service, which selects Mailpit's pods.
  const webmail = new kplus.Service(scope, 'Webmail', { ports: [{ port: 80, targetPort: MailpitPorts.http }] });
  webmail.select(mailpit);

  // An escape hatch: the Deployment Mailpit runs in, patched as any cdk8s object.
  ApiObject.of(mailpit).addJsonPatch(JsonPatch.add('/spec/minReadySeconds', 10));
  return { shop, mailpit };
}

if (require.main === module) {
  const outdir = process.argv[2];
  if (outdir === undefined || process.argv.length > 3) {
    process.stderr.write('usage: npx tsx examples/with-cdk8s-plus.ts DIR\n');
    process.exit(2);
  }
  const app = new App({ outdir });
  shopWithMailpit(new Chart(app, 'shop', { namespace: 'shop', disableResourceNameHashes: true }));
  app.synth();
}
