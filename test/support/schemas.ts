import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { Deployment } from 'kubernetes-models-latest/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models-latest/apps/v1/StatefulSet';
import { PodDisruptionBudget } from 'kubernetes-models-latest/policy/v1/PodDisruptionBudget';
import { Ingress } from 'kubernetes-models-latest/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models-latest/networking.k8s.io/v1/NetworkPolicy';
import { Role } from 'kubernetes-models-latest/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models-latest/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models-latest/v1/ConfigMap';
import { LimitRange } from 'kubernetes-models-latest/v1/LimitRange';
import { Namespace } from 'kubernetes-models-latest/v1/Namespace';
import { PersistentVolume } from 'kubernetes-models-latest/v1/PersistentVolume';
import { PersistentVolumeClaim } from 'kubernetes-models-latest/v1/PersistentVolumeClaim';
import { ResourceQuota } from 'kubernetes-models-latest/v1/ResourceQuota';
import { Service } from 'kubernetes-models-latest/v1/Service';
import type { KubeObject } from '../../lib/synth/render';
import { modelsByKind, validateSchema } from './manifests';

// The newest Kubernetes schema that kubernetes-models offers (5.x: resource.k8s.io/v1 and
// pod-level resources, so Kubernetes 1.34 or later), beside the 1.27 one of validateSchema, and
// the Gateway API for HTTPRoute. ESM-only packages: for vitest, not for the fuzzer. Each kind is
// imported alone: the whole package takes more than a second to load.

const LATEST = modelsByKind([
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

/** Validates an object against Kubernetes 1.27 and the newest schema; an HTTPRoute against the Gateway API. */
export function validateEverywhere(object: KubeObject): void {
  if (object.apiVersion === 'gateway.networking.k8s.io/v1' && object.kind === 'HTTPRoute') {
    new HTTPRoute(object as any).validate();
    return;
  }
  validateSchema(object);
  const Model = LATEST.get(`${object.apiVersion} ${object.kind}`);
  if (!Model) {
    throw new Error(`no newest schema model for ${object.apiVersion} ${object.kind}`);
  }
  new Model(object).validate();
}
