import type { Affinity, Toleration, TopologySpreadConstraint, Volume, VolumeMount } from '../../imports/core';
import * as v from 'valibot';
import { option } from '../options/option';
import * as rules from '../options/rules';

// Where and how the Mailpit pod runs: scheduling, identity, extra volumes and environment. Each
// is handed to the pod spec as given; TypeScript checks the Kubernetes types (kubernetes-types).

export const POD_OPTIONS = {
  nodeSelector: option({ value: rules.labels, help: 'node labels the pod must run on' }),
  tolerations: option({ value: rules.listOf(rules.kubernetesObject<Toleration>('Toleration'), 'tolerations'), help: 'taints the pod tolerates' }),
  affinity: option({ value: rules.kubernetesObject<Affinity>('Affinity'), help: 'node and pod affinity of the pod' }),
  topologySpreadConstraints: option({
    value: rules.listOf(rules.kubernetesObject<TopologySpreadConstraint>('TopologySpreadConstraint'), 'topology spread constraints'),
    help: 'how the pod spreads over zones or nodes',
  }),
  priorityClassName: option({ value: rules.dnsSubdomain, help: 'PriorityClass of the pod' }),
  podAnnotations: option({ value: rules.annotations, help: 'annotations of the pod template' }),
  podLabels: option({
    value: rules.labels,
    help: 'extra labels of the pod template; the app label, which the Service selects, is not one of them',
    refine: (podLabels: Readonly<Record<string, string>>) =>
      podLabels.app === undefined ? undefined : { at: ['app'], value: podLabels.app, allowed: 'set by the name prop: the Service selects the pods by it' },
  }),
  imagePullSecrets: option({ value: rules.listOf(rules.reference('Secret'), 'Secret names'), help: 'Secrets of type kubernetes.io/dockerconfigjson to pull the image with' }),
  serviceAccountName: option({ value: rules.reference('ServiceAccount'), help: 'service account of the pod (its token stays unmounted: Mailpit never calls the Kubernetes API)' }),
  terminationGracePeriodSeconds: option({ value: rules.wholeNumber(0), help: 'seconds Mailpit gets to stop before it is killed' }),
  enableServiceLinks: option({
    value: rules.flag,
    help: 'whether the pod gets the variables of every Service in its namespace (FOO_SERVICE_HOST...); Mailpit reads none of them',
    defaultText: 'the Kubernetes default (on)',
  }),
  extraVolumes: option({ value: rules.listOf(rules.kubernetesObject<Volume>('Volume'), 'volumes'), help: 'more volumes of the pod' }),
  extraVolumeMounts: option({ value: rules.listOf(rules.kubernetesObject<VolumeMount>('VolumeMount'), 'volume mounts'), help: 'more mounts of the Mailpit container' }),
  envFrom: option({
    value: v.strictObject(
      { secrets: v.optional(rules.listOf(rules.reference('Secret'), 'Secret names')), configMaps: v.optional(rules.listOf(rules.reference('ConfigMap'), 'ConfigMap names')) },
      'an object { secrets, configMaps }: names of existing Secrets and ConfigMaps',
    ),
    help: 'environment of Mailpit from existing Secrets and ConfigMaps, by name, such as relay credentials',
  }),
};
