import { ApiObject, Chart } from 'cdk8s';
import { InvalidOptionError } from '../options/errors';

// Two objects of one kind, namespace and name in one Chart would be applied one over the other by
// kubectl: the second silently replaces the first. Refused for every construct of a Chart at once,
// when its manifests are written (cdk8s runs validations first, in app.synth() and chart.toJson()
// alike), and as soon as a construct of ours makes the second one. Charts of one App are often
// written for different clusters, so each Chart is judged on its own.

/** Kinds that live outside namespaces: a Chart's namespace does not make two of them distinct. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'GatewayClass',
  'RuntimeClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);

/** The objects of each Chart by identity, as they are made. */
const charts = new WeakMap<Chart, Map<string, ApiObject>>();

/**
 * The identity of an object in a cluster: its API group, kind, namespace and name, as they are
 * when the object is made (a later JsonPatch of its name is not seen).
 */
function identity(object: ApiObject): { key: string; shown: string; namespaced: boolean } {
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  const namespace = CLUSTER_SCOPED.has(object.kind) ? undefined : object.metadata.namespace;
  const shown = `${object.kind} ${namespace === undefined ? '' : `${namespace}/`}${object.name}`;
  return { key: `${group} ${shown}`, shown, namespaced: !CLUSTER_SCOPED.has(object.kind) };
}

/** The refusal of `object`, which `first` already is. */
function clash(object: ApiObject, first: ApiObject): InvalidOptionError {
  const { shown, namespaced } = identity(object);
  return new InvalidOptionError(
    shown,
    object.node.path,
    `one object of each kind and name${namespaced ? ' in a namespace' : ''} in a Chart, as kubectl would apply one over the other: ${first.node.path} writes it too; give one of their constructs another name${namespaced ? ' or namespace' : ''}`,
  );
}

/** Refuses the second of two objects of one identity in the Chart of `object`, as it is made; registers the Chart's check at synthesis. */
export function guardUniqueObjects(object: ApiObject): void {
  const chart = Chart.of(object);
  let seen = charts.get(chart);
  if (!seen) {
    seen = new Map();
    charts.set(chart, seen);
    chart.node.addValidation({ validate: () => validateChart(chart) });
  }
  const { key } = identity(object);
  const first = seen.get(key);
  if (first) {
    throw clash(object, first);
  }
  seen.set(key, object);
}

/** Every object of a Chart, ours or not, once they are all made. */
function validateChart(chart: Chart): string[] {
  const seen = new Map<string, ApiObject>();
  for (const object of chart.node.findAll()) {
    if (ApiObject.isApiObject(object) && Chart.of(object) === chart) {
      const { key } = identity(object);
      const first = seen.get(key);
      if (first) {
        throw clash(object, first);
      }
      seen.set(key, object);
    }
  }
  return [];
}
