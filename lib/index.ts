// The public surface of cdk8s-mailpit.
export * from './mailpit';
export * from './lab-persistent-volume';
export * from './network-policy';
export * from './stages/baseline';
export * from './stages/pvc';
export * from './stages/pvc-secure';
export * from './stages/hardened';
export {
  Classroom,
  ClassroomProps,
  Seat,
  DEFAULT_STUDENT_QUOTA,
  DEFAULT_CONTAINER_RESOURCES,
  STUDENT_LABEL,
  STUDENT_RULES,
} from './classroom/classroom';
export { LabMaildir, LabMaildirProps, NfsExport, LAB_DATABASE_COMMAND } from './stages/lab-maildir';
export { evaluatePod, highestLevel, PodSecurityLevel, Violation, POD_SECURITY_CONTROLS } from './check/pod-security';
export { InvalidOptionError } from './validation';
export * as k8s from '../imports/k8s';
