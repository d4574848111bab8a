import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { describe, expect, it } from 'vitest';
import { shopWithMailpit } from '../examples/with-cdk8s-plus';
import { InvalidOptionError, Mailpit, MailpitCanary, MailpitDatabase, MailpitHardened, STAGE_NAMES } from '../lib';
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

  it('as a peer of one variant, of allowFrom, and of a cdk8s-plus NetworkPolicy: each policy selects the pods it names', () => {
    const objects = synthChart((chart) => {
      const canary = new MailpitCanary(chart, 'mail', {});
      const client = new kplus.Deployment(chart, 'Client', { containers: [{ image: 'client', portNumber: 8080 }] });
      client.connections.allowTo(canary.mailpit.variant('canary'), { ports: [kplus.NetworkPolicyPort.tcp(1025)], isolation: kplus.PodConnectionsIsolation.PEER });
      client.connections.allowFrom(canary, { isolation: kplus.PodConnectionsIsolation.POD });
      const policy = new kplus.NetworkPolicy(chart, 'MailpitEgress', { selector: canary });
      policy.addEgressRule(kplus.Pods.select(chart, 'Dns', { labels: { 'k8s-app': 'kube-dns' }, namespaces: kplus.Namespaces.select(chart, 'System', { names: ['kube-system'] }) }), [
        kplus.NetworkPolicyPort.udp(53),
      ]);
    }, 'team');
    const policies: any[] = objects.filter((o) => o.kind === 'NetworkPolicy');
    const client = (objects.find((o: any) => o.kind === 'Deployment' && o.metadata.name.endsWith('client')) as any).spec.selector.matchLabels;
    const inTeam = (matchLabels: object) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'team' } }, podSelector: { matchLabels } });
    // The canary's pods admit the client on SMTP; the stable track's do not.
    expect(policies.find((p) => p.spec.podSelector.matchLabels.track === 'canary').spec.ingress).toEqual([{ from: [inTeam(client)], ports: [{ port: 1025, protocol: 'TCP' }] }]);
    expect(policies.filter((p) => p.spec.podSelector.matchLabels.track === 'stable')).toEqual([]);
    // allowFrom: the client admits every Mailpit pod, of both tracks, on its port.
    expect(policies.find((p) => JSON.stringify(p.spec.podSelector.matchLabels) === JSON.stringify(client)).spec.ingress).toEqual([
      { from: [inTeam({ app: 'mailpit' })], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
    // A cdk8s-plus NetworkPolicy of the stage: Mailpit's pods, on their egress to DNS.
    const egress = policies.find((p) => p.spec.policyTypes?.includes('Egress') && p.spec.podSelector.matchLabels.app === 'mailpit');
    expect(egress.metadata.namespace).toBe('team');
    expect(egress.spec.podSelector).toEqual({ matchLabels: { app: 'mailpit' } });
    expect(egress.spec.egress[0].ports).toEqual([{ port: 53, protocol: 'UDP' }]);
  });

  it('refuses a variant it does not run, naming those it does', () => {
    const canary = new MailpitCanary(newChart('team'), 'mail', {});
    expect(errorOf(() => canary.mailpit.variant('canry')).message).toBe('Mailpit.variant "canry" is invalid: the id of a variant: stable, canary');
    expect(errorOf(() => new Mailpit(newChart(), 'm').variant('blue')).message).toBe('Mailpit.variant "blue" is invalid: none: this Mailpit runs no variants');
    expect(canary.mailpit.variant('canary')).toBe(canary.mailpit.variant('canary'));
  });

  it('selects its pods by the app label, in its namespace, or in none when it has none', () => {
    const inTeam = new Mailpit(newChart('team'), 'm', { name: 'mail' }).toPodSelectorConfig();
    expect(inTeam.labelSelector._toKube()).toEqual({ matchLabels: { app: 'mail' } });
    expect(inTeam.namespaces).toEqual({ names: ['team'] });
    expect(new Mailpit(newChart(), 'm').toPodSelectorConfig().namespaces).toBeUndefined();
  });

  it.each(STAGE_NAMES)('stage %s stands for its Mailpit, and its default child is the workload', (stage) => {
    const construct = new STAGES[stage].construct(newChart('team'), 'stage', {}) as any;
    expect(construct.toPodSelector()).toBe(construct.mailpit.toPodSelector());
    expect(construct.toNetworkPolicyPeerConfig()).toEqual(construct.mailpit.toNetworkPolicyPeerConfig());
    expect(construct.node.defaultChild).toBe(construct.mailpit.workload);
    expect(construct.mailpit.node.defaultChild).toBe(construct.mailpit.workload);
    expect(ApiObject.of(construct)).toBe(construct.mailpit.workload);
    expect(ApiObject.of(construct).kind).toMatch(/^(Deployment|StatefulSet)$/);
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
    expect(errorOf(() => new Mailpit(newChart(), 'm', { envFrom: { configMaps: ['Not_A_Name'] } })).message).toMatch(
      /^MailpitProps\.envFrom\.configMaps\[0\] "Not_A_Name" is invalid: the name of a ConfigMap/,
    );
  });
});
