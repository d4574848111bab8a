// The entry `cdk8s-mailpit/pod-security`: the Pod Security Standards evaluator behind
// `npm run check`, and its cdk8s-cli validation plugin. A cdk8s app that wants only the plugin
// loads only this, and an app that imports the constructs never loads it.
export { evaluatePod, highestLevel, passes, PodLike, Violation } from './check/pod-security';
export { POD_SECURITY_LEVELS, PodSecurityLevel } from './pod-security-level';
export { PodSecurityValidation, PodSecurityValidationProps, ValidationContextLike } from './check/cdk8s-validation';
export { InvalidOptionError } from './options/errors';
