import * as v from 'valibot';
import { option, type PropsOf } from '../options/option';
import { isPlainObject } from '../options/plain-data';
import * as rules from '../options/rules';
import { commaList, FlagValueError } from '../options/text-forms';
import { DEFAULT_STAGE, STAGE_NAMES } from '../stages/names';

/**
 * What one student's namespace may hold. Enough for every stage at its peak (TD 10's four canary
 * pods and the surge of their rolling update, TD 9's two claims), and far from a shared lab
 * cluster's size.
 */
export const DEFAULT_STUDENT_QUOTA: Readonly<Record<string, string>> = {
  pods: '6',
  'requests.cpu': '1',
  'requests.memory': '1Gi',
  'limits.cpu': '3',
  'limits.memory': '2Gi',
  persistentvolumeclaims: '2',
  'requests.storage': '2Gi',
  services: '4',
  'services.nodeports': '0',
  'services.loadbalancers': '0',
};

/** Quota fields that are compute and storage quantities; the others count objects. */
const QUANTITY_FIELDS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'requests.storage'];

/** The quota fields a class may set. */
export const STUDENT_QUOTA_FIELDS: readonly string[] = [...Object.keys(DEFAULT_STUDENT_QUOTA), 'configmaps', 'secrets', 'count/ingresses.networking.k8s.io', 'count/deployments.apps'];

// A Kubernetes quantity in its plain decimal form with an optional SI or binary suffix.
const QUANTITY = /^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;

/** What is wrong with one quota entry, or undefined; `null` removes a field. */
export function quotaProblem(field: string, value: unknown): string | undefined {
  if (!STUDENT_QUOTA_FIELDS.includes(field)) {
    return `FIELD=VALUE with FIELD one of ${STUDENT_QUOTA_FIELDS.join(', ')}`;
  }
  if (value === null) {
    return undefined;
  }
  if (QUANTITY_FIELDS.includes(field)) {
    return typeof value === 'string' && QUANTITY.test(value) ? undefined : `${field}=VALUE with VALUE a Kubernetes quantity such as 0, 2Gi or 500m`;
  }
  return typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? undefined : `${field}=VALUE with VALUE a whole number of objects such as 0 or 4`;
}

/** `--quota pods=6`, repeatable: each adds one field; `--quota limits.cpu=none` removes one. */
function quotaEntry(entry: string, previous: Record<string, string | null> = {}): Record<string, string | null> {
  const [, field = '', value = ''] = /^([^=]*)=(.*)$/.exec(entry) ?? [];
  const problem = quotaProblem(field, value === 'none' ? null : value);
  if (problem) {
    throw new FlagValueError(problem);
  }
  return { ...previous, [field]: value === 'none' ? null : value };
}

const quota = v.pipe(
  v.record(v.string(), v.nullable(v.string('a quantity as a string, or null for none')), 'an object of ResourceQuota fields: { pods: "6" }, null for none'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    for (const [field, value] of Object.entries(dataset.value)) {
      const problem = quotaProblem(field, value);
      if (problem) {
        addIssue({ message: problem, input: `${field}=${value}`, path: [{ type: 'object', origin: 'value', input: dataset.value, key: field, value }] });
        return;
      }
    }
  }),
);

/** The start of a namespace name: empty, or lowercase letters, digits and '-', starting with a letter or digit. */
const namespacePrefix = rules.text(
  "the start of a DNS-1123 label: lowercase letters, digits and '-', starting with a letter or digit, 62 characters at most",
  (value) => value === '' || (value.length <= 62 && /^[a-z0-9][-a-z0-9]*$/.test(value)),
);

/** The props of a {@link Classroom}, each declared once. */
export const CLASSROOM_OPTIONS = {
  students: option({
    value: v.array(v.string('a student id'), 'a list of student ids'),
    required: true,
    help: 'student ids, each a DNS label; lowercased, and they must differ without case',
    flags: [
      {
        flag: '--students <ids>',
        parse: commaList,
        help: 'a class, inline: comma-separated student ids; one Mailpit per student',
      },
    ],
  }),
  stage: option({ value: rules.oneOf(STAGE_NAMES), default: DEFAULT_STAGE, help: 'the stage every student gets' }),
  stageProps: option({
    value: v.custom<Record<string, unknown>>(isPlainObject, 'an object of the stage props'),
    help: "props of every student's stage; namespace, host and storage are set per student",
    defaultText: "the stage's defaults",
  }),
  namespacePrefix: option({
    value: namespacePrefix,
    default: 'mailpit-',
    help: "each student's namespace is this prefix followed by the id",
    flags: [{ flag: '--namespace-prefix <prefix>' }],
  }),
  domain: option({
    value: rules.domainName,
    default: 'mailpit.test',
    help: "each student's Ingress host is <id>.<domain>",
    flags: [{ flag: '--domain <domain>' }],
  }),
  quota: option({
    value: quota,
    default: DEFAULT_STUDENT_QUOTA,
    help: "ResourceQuota fields of each namespace, each replacing its default, null for none (none on the command line); the LimitRange gives a container's default request and limit only where the quota counts them",
    defaultText: 'the quota table of docs/class.md',
    flags: [{ flag: '--quota <field=value>', parse: quotaEntry, help: 'one ResourceQuota field of every namespace, repeatable; field=none removes it' }],
  }),
  rbac: option({
    value: rules.flag,
    default: false,
    help: "a Role and RoleBinding giving user <id> the lab's kubectl steps in their own namespace",
    flags: [{ flag: '--rbac' }],
  }),
};

export type ClassroomOptionProps = PropsOf<typeof CLASSROOM_OPTIONS>;
