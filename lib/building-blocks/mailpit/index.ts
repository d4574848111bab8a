// Mailpit's building block: the construct, its typed database and workload, its ports and paths.
export { Mailpit, MailpitProps, MailpitBaseProps, MailpitOwnDatabaseProps, MailpitClaimPerPodProps, MailpitSharedDatabaseProps, MailpitPorts, MAILPIT_CONTAINER_NAME } from './mailpit';
export {
  MailpitDatabase,
  TemporaryDatabase,
  SqliteDatabase,
  ClaimPerPodDatabase,
  RqliteDatabase,
  SqliteOptions,
  ClaimPerPodOptions,
  MaildirVolumeSource,
  MAILDIR_PATH,
  MAILDIR_VOLUME_NAME,
  DATABASE_FILE,
  LAB_DATABASE_COMMAND,
} from './database';
export {
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
} from './workload';
export { MailpitPods, ContainerPorts } from './pods';
export { MAILPIT_OPTIONS, MAILPIT_SETTINGS, SETTING_VARIABLES, VARIABLES_OF_PROPS, parseAge, AGE_ALLOWED } from './options';
