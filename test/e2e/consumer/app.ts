// A cdk8s app of another team: it installs cdk8s-mailpit from its tarball and runs as plain JS.
import { App, Chart, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { Classroom, Mailpit, MailpitBaseline, MailpitDatabase, MailpitHardened, MailpitPvc, MailpitPvcSecure, type MailpitPvcSecureProps, MailpitWorkload } from 'cdk8s-mailpit';

declare const process: { readonly argv: readonly string[] };
const app = new App({ outdir: process.argv[2] });

const secure: MailpitPvcSecureProps = { host: 'mail.team.test', runAsUser: 1000 };
new MailpitPvcSecure(new Chart(app, 'secure', { namespace: 'team', disableResourceNameHashes: true }), 'mailpit', secure);
new MailpitPvc(new Chart(app, 'pvc', { namespace: 'pvc', disableResourceNameHashes: true }), 'mailpit', {
  storage: { volumeName: 'pv-team-pvc', hostPath: '/data/team-pvc' },
});
const baseline = new MailpitBaseline(new Chart(app, 'baseline', { namespace: 'baseline', disableResourceNameHashes: true }), 'mailpit');
const shared: Mailpit = baseline.mailpit;
console.log(`deployment ${shared.workload.name}`);
// Typed values, as cdk8s and cdk8s-plus write them.
new MailpitHardened(new Chart(app, 'hardened', { namespace: 'hardened', disableResourceNameHashes: true }), 'mailpit', {
  resources: { cpu: { request: Cpu.millis(100) }, memory: { limit: Size.mebibytes(512) } },
  storageSize: Size.gibibytes(2),
});
// The building block, with its typed database and workload.
new Mailpit(new Chart(app, 'shared', { namespace: 'shared', disableResourceNameHashes: true }), 'mailpit', {
  database: MailpitDatabase.rqlite('http://rqlite.db.svc:4001?disableClusterDiscovery=true'),
  workload: MailpitWorkload.deployment({ replicas: 2 }),
  maxMessages: 0,
});

// The types are real: a wrong prop type, or a prop the stage does not use, must not compile.
export function neverCalled(chart: Chart): void {
  // @ts-expect-error host is a string
  new MailpitBaseline(chart, 'mailpit', { host: 42 });
  // @ts-expect-error baseline takes no runAsUser
  new MailpitBaseline(chart, 'mailpit', { runAsUser: 1000 });
  // @ts-expect-error a class's baseline takes no runAsUser either
  new Classroom(chart, 'class', { students: ['a'], stage: 'baseline', stageProps: { runAsUser: 4242 } });
  // @ts-expect-error several pods on one SQLite file
  new Mailpit(chart, 'two-on-sqlite', { database: MailpitDatabase.emptyDir(), workload: MailpitWorkload.deployment({ replicas: 2 }) });
  // @ts-expect-error a claim per pod needs a StatefulSet
  new Mailpit(chart, 'claims-in-a-deployment', { database: MailpitDatabase.claimPerPod({ size: Size.gibibytes(1) }) });
}

app.synth();
