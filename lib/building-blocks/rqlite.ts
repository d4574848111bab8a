import { type ApiObject, Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import type { StatefulSet } from '../../imports/apps';
import { APPS_API_VERSION } from '../../imports/apps';
import type { Service } from '../../imports/core';
import { CORE_API_VERSION } from '../../imports/core';
import type { PodDisruptionBudget } from '../../imports/policy';
import { POLICY_API_VERSION } from '../../imports/policy';
import * as v from 'valibot';
import { option, type PropsOf, resolveProps } from '../options/option';
import { containerResourcesOrNone, cpu, limitsNotBelowRequests, resourceRequirements, sizeValue } from '../options/quantities';
import * as rules from '../options/rules';
import { kubeObject } from './kube';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from './restricted';
import type { RqliteProps } from '../generated/props';

// rqlite, the distributed database on SQLite and Raft that Mailpit speaks natively: several
// Mailpits share one cluster, which one SQLite file cannot do. Laid out as rqlite's own Kubernetes
// guide does (https://rqlite.io/docs/guides/kubernetes/, and rqlite/kubernetes-configuration): a
// StatefulSet discovering its peers through a headless Service, and a client Service that lists
// only the ready nodes. Flags as rqlite v10.2.7 declares them (cmd/rqlited/flags.toml).

/** The rqlite release these manifests are written for; its image runs as uid and gid 1000. */
export const RQLITE_RELEASE_IMAGE = 'rqlite/rqlite:10.2.7';

/** rqlite's ports: the HTTP API that clients use, and Raft between the nodes. */
export const RqlitePorts = { http: 4001, raft: 4002 } as const;

/** Where the image keeps its data: the claim of each node is mounted here. */
export const RQLITE_DATA_PATH = '/rqlite/file';

const RQLITE_USER = 1000;

const nodeCount = v.pipe(
  rules.wholeNumberFrom(1, 'an odd number of nodes from 1 to 9', 9),
  v.check((n) => n % 2 === 1, 'an odd number of nodes from 1 to 9: an even number tolerates no more failures than the odd number below it, and needs one more node for a quorum'),
);

/**
 * What the node count means, and what it does not: rqlite reads -bootstrap-expect only when the
 * cluster first forms (rqlite.io, Kubernetes guide, "Scaling the cluster").
 */
export const RQLITE_SIZE_NOTE =
  'It sizes the cluster at its first start (-bootstrap-expect): changing it later restarts every node, and shrinking needs the nodes removed from rqlite first, one at a time, or the rest lose their quorum (see docs/lab.md)';

export const RQLITE_OPTIONS = {
  name: option({
    value: rules.serviceName,
    default: 'rqlite',
    help: 'name of the StatefulSet, its client Service (the name Mailpit connects to) and, with -internal, its headless Service; 52 characters at most',
    // A StatefulSet's pods carry a controller-revision-hash label of its name and 11 more characters (kubernetes/kubernetes#64023).
    refine: (name: string) =>
      name.length <= 52
        ? undefined
        : { at: [], value: name, allowed: 'at most 52 characters: a StatefulSet of a longer name never starts its pods, their controller-revision-hash label would pass 63 characters' },
  }),
  namespace: option({ value: rules.dnsLabel, help: 'namespace of every object', defaultText: "the Chart's namespace" }),
  image: option({ value: rules.pinnedImageReference, default: RQLITE_RELEASE_IMAGE, help: 'image of rqlite, pinned to a release' }),
  nodes: option({ value: nodeCount, default: 3, help: `rqlite nodes: 3 survive the loss of one, 5 of two. ${RQLITE_SIZE_NOTE}` }),
  storageClassName: option({ value: rules.dnsSubdomain, help: 'StorageClass of the claim of each node', defaultText: "the cluster's default StorageClass" }),
  storageSize: option({ value: sizeValue, default: Size.gibibytes(1), help: 'size of the claim of each node' }),
  resources: option({
    value: containerResourcesOrNone,
    default: { cpu: { request: cpu('50m'), limit: cpu('500m') }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) } },
    help: 'requests and limits of each rqlite container, each field replacing its default',
    defaultText: 'requests 50m CPU and 64Mi memory, limits 500m CPU and 256Mi memory',
    refine: limitsNotBelowRequests,
  }),
};

/** Props of {@link Rqlite}. */
export type RqliteTableProps = PropsOf<typeof RQLITE_OPTIONS>;
export type { RqliteProps };

/**
 * An rqlite cluster: a StatefulSet of `nodes` with a claim each, a headless Service through which
 * they find each other and bootstrap, a client Service, and a PodDisruptionBudget that keeps a
 * quorum through node drains. Every pod passes Pod Security "restricted".
 */
export class Rqlite extends Construct {
  public readonly name: string;
  public readonly namespace?: string;
  public readonly nodes: number;
  public readonly statefulSet: ApiObject;
  /** The headless Service of the peers, `<name>-internal`; it lists nodes before they are ready. */
  public readonly peerService: ApiObject;
  /** The Service clients use: only ready nodes. */
  public readonly clientService: ApiObject;
  /** Absent for one node, whose only disruption budget would forbid every drain. */
  public readonly disruptionBudget?: ApiObject;

  public constructor(scope: Construct, id: string, props: RqliteProps = {}) {
    super(scope, id);
    const p = resolveProps(RQLITE_OPTIONS, props, { root: 'RqliteProps' });
    this.name = p.name;
    this.namespace = p.namespace ?? Chart.of(this).namespace;
    this.nodes = p.nodes;
    const labels = { app: p.name };
    const metadata = (name: string) => ({ name, namespace: p.namespace, labels: { ...labels } });
    const peers = `${p.name}-internal`;

    this.peerService = kubeObject<Service>(this, 'PeerService', {
      apiVersion: CORE_API_VERSION,
      kind: 'Service',
      metadata: metadata(peers),
      spec: {
        clusterIP: 'None',
        // Discovery must see a node before it is ready: no node is ready before the cluster forms.
        publishNotReadyAddresses: true,
        selector: { ...labels },
        ports: [
          { name: 'http', port: RqlitePorts.http, targetPort: 'http', appProtocol: 'http' },
          { name: 'raft', port: RqlitePorts.raft, targetPort: 'raft', appProtocol: 'tcp' },
        ],
      },
    });
    this.clientService = kubeObject<Service>(this, 'ClientService', {
      apiVersion: CORE_API_VERSION,
      kind: 'Service',
      metadata: metadata(p.name),
      spec: { selector: { ...labels }, ports: [{ name: 'http', port: RqlitePorts.http, targetPort: 'http', appProtocol: 'http' }] },
    });

    this.statefulSet = kubeObject<StatefulSet>(this, 'StatefulSet', {
      apiVersion: APPS_API_VERSION,
      kind: 'StatefulSet',
      metadata: metadata(p.name),
      spec: {
        serviceName: peers,
        replicas: p.nodes,
        // All nodes start together: bootstrap waits for the expected number of them.
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: { ...labels } },
        template: {
          metadata: { labels: { ...labels } },
          spec: {
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: 10,
            securityContext: restrictedPodSecurityContext(RQLITE_USER, RQLITE_USER),
            containers: [
              {
                name: 'rqlite',
                image: p.image,
                imagePullPolicy: 'IfNotPresent',
                args: [
                  '-disco-mode=dns',
                  `-disco-config={"name":"${peers}"}`,
                  `-bootstrap-expect=${p.nodes}`,
                  // As the guide's statefulset-3-node.yaml: keep trying to join while the peers start. A leader
                  // that stops hands over first without a flag: -raft-shutdown-stepdown is on by default.
                  '-join-interval=1s',
                  '-join-attempts=120',
                ],
                ports: [
                  { name: 'http', containerPort: RqlitePorts.http },
                  { name: 'raft', containerPort: RqlitePorts.raft },
                ],
                readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 5, timeoutSeconds: 2 },
                // Alive even without a leader: a node that waits for its peers must not be restarted.
                livenessProbe: { httpGet: { path: '/readyz?noleader', port: 'http' }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
                resources: resourceRequirements(p.resources),
                securityContext: restrictedContainerSecurityContext(),
                volumeMounts: [
                  { name: 'data', mountPath: RQLITE_DATA_PATH },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: p.storageClassName,
              resources: { requests: { storage: p.storageSize.asString() } },
            },
          },
        ],
      },
    });
    this.statefulSet.node.addDependency(this.peerService, this.clientService);

    if (p.nodes > 1) {
      this.disruptionBudget = kubeObject<PodDisruptionBudget>(this, 'DisruptionBudget', {
        apiVersion: POLICY_API_VERSION,
        kind: 'PodDisruptionBudget',
        metadata: metadata(p.name),
        spec: { minAvailable: Math.floor(p.nodes / 2) + 1, selector: { matchLabels: { ...labels } } },
      });
    }
  }

  /**
   * What Mailpit's `MP_DATABASE` is set to: the client Service, by its namespaced name when Mailpit
   * runs in another namespace. Cluster discovery stays off, so that Mailpit's client (gorqlite)
   * leaves the choice of a node to the Service, as Mailpit's documentation asks on Kubernetes,
   * instead of going to the nodes it would discover.
   */
  public databaseUrl(fromNamespace?: string): string {
    const host = fromNamespace !== undefined && this.namespace !== undefined && fromNamespace !== this.namespace ? `${this.name}.${this.namespace}.svc` : this.name;
    return `http://${host}:${RqlitePorts.http}?disableClusterDiscovery=true`;
  }
}
