import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { InvalidOptionError } from '../options/errors';

// Two objects of one kind, namespace and name would be applied one over the other by kubectl: the
// second silently replaces the first. Refused for every construct of an app at once, when its
// manifests are written (cdk8s runs validations first, in app.synth() and chart.toJson() alike).

/** Kinds that live outside namespaces: a Chart's namespace does not make two of them distinct. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'IngressClass', 'GatewayClass', 'RuntimeClass',
  'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
]);

/** The objects of each app by identity, as they are made. */
const apps = new WeakMap<IConstruct, Map<string, ApiObject>>();

/** The identity of an object in a cluster: its API group, kind, namespace and name. */
function identity(object: ApiObject): { key: string; shown: string; namespaced: boolean } {
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  const namespace = CLUSTER_SCOPED.has(object.kind) ? undefined : object.metadata.namespace;
  const shown = `${object.kind} ${namespace === undefined ? '' : `${namespace}/`}${object.name}`;
  return { key: `${group} ${shown}`, shown, namespaced: namespace !== undefined || !CLUSTER_SCOPED.has(object.kind) };
}

/** The refusal of `object`, which `first` already is. */
function clash(object: ApiObject, first: ApiObject): InvalidOptionError {
  const { shown, namespaced } = identity(object);
  return new InvalidOptionError(
    shown,
    object.node.path,
    `one object of each kind and name${namespaced ? ' in a namespace' : ''}, as kubectl would apply one over the other: ${first.node.path} writes it too; give one of their constructs another name${namespaced ? ' or namespace' : ''}`,
  );
}

/**
 * Refuses, in the app of `object`, two objects that one cluster would take for one: at once, when
 * the construct that makes the second one is built, and again when the manifests are written, for
 * every object of the app, those of other libraries and patched ones included.
 */
export function guardUniqueObjects(object: ApiObject): void {
  const root = object.node.root;
  let seen = apps.get(root);
  if (!seen) {
    seen = new Map();
    apps.set(root, seen);
    root.node.addValidation({ validate: () => validateApp(root) });
  }
  const { key } = identity(object);
  const first = seen.get(key);
  if (first) {
    throw clash(object, first);
  }
  seen.set(key, object);
}

function validateApp(root: IConstruct): string[] {
  const seen = new Map<string, ApiObject>();
  for (const object of root.node.findAll()) {
    if (ApiObject.isApiObject(object)) {
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
