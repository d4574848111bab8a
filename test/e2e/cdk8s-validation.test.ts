import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Validation } from 'cdk8s-cli/plugins';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { PodSecurityValidation } from '../../lib/pod-security';
import { synthStage, toManifestYaml } from '../../lib/synth/render';
import { scratch } from '../support/cli';

// The check as a cdk8s-cli validation plugin, loaded the way `cdk8s synth --validate` loads it:
// the entry of the project's cdk8s.yaml, cdk8s-cli's own plugin loader and ValidationContext.
const ROOT = path.resolve(__dirname, '..', '..');
const out = scratch('cdk8s-validation');

// cdk8s-cli's loader is not among its exports: it is reached by its file, as the CLI itself does.
const cli = path.dirname(require.resolve('cdk8s-cli/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ValidationPlugin } = require(path.join(cli, 'lib', 'plugins', 'validation.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PluginManager } = require(path.join(cli, 'lib', 'plugins', '_manager.js'));

// The plugin meets cdk8s-cli's contract: this line fails to compile otherwise.
new PodSecurityValidation() satisfies Validation;

function manifest(name: string, text: string): string {
  const file = path.join(out.next(), name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

it("is loaded from the project's cdk8s.yaml by cdk8s-cli, and passes the default stage", async () => {
  const [entry] = parse(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8')).validations;
  const cwd = process.cwd();
  process.chdir(ROOT); // cdk8s-cli resolves a local plugin from the working folder, as `cdk8s synth` runs
  try {
    const app = { manifests: [manifest('dist.k8s.yaml', toManifestYaml(synthStage('pvc-secure')))] };
    const { plugin, context } = ValidationPlugin.load(entry, app, false, new PluginManager(path.join(out.root, 'plugins')));
    expect(plugin.constructor.name).toBe('PodSecurityValidation'); // the build's class, not this test's
    await plugin.validate(context);
    expect(context.report.success).toBe(true);
    expect(context.report.toJson().violations).toEqual([]);
  } finally {
    process.chdir(cwd);
  }
});

it('fails the report, naming each failed control of each workload, below the level a Namespace enforces', async () => {
  const namespace =
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: strict\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: v1.24\n---\n';
  const file = manifest('strict.k8s.yaml', namespace + toManifestYaml(synthStage('pvc-secure', { namespace: 'strict' })));
  const context = new ValidationContext([file], 'cdk8s-mailpit', '0.1.0');
  await new PodSecurityValidation({ level: 'baseline' }).validate(context);
  expect(context.report.success).toBe(false);
  const violations = context.report.toJson().violations;
  // One violation per failed control of the evaluation at the declared level: the restricted
  // capabilities check, not the baseline one it replaces.
  expect(violations.map((v: any) => v.ruleName)).toEqual([
    'Pod Security restricted: Privilege Escalation (allowPrivilegeEscalation)',
    'Pod Security restricted: Running as Non-root (runAsNonRoot)',
    'Pod Security restricted: Seccomp (restricted) (seccompProfile_restricted)',
    'Pod Security restricted: Capabilities (restricted) (capabilities_restricted)',
  ]);
  expect(violations[0].violatingConstructs[0]).toMatchObject({ manifestPath: file, resourceName: 'Deployment/mailpit' });
});

it('fails the report, saying why, on a manifest it cannot read', async () => {
  const context = new ValidationContext([manifest('broken.k8s.yaml', 'a: [')], 'cdk8s-mailpit', '0.1.0');
  await new PodSecurityValidation().validate(context);
  expect(context.report.success).toBe(false);
  expect(context.report.toJson().violations[0].recommendation).toMatch(/broken\.k8s\.yaml/);
});

it('refuses a level or a version it does not know, with an InvalidOptionError', () => {
  expect(() => new PodSecurityValidation({ kubernetesVersion: 'v1.99' })).toThrow(/^PodSecurityValidationProps\.kubernetesVersion "v1\.99" is invalid: a Kubernetes version from v1\.0 to v1\.37/);
  expect(() => new PodSecurityValidation({ level: 'strict' as never })).toThrow(/^PodSecurityValidationProps\.level "strict" is invalid: one of privileged, baseline, restricted$/);
  // 1.30 unquoted in cdk8s.yaml is the number 1.3: refused rather than read as v1.3.
  expect(() => new PodSecurityValidation({ kubernetesVersion: 1.3 as never })).toThrow(/^PodSecurityValidationProps\.kubernetesVersion 1\.3 is invalid/);
});
