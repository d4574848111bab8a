import { describe, expect, it } from 'vitest';
import type { SimTable } from './kubectl';
import { printedTables, tableProblems } from './outputs';

// The judge of a sheet's printed tables has its own failing cases.

const output = `persistentvolume/pv-mailpit-0 created
NAME        READY   STATUS    RESTARTS   AGE
mailpit-0   1/1     Running   0          20s
NAME                STATUS   VOLUME         CAPACITY   ACCESS MODES   STORAGECLASS   AGE
maildir-mailpit-0   Bound    pv-mailpit-0   10Mi       RWO            manual         20s
pod "mailpit-0" deleted from default namespace
NAME             READY   UP-TO-DATE   AVAILABLE   AGE
mailpit-stable   3/3     3            3           40s`;

const claims: SimTable = { kind: 'PersistentVolumeClaim', rows: [{ name: 'maildir-mailpit-0', volume: 'pv-mailpit-0' }] };

describe('printedTables', () => {
  it('reads each table from its header to its last row', () => {
    const tables = printedTables(output);
    expect(tables.map((t) => t.rows.map((r) => r.NAME))).toEqual([['mailpit-0'], ['maildir-mailpit-0'], ['mailpit-stable']]);
    expect(tables[1].rows[0]).toMatchObject({ STATUS: 'Bound', VOLUME: 'pv-mailpit-0', 'ACCESS MODES': 'RWO' });
  });
});

describe('tableProblems', () => {
  const [pods, pvcs, deployments] = printedTables(output);

  it('finds nothing wrong in a table that shows what is held', () => {
    expect(tableProblems({ kind: 'Pod', rows: [{ name: 'mailpit-0', owner: 'StatefulSet mailpit' }] }, pods)).toEqual([]);
    expect(tableProblems(claims, pvcs, ['pv-mailpit-0'])).toEqual([]);
    expect(tableProblems({ kind: 'Deployment', rows: [{ name: 'mailpit-stable', replicas: 3 }] }, deployments)).toEqual([]);
    // A Deployment's pods have random names: compared by workload.
    const random = printedTables('NAME                       READY   STATUS    RESTARTS   AGE\nmailpit-7d9c6b8f5d-x2lqp   1/1     Running   0          25s');
    expect(tableProblems({ kind: 'Pod', rows: [{ name: 'mailpit-5c76b9bb6c-0', owner: 'Deployment mailpit' }] }, random[0])).toEqual([]);
  });

  it.each([
    ['a claim that was deleted', { kind: 'PersistentVolumeClaim', rows: [] }, pvcs, 'PersistentVolumeClaim shown maildir-mailpit-0, held none'],
    ['a claim missing from the table', { kind: 'PersistentVolumeClaim', rows: [...claims.rows, { name: 'other' }] }, pvcs, 'held maildir-mailpit-0, other'],
    ['a claim shown Bound that is not', { kind: 'PersistentVolumeClaim', rows: [{ name: 'maildir-mailpit-0' }] }, pvcs, 'claim maildir-mailpit-0 shown Bound, bound to no volume'],
    ['a claim on a volume that does not exist', claims, pvcs, 'claim maildir-mailpit-0 shown on volume pv-mailpit-0, which does not exist'],
    ['a workload of other replicas', { kind: 'Deployment', rows: [{ name: 'mailpit-stable', replicas: 2 }] }, deployments, 'Deployment mailpit-stable shown with 3 replicas, held with 2'],
    [
      'a pod of another workload',
      {
        kind: 'Pod',
        rows: [
          { name: 'mailpit-1', owner: 'StatefulSet mailpit' },
          { name: 'mailpit-0', owner: 'StatefulSet mailpit' },
        ],
      },
      pods,
      'pods shown',
    ],
  ] as [string, SimTable, ReturnType<typeof printedTables>[number], string][])('catches %s', (_, simulated, printed, problem) => {
    expect(tableProblems(simulated, printed, []).join('\n')).toContain(problem);
  });
});
