import { InvalidOptionError } from '../options/errors';
import { POD_SECURITY_LEVELS, type PodSecurityLevel } from './pod-security';
import { NEWEST_MINOR, parseKubernetesVersion, VERSION_ALLOWED } from './policy/version';
import { failures } from './policy/registry';
import { checkFiles, type FileRow } from './check';

// `cdk8s synth --validate` runs this check, as `npm run check -- --dir` does, on the manifests
// cdk8s-cli writes, when cdk8s.yaml names it under `validations`. cdk8s-cli is not a dependency:
// the part of its plugin contract used here is declared below, and a test holds it to cdk8s-cli's.

/** What cdk8s-cli hands a validation plugin (its `ValidationContext`), as far as this one uses it. */
export interface ValidationContextLike {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: {
      readonly ruleName: string;
      readonly recommendation: string;
      readonly fix: string;
      readonly violatingResources: readonly { readonly resourceName: string; readonly locations: readonly string[]; readonly manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
}

/** Props of {@link PodSecurityValidation}, from the `properties` of its entry in cdk8s.yaml. */
export interface PodSecurityValidationProps {
  /**
   * The level a workload must pass unless its Namespace in the manifests enforces one.
   * @default 'baseline'
   */
  readonly level?: PodSecurityLevel;
  /**
   * The Kubernetes version whose rules apply unless a Namespace says (enforce-version), v1.0 to
   * the newest known, or latest.
   * @default 'latest'
   */
  readonly kubernetesVersion?: string;
}

/** The Pod Security check as a cdk8s-cli validation plugin: one violation per failed control and workload. */
export class PodSecurityValidation {
  private readonly level: PodSecurityLevel;
  private readonly version: number;

  public constructor(props: PodSecurityValidationProps = {}) {
    const level = props.level ?? 'baseline';
    if (!POD_SECURITY_LEVELS.includes(level)) {
      throw new InvalidOptionError('PodSecurityValidationProps.level', level, `one of ${POD_SECURITY_LEVELS.join(', ')}`, ['level']);
    }
    // A string only: `v1.30` unquoted in YAML stays a string, but `1.30` would be the number 1.3.
    const version = typeof (props.kubernetesVersion ?? 'latest') === 'string' ? parseKubernetesVersion(props.kubernetesVersion ?? 'latest') : undefined;
    if (version === undefined) {
      throw new InvalidOptionError('PodSecurityValidationProps.kubernetesVersion', props.kubernetesVersion, VERSION_ALLOWED, ['kubernetesVersion']);
    }
    this.level = level;
    this.version = version ?? NEWEST_MINOR;
  }

  public async validate(context: ValidationContextLike): Promise<void> {
    let rows: FileRow[];
    try {
      rows = checkFiles(context.manifests, { level: this.level, version: this.version });
    } catch (error) {
      // A manifest the check cannot read fails the report, which says why.
      context.report.addViolation({ ruleName: 'Pod Security: readable manifests', recommendation: (error as Error).message, fix: 'fix the manifest', violatingResources: [] });
      context.report.submit('failure');
      return;
    }
    for (const { row, file, object } of rows.filter(({ row }) => !row.meetsDeclared)) {
      // The checks of an evaluation at the declared level, as the admission controller runs them.
      for (const { check, findings } of failures(row.pod, row.declares as 'baseline' | 'restricted', row.version)) {
        context.report.addViolation({
          ruleName: `Pod Security ${check.level}: ${check.control} (${check.id})`,
          recommendation: findings.map((f) => `${f.container === undefined ? '' : `container ${f.container}: `}${f.field}: ${f.detail}`).join('; '),
          fix: `change these fields as the Pod Security Standards ask at level ${row.declares} (https://kubernetes.io/docs/concepts/security/pod-security-standards/)`,
          violatingResources: [{ manifestPath: file, resourceName: `${object.kind}/${object.metadata.name}`, locations: [...new Set(findings.map((f) => f.field))] }],
        });
      }
    }
    context.report.submit(rows.every(({ row }) => row.meetsDeclared) ? 'success' : 'failure');
  }
}
