import { InvalidOptionError, type Namer, optionName, type PropPath } from '../options/errors';
import { isDnsLabel, isIngressHost } from '../options/rules';

/**
 * The ids of a class, checked once and lowercased: DNS labels, distinct without case, short enough
 * for the namespace and host they become part of. Errors name the id's place, `students[3]`.
 */
export function checkStudentIds(ids: readonly string[], namespacePrefix: string, domain: string, root: string, reservedNamespace?: string): string[] {
  const name: Namer = (path) => optionName(root, path);
  const fail = (index: number, allowed: string | ((name: Namer) => string)): never => {
    const path: PropPath = ['students', index];
    throw new InvalidOptionError(name(path), ids[index], allowed, path, name);
  };
  if (ids.length === 0) {
    throw new InvalidOptionError(name(['students']), ids, 'at least one student id (one per line or comma-separated; blank lines and # comments are ignored)', ['students'], name);
  }
  const seen = new Map<string, number>();
  return ids.map((id, index) => {
    const lower = id.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) {
      fail(index, (n) => `each id once, and ids are compared without case: it repeats ${JSON.stringify(ids[first])} of ${n(['students', first])}`);
    }
    seen.set(lower, index);
    if (!isDnsLabel(lower)) {
      fail(index, "a student id: lowercase letters, digits and '-', starting and ending with a letter or digit");
    }
    const namespace = `${namespacePrefix}${lower}`;
    if (namespace === reservedNamespace) {
      fail(index, `an id whose namespace is not "${namespace}": the class's shared rqlite database lives there`);
    }
    if (namespace.length > 63) {
      fail(index, `its namespace "${namespace}" would be ${namespace.length} characters long, 63 at most (shorten the id or the namespace prefix)`);
    }
    const host = `${lower}.${domain}`;
    if (!isIngressHost(host)) {
      fail(index, `its host "${host}" would not be a DNS host name (longer than 253 characters, or an IP address)`);
    }
    return lower;
  });
}
