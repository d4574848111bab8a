// The core API group (v1): the kinds and parts of them that the constructs write.
export type {
  Affinity,
  ConfigMap,
  Container,
  ContainerPort,
  EnvVar,
  LimitRange,
  Namespace,
  PersistentVolume,
  PersistentVolumeClaim,
  PodSecurityContext,
  PodTemplateSpec,
  Probe,
  ResourceQuota,
  ResourceRequirements,
  SecurityContext,
  Service,
  ServicePort,
  Toleration,
  TopologySpreadConstraint,
  Volume,
  VolumeMount,
} from 'kubernetes-types/core/v1';

/** The apiVersion of the core kinds. */
export const CORE_API_VERSION = 'v1';
