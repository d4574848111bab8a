// The public surface of cdk8s-mailpit.
export * from './mailpit';
export * from './lab-persistent-volume';
export * from './stages/baseline';
export * from './stages/pvc';
export * from './stages/pvc-secure';
export { LabMaildir, LabMaildirProps, NfsExport, LAB_DATABASE_COMMAND } from './stages/lab-maildir';
export { InvalidOptionError } from './validation';
export * as k8s from '../imports/k8s';
