/** A student id with the place it was read from, for errors: `--roster class.txt:4`. */
export interface RosterEntry {
  readonly id: string;
  readonly where: string;
}

/** The ids of a roster file's text: one per line, blank lines and `#` comments ignored. Not yet checked. */
export function parseRoster(text: string, file: string): RosterEntry[] {
  return text.split(/\r?\n/).flatMap((line, index) => {
    const hash = line.indexOf('#');
    const id = (hash === -1 ? line : line.slice(0, hash)).trim();
    return id === '' ? [] : [{ id, where: `--roster ${file}:${index + 1}` }];
  });
}
