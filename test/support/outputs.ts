import type { SimTable } from './kubectl';

// The tables that `kubectl get` prints in a lab sheet's expected output, read back and held to the
// simulated namespace: the claims, volumes, pods, workloads and Services a sheet shows must be
// those the namespace holds at that point of the sheet.

/** A table as printed: its columns, and each row by column. */
export interface PrintedTable {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
}

/** Columns are separated by two spaces or more; a value never holds two. */
const cells = (line: string) => line.trim().split(/\s{2,}/);

/** The tables of an expected output: each from a `NAME` header to the first line that is not a row. */
export function printedTables(text: string): PrintedTable[] {
  const tables: PrintedTable[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^NAME\s{2,}/.test(lines[i])) continue;
    const columns = cells(lines[i]);
    const rows: Record<string, string>[] = [];
    while (i + 1 < lines.length && /^[a-z0-9][a-z0-9.-]*\s{2,}\S/.test(lines[i + 1]) && cells(lines[i + 1]).length === columns.length) {
      const values = cells(lines[++i]);
      rows.push(Object.fromEntries(columns.map((column, c) => [column, values[c]])));
    }
    tables.push({ columns, rows });
  }
  return tables;
}

/** The workload a printed pod name belongs to: `mailpit-0` of a StatefulSet, `mailpit-7d9c6b8f5d-x2lqp` of a Deployment. */
function podOwner(name: string, simulated: SimTable): string | undefined {
  const exact = simulated.rows.find((row) => row.name === name);
  if (exact?.owner?.startsWith('StatefulSet ')) return exact.owner;
  const deployment = /^(.+)-[a-z0-9]{6,10}-[a-z0-9]{5}$/.exec(name)?.[1];
  return deployment === undefined ? undefined : `Deployment ${deployment}`;
}

const count = (items: readonly (string | undefined)[]) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item ?? '?', (counts.get(item ?? '?') ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
};

/**
 * What a printed table gets wrong against the simulated one: rows that are not there or missing,
 * a claim shown Bound that is not, a workload's replicas. Pods of a Deployment have random names:
 * they are compared by workload and number.
 */
export function tableProblems(simulated: SimTable, printed: PrintedTable, volumes: readonly string[] = []): string[] {
  const problems: string[] = [];
  if (simulated.kind === 'Pod') {
    const shown = count(printed.rows.map((row) => podOwner(row.NAME, simulated)));
    const held = count(simulated.rows.map((row) => row.owner));
    if (JSON.stringify(shown) !== JSON.stringify(held)) {
      problems.push(`pods shown ${JSON.stringify(shown)}, held ${JSON.stringify(held)} (by workload)`);
    }
    return problems;
  }
  const shown = printed.rows.map((row) => row.NAME).sort();
  const held = simulated.rows.map((row) => row.name).sort();
  if (JSON.stringify(shown) !== JSON.stringify(held)) {
    problems.push(`${simulated.kind} shown ${shown.join(', ') || 'none'}, held ${held.join(', ') || 'none'}`);
  }
  for (const row of printed.rows) {
    const sim = simulated.rows.find((r) => r.name === row.NAME);
    if (!sim) continue;
    if (row.STATUS === 'Bound' && sim.volume === undefined && simulated.kind === 'PersistentVolumeClaim') {
      problems.push(`claim ${row.NAME} shown Bound, bound to no volume`);
    }
    if (row.VOLUME !== undefined && simulated.kind === 'PersistentVolumeClaim' && !volumes.includes(row.VOLUME)) {
      problems.push(`claim ${row.NAME} shown on volume ${row.VOLUME}, which does not exist`);
    }
    const ready = /^\d+\/(\d+)$/.exec(row.READY ?? '')?.[1];
    if (ready !== undefined && sim.replicas !== undefined && Number(ready) !== sim.replicas) {
      problems.push(`${simulated.kind} ${row.NAME} shown with ${ready} replicas, held with ${sim.replicas}`);
    }
  }
  return problems;
}
