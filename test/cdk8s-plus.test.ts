import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { describe, expect, it } from 'vitest';
import { shopWithMailpit } from '../examples/with-cdk8s-plus';
import { InvalidOptionError, Mailpit, MailpitDatabase, MailpitHardened, STAGE_NAMES } from '../lib';
import { STAGES } from '../lib/stages';
import { errorOf } from './support/errors';
import { container, newChart, only, podSpec, synthChart } from './support/manifests';

// Mailpit meets cdk8s-plus through its interfaces: a pod selector, a network peer, Secrets and
// ConfigMaps by object. examples/with-cdk8s-plus.ts is the user's view of it.

describe('examples/with-cdk8s-plus.ts', () => {
  const objects = synthChart((chart) => shopWithMailpit(chart), 'shop');
  const byName = (kind: string, suffix: string): any => objects.find((o) => o.kind === kind && o.metadata.name.endsWith(suffix));
  const shopLabels = byName('Deployment', 'shop').spec.selector.matchLabels;

  it("admits the shop's pods to Mailpit's SMTP port alone, with a policy on Mailpit's side", () => {
    const policy = only(objects, 'NetworkPolicy');
    expect(policy.metadata.namespace).toBe('shop');
    expect(policy.spec.podSelector).toEqual({ matchLabels: { app: 'mailpit' } });
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    expect(policy.spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: shopLabels } }],
        ports: [{ port: 1025, protocol: 'TCP' }],
      },
    ]);
  });

  it("gives a cdk8s-plus Service Mailpit's pods, the UI's htpasswd from a cdk8s-plus Secret, and a JSON patch to its Deployment", () => {
    expect(byName('Service', '-webmail').spec).toMatchObject({ selector: { app: 'mailpit' }, ports: [{ port: 80, targetPort: 8025 }] });
    expect(podSpec(objects).volumes).toContainEqual({
      name: 'mailpit-secrets',
      projected: { sources: [{ secret: { name: 'mailpit-ui', items: [{ key: 'htpasswd', path: 'ui-auth' }] } }] },
    });
    expect(only(objects, 'Deployment', 'mailpit')).toHaveProperty('spec.minReadySeconds', 10);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  });
});

describe('Mailpit and every stage as cdk8s-plus takes them', () => {
  it('as a peer without ports: connections.allowTo admits the ports of the Mailpit container', () => {
    const objects = synthChart((chart) => {
      const mailpit = new MailpitHardened(chart, 'mail', { metrics: 9090 });
      const client = new kplus.Deployment(chart, 'Client', { containers: [{ image: 'client' }] });
      client.connections.allowTo(mailpit, { isolation: kplus.PodConnectionsIsolation.PEER });
    }, 'team');
    const policy: any = objects.find((o: any) => o.kind === 'NetworkPolicy' && o.spec.podSelector.matchLabels?.app === 'mailpit');
    expect(policy.spec.ingress[0].ports).toEqual([1025, 8025, 9090].map((port) => ({ port, protocol: 'TCP' })));
    expect(container(objects, 'mailpit').ports.map((port: any) => port.containerPort)).toEqual([1025, 8025, 9090]);
  });

  it('selects its pods by the app label, in its namespace, or in none when it has none', () => {
    const inTeam = new Mailpit(newChart('team'), 'm', { name: 'mail' }).toPodSelectorConfig();
    expect(inTeam.labelSelector._toKube()).toEqual({ matchLabels: { app: 'mail' } });
    expect(inTeam.namespaces).toEqual({ names: ['team'] });
    expect(new Mailpit(newChart(), 'm').toPodSelectorConfig().namespaces).toBeUndefined();
  });

  it.each(STAGE_NAMES)('stage %s stands for its Mailpit, and its default child is the workload', (stage) => {
    const construct = new STAGES[stage].construct(newChart('team'), 'stage', {}) as any;
    expect(construct.toPodSelector()).toBe(construct.mailpit);
    expect(construct.toNetworkPolicyPeerConfig()).toEqual(construct.mailpit.toNetworkPolicyPeerConfig());
    expect(construct.node.defaultChild).toBe(construct.mailpit.workload);
    expect(construct.mailpit.node.defaultChild).toBe(construct.mailpit.workload);
    expect(ApiObject.of(construct.node.defaultChild).kind).toMatch(/^(Deployment|StatefulSet)$/);
  });
});

describe('Secrets, ConfigMaps and service accounts by object', () => {
  it('takes cdk8s-plus objects wherever a name is asked, and writes their names only', () => {
    const objects = synthChart((chart) => {
      const tls = kplus.Secret.fromSecretName(chart, 'Tls', 'mail-tls');
      const relay = new kplus.Secret(chart, 'Relay', { metadata: { name: 'relay' } });
      const settings = kplus.ConfigMap.fromConfigMapName(chart, 'Settings', 'more-settings');
      const account = kplus.ServiceAccount.fromServiceAccountName(chart, 'Account', 'mailpit');
      const registry = kplus.Secret.fromSecretName(chart, 'Registry', 'registry');
      new Mailpit(chart, 'm', {
        database: MailpitDatabase.emptyDir(),
        uiTlsSecret: tls,
        smtpRelayConfigSecret: { name: relay, key: 'relay.yaml' },
        envFrom: { secrets: [relay], configMaps: [settings] },
        serviceAccountName: account,
        imagePullSecrets: [registry],
      });
    }, 'team');
    const pod = podSpec(objects);
    expect(pod.serviceAccountName).toBe('mailpit');
    expect(pod.imagePullSecrets).toEqual([{ name: 'registry' }]);
    expect(pod.volumes[1].projected.sources.map((source: any) => source.secret.name)).toEqual(['relay', 'mail-tls']);
    expect(container(objects, 'mailpit').envFrom).toEqual([{ configMapRef: { name: 'more-settings' } }, { secretRef: { name: 'relay' } }]);
  });

  it('refuses an object of another kind where a Secret is asked, with an InvalidOptionError', () => {
    const chart = newChart('team');
    const settings = kplus.ConfigMap.fromConfigMapName(chart, 'Settings', 'more-settings');
    const error = errorOf(() => new Mailpit(chart, 'm', { uiTlsSecret: settings as never }));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.message).toMatch(/^MailpitProps\.uiTlsSecret .* is invalid: the name of a Secret \(a DNS-1123 subdomain.*\), or a cdk8s-plus ISecret or ApiObject of kind Secret$/);
    expect(errorOf(() => new Mailpit(newChart(), 'm', { envFrom: { configMaps: ['Not_A_Name'] } })).message).toMatch(/^MailpitProps\.envFrom\.configMaps\[0\] "Not_A_Name" is invalid: the name of a ConfigMap/);
  });
});
