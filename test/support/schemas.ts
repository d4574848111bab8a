import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import * as latest from 'kubernetes-models-latest';
import { KubeObject } from '../../lib/synth/render';
import { validateSchema } from './manifests';

// The newest Kubernetes schema that kubernetes-models offers (5.x: resource.k8s.io/v1 and
// pod-level resources, so Kubernetes 1.34 or later), beside the 1.27 one of validateSchema, and
// the Gateway API for HTTPRoute. ESM-only packages: for vitest, not for the fuzzer.

/** The package's module for an API group: `networking.k8s.io` is `networkingK8sIo`. */
function latestModel(object: KubeObject): (new (data: any) => { validate(): void }) | undefined {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const key = group === '' ? version : group.replace(/\.([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const module = group === '' ? (latest as any)[version] : (latest as any)[key]?.[version];
  return module?.[object.kind];
}

/** Validates an object against Kubernetes 1.27 and the newest schema; an HTTPRoute against the Gateway API. */
export function validateEverywhere(object: KubeObject): void {
  if (object.apiVersion === 'gateway.networking.k8s.io/v1' && object.kind === 'HTTPRoute') {
    new HTTPRoute(object as any).validate();
    return;
  }
  validateSchema(object);
  const Model = latestModel(object);
  if (!Model) {
    throw new Error(`no newest schema model for ${object.apiVersion} ${object.kind}`);
  }
  new Model(object).validate();
}
