import { Check, dnsLabel, InvalidOptionError, validate } from '../validation';

/** Rules for one student id, given the names it will be part of. */
export function studentIdCheck(namespacePrefix: string, domain: string): Check<string> {
  return (id) => {
    if (dnsLabel(id) !== undefined) {
      return "a student id: lowercase letters, digits and '-', starting and ending with a letter or digit";
    }
    const namespace = `${namespacePrefix}${id}`;
    if (namespace.length > 63) {
      return `its namespace "${namespace}" would be ${namespace.length} characters long, 63 at most (shorten the id or --namespace-prefix)`;
    }
    if (id.length + 1 + domain.length > 253) {
      return `its host "${id}.${domain}" would be longer than 253 characters`;
    }
    return undefined;
  };
}

/**
 * Ids as the teacher wrote them, checked and lowercased. `where(i)` names the option and position
 * of the i-th id for errors, such as `--roster class.txt:4`.
 */
export function checkStudentIds(
  entries: readonly { readonly id: string; readonly where: string }[],
  namespacePrefix: string,
  domain: string,
  source: { readonly option: string; readonly value: unknown },
): string[] {
  if (entries.length === 0) {
    throw new InvalidOptionError(source.option, source.value, 'at least one student id (one per line or comma-separated; blank lines and # comments are ignored)');
  }
  const check = studentIdCheck(namespacePrefix, domain);
  const seen = new Map<string, string>();
  return entries.map(({ id, where }) => {
    const lower = id.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined) {
      throw new InvalidOptionError(where, id, `each id once, and ids are compared without case: it repeats ${first}`);
    }
    seen.set(lower, `${JSON.stringify(id)} of ${where}`);
    return validate(where, lower, check);
  });
}

/** The ids of a roster file's text: one per line, blank lines and `#` comments ignored. */
export function parseRoster(text: string, file: string, namespacePrefix: string, domain: string): string[] {
  const entries = text.split(/\r?\n/).flatMap((line, index) => {
    const id = line.replace(/#.*$/, '').trim();
    return id === '' ? [] : [{ id, where: `--roster ${file}:${index + 1}` }];
  });
  return checkStudentIds(entries, namespacePrefix, domain, { option: '--roster', value: file });
}

/** The ids of `--students a,b,c`. */
export function parseStudentList(list: string, namespacePrefix: string, domain: string): string[] {
  const entries = list
    .split(',')
    .map((id, index) => ({ id: id.trim(), where: `--students item ${index + 1}` }))
    .filter(({ id }) => id !== '');
  return checkStudentIds(entries, namespacePrefix, domain, { option: '--students', value: list });
}
