// A cdk8s app of another team: it installs cdk8s-mailpit from its tarball and runs as plain JS.
import { App, Chart } from 'cdk8s';
import { Mailpit, MailpitBaseline, MailpitPvc, MailpitPvcSecure, MailpitPvcSecureProps } from 'cdk8s-mailpit';

declare const process: { readonly argv: readonly string[] };
const app = new App({ outdir: process.argv[2] });

const secure: MailpitPvcSecureProps = { host: 'mail.team.test', runAsUser: 1000 };
new MailpitPvcSecure(new Chart(app, 'secure', { namespace: 'team', disableResourceNameHashes: true }), 'mailpit', secure);
new MailpitPvc(new Chart(app, 'pvc', { namespace: 'pvc', disableResourceNameHashes: true }), 'mailpit', {
  storage: { volumeName: 'pv-team-pvc', hostPath: '/data/team-pvc' },
});
const baseline = new MailpitBaseline(new Chart(app, 'baseline', { namespace: 'baseline', disableResourceNameHashes: true }), 'mailpit');
const shared: Mailpit = baseline.mailpit;
console.log(`deployment ${shared.deployment.name}`);

// The types are real: a wrong prop type must not compile.
export function neverCalled(chart: Chart): void {
  // @ts-expect-error host is a string
  new MailpitBaseline(chart, 'mailpit', { host: 42 });
}

app.synth();
