import assert from 'node:assert/strict';
import { Chart, Testing } from 'cdk8s';
import type { Construct } from 'constructs';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolume } from 'kubernetes-models/v1/PersistentVolume';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Service } from 'kubernetes-models/v1/Service';
import { type KubeObject, renderChart } from '../../lib/synth/render';

/** Objects of a chart built by `build`, in apply order, as the command line renders them. */
export function synthChart(build: (chart: Chart) => void, namespace?: string): KubeObject[] {
  const chart = new Chart(Testing.app(), 'test', { namespace, disableResourceNameHashes: true });
  build(chart);
  return renderChart(chart);
}

/** The identity of an object in a cluster: kind, namespace and name. */
export function objectKey(object: KubeObject): string {
  return `${object.kind} ${object.metadata.namespace ?? '-'}/${object.metadata.name}`;
}

/** A chart to build constructs in. */
export function newChart(namespace?: string): Construct {
  return new Chart(Testing.app(), 'test', { namespace, disableResourceNameHashes: true });
}

/** The one object of this kind (and name, if given). */
export function only(objects: readonly KubeObject[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  assert.equal(found.length, 1, `one ${kind} ${name ?? ''}, found ${found.length}`);
  return found[0];
}

export function kinds(objects: readonly KubeObject[]): string[] {
  return objects.map((o) => o.kind);
}

/** The pod of the one workload (Deployment or StatefulSet) that runs a container named mailpit. */
export function podSpec(objects: readonly KubeObject[]): any {
  const found = objects.filter((o: any) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.spec?.template?.spec?.containers?.some((c: any) => c.name === 'mailpit'));
  assert.equal(found.length, 1, `one workload running mailpit, found ${found.length}`);
  return (found[0] as any).spec.template.spec;
}

export function container(objects: readonly KubeObject[], name: string): any {
  const spec = podSpec(objects);
  const all = [...(spec.initContainers ?? []), ...spec.containers];
  const found = all.filter((c: any) => c.name === name);
  assert.equal(found.length, 1, `one container ${name}, found ${found.length}`);
  return found[0];
}

/** A kubernetes-models class: it knows its apiVersion and kind, and validates an object. */
export interface SchemaModel {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: any): { validate(): void };
}

/** The models by `apiVersion kind`, as a validator looks them up. */
export function modelsByKind(models: readonly SchemaModel[]): ReadonlyMap<string, SchemaModel> {
  return new Map(models.map((model) => [`${model.apiVersion} ${model.kind}`, model]));
}

// Every kind the manifests hold; the Gateway API's HTTPRoute has its own schema (schemas.ts).
const MODELS = modelsByKind([
  Deployment,
  StatefulSet,
  PodDisruptionBudget,
  Ingress,
  NetworkPolicy,
  Role,
  RoleBinding,
  ConfigMap,
  LimitRange,
  Namespace,
  PersistentVolume,
  PersistentVolumeClaim,
  ResourceQuota,
  Service,
]);

/** Validates types, required fields and enums against the Kubernetes OpenAPI schema. */
export function validateSchema(object: KubeObject): void {
  const Model = MODELS.get(`${object.apiVersion} ${object.kind}`);
  if (!Model) {
    throw new Error(`no schema model for ${object.apiVersion} ${object.kind}`);
  }
  new Model(object).validate();
}

/** The user settings a container really runs with: its own, falling back to the pod's. */
export function effectiveUser(pod: any, c: any): { runAsUser?: number; runAsNonRoot?: boolean } {
  return {
    runAsUser: c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser,
    runAsNonRoot: c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot,
  };
}

// The link rules live in the library, where the diagrams read them too.
export { configReferences, Existing, linkProblems, quantityValue } from '../../lib/links/graph';
