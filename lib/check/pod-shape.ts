import * as v from 'valibot';
import { formatPath } from '../options/errors';

// The parts of a pod that the Pod Security evaluator reads, with the types it expects. A manifest
// from anywhere may hold anything: what cannot be evaluated is reported, never half-evaluated.

const text = v.string('a string');
const list = <T extends v.GenericSchema>(item: T) => v.nullish(v.array(item, 'a list'));
const object = <T extends v.ObjectEntries>(entries: T) => v.looseObject(entries, 'an object');
const optionalObject = <T extends v.ObjectEntries>(entries: T) => v.nullish(object(entries));

const securityContext = optionalObject({
  capabilities: optionalObject({ add: list(text), drop: list(text) }),
  seccompProfile: optionalObject({ type: v.nullish(text) }),
  appArmorProfile: optionalObject({ type: v.nullish(text) }),
  seLinuxOptions: optionalObject({ type: v.nullish(text), user: v.nullish(text), role: v.nullish(text) }),
  windowsOptions: optionalObject({}),
  sysctls: list(object({ name: text })),
});

const container = object({
  name: v.nullish(text),
  securityContext,
  ports: list(object({ hostPort: v.nullish(v.number('a number')) })),
});

const POD = object({
  metadata: optionalObject({ annotations: v.nullish(v.record(v.string(), text, 'an object of strings')) }),
  spec: object({
    containers: list(container),
    initContainers: list(container),
    ephemeralContainers: list(container),
    volumes: list(object({ name: v.nullish(text), hostPath: optionalObject({ path: v.nullish(text) }) })),
    securityContext,
    os: optionalObject({ name: v.nullish(text) }),
  }),
});

/** What in a pod the evaluator could not read: the field, and the type it needs there. */
export function podShapeProblem(pod: unknown): { field: string; allowed: string } | undefined {
  const result = v.safeParse(POD, pod, { abortEarly: true });
  if (result.success) {
    return undefined;
  }
  const issue = result.issues[0];
  return { field: formatPath((issue.path ?? []).map((item) => item.key as string | number)), allowed: issue.message };
}
