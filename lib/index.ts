// The public surface of cdk8s-mailpit: the constructs, their props, and what they are built on.
// The Pod Security check and its cdk8s-cli plugin are another entry: cdk8s-mailpit/pod-security.

// The stages: one construct each, and the names the command line and the Classroom use.
export { MailpitBaseline, MailpitBaselineProps } from './stages/baseline';
export { MailpitPvc, MailpitPvcProps } from './stages/pvc';
export { MailpitPvcSecure, MailpitPvcSecureProps } from './stages/pvc-secure';
export { MailpitConfig, MailpitConfigProps } from './stages/config';
export { MailpitStatefulSet, MailpitStatefulSetProps } from './stages/statefulset';
export { MailpitCanary, MailpitCanaryProps, MailpitBlueGreen, MailpitBlueGreenProps } from './stages/strategies';
export { MailpitHardened, MailpitHardenedProps } from './stages/hardened';
export { MailpitHA, MailpitHAProps } from './stages/ha';
export { StageName, STAGE_NAMES, DEFAULT_STAGE, RQLITE_STAGES } from './stages/names';
export { MailpitStage } from './stages/stage';
export { StageProps, ClassStageProps, MAILPIT_RELEASE_IMAGE, MAILPIT_PREVIOUS_IMAGE } from './stages/options';

// The building blocks the stages share.
export {
  Mailpit,
  MailpitPods,
  ContainerPorts,
  MailpitProps,
  MailpitBaseProps,
  MailpitOwnDatabaseProps,
  MailpitClaimPerPodProps,
  MailpitSharedDatabaseProps,
  MailpitPorts,
  MailpitDatabase,
  TemporaryDatabase,
  SqliteDatabase,
  ClaimPerPodDatabase,
  RqliteDatabase,
  SqliteOptions,
  ClaimPerPodOptions,
  MaildirVolumeSource,
  MAILDIR_PATH,
  LAB_DATABASE_COMMAND,
  MailpitWorkload,
  SinglePodDeployment,
  ReplicatedDeployment,
  VariantsWorkload,
  StatefulSetWorkload,
  Variant,
  SinglePodOptions,
  ReplicatedOptions,
  StatefulSetOptions,
  VariantsOptions,
  DeploymentStrategy,
} from './building-blocks/mailpit';
export { Rqlite, RqliteProps, RqlitePorts, RQLITE_RELEASE_IMAGE } from './building-blocks/rqlite';
export { LabPersistentVolume, LabPersistentVolumeProps } from './building-blocks/lab-persistent-volume';
export { LabMaildir, LabMaildirProps, NfsExport } from './building-blocks/lab-maildir';
export { MailpitNetworkPolicy, MailpitNetworkPolicyProps } from './building-blocks/network-policy';

// A class: one Mailpit per student.
export { Classroom, ClassroomProps, ClassroomBaseProps, ClassStage, Seat, STUDENT_LABEL, SHARED_LABEL } from './classroom/classroom';
export { DEFAULT_STUDENT_QUOTA } from './classroom/options';

export { InvalidOptionError, PropPath, Namer } from './options/errors';
// The types the props are made of.
export { Resources, RequestAndLimit } from './options/quantities';
export { KubeReference } from './options/rules';
export { MailpitPort } from './building-blocks/mailpit/exposure';
