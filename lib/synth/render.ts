import { App, Chart } from 'cdk8s';
import { STAGES } from '../stages';
import type { StageName } from '../stages/names';
import { stringifyDocuments } from './yaml';

import { MANIFEST_HEADER } from './manifest-file';

export { MANIFEST_HEADER, OutputFile } from './manifest-file';

/** A synthesized Kubernetes object. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** The single-stage output file. */
export const STAGE_FILE_NAME = 'mailpit.k8s.yaml';

/** A chart of our own: names exactly as the constructs set them, no hashes. */
export function newChart(id: string, namespace?: string): Chart {
  return new Chart(new App(), id, { namespace, disableResourceNameHashes: true });
}

/** Builds one stage in a fresh App and returns its objects in apply order. */
export function synthStage(stage: StageName, props: unknown = {}, namespace?: string): KubeObject[] {
  const chart = newChart('mailpit', namespace);
  new STAGES[stage].construct(chart, 'mailpit', props);
  return renderChart(chart);
}

/**
 * The chart's objects in apply order. The order is cdk8s's own: the dependency graph that the
 * constructs declare, so a library user's `chart.toJson()` gives the same order; and cdk8s's
 * validations run first (two objects of one identity are refused there).
 */
export function renderChart(chart: Chart): KubeObject[] {
  return chart.toJson() as KubeObject[];
}

/** A multi-document YAML file with our header. */
export function toManifestYaml(objects: readonly KubeObject[]): string {
  return MANIFEST_HEADER + stringifyDocuments(objects);
}
