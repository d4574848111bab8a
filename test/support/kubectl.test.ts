import { describe, expect, it } from 'vitest';
import { STUDENT_RULES } from '../../lib/classroom/classroom';
import { DEFAULT_STUDENT_QUOTA } from '../../lib/classroom/options';
import { synthClassroom } from '../../lib/classroom/render';
import { synthStage } from '../../lib/synth/render';
import { immutableChanges, shellWords, SimulatedNamespace } from './kubectl';

// The replay of the lab sheets' kubectl commands is a judge: each of its rules catches its case.

function namespaceWith(stage: Parameters<typeof synthStage>[0], props: Record<string, unknown> = {}): SimulatedNamespace {
  const ns = new SimulatedNamespace({ rules: STUDENT_RULES, quota: DEFAULT_STUDENT_QUOTA });
  ns.synthesized(synthStage(stage, props));
  expect(ns.run('kubectl apply -f dist')).toEqual([]);
  return ns;
}

describe('the simulated namespace', () => {
  it('splits command lines as a shell does', () => {
    expect(shellWords(`kubectl get service mailpit -o jsonpath='{.spec.selector}'`)).toEqual(['kubectl', 'get', 'service', 'mailpit', '-o', 'jsonpath={.spec.selector}']);
    expect(shellWords('a "" b')).toEqual(['a', '', 'b']);
    expect(() => shellWords("a 'b")).toThrow(/unclosed quote/);
  });

  it('lets through what the config stage needs, once the Secret exists', () => {
    const ns = namespaceWith('config');
    expect(ns.run('kubectl rollout status deployment/mailpit')).toEqual(['pod mailpit-5c76b9bb6c-0: no Secret mailpit-auth (create it first)']);
    expect(ns.run('kubectl create secret generic mailpit-auth --from-file=htpasswd=./htpasswd')).toEqual([]);
    expect(ns.run('kubectl rollout status deployment/mailpit')).toEqual([]);
    expect(ns.run('kubectl port-forward service/mailpit 8025')).toEqual([]);
    expect(ns.run('kubectl get configmap mailpit-config')).toEqual([]);
  });

  it.each([
    ['a Secret created twice', ['kubectl create secret generic s --from-file=a=./a', 'kubectl create secret generic s --from-file=a=./a'], 'the Secret s already exists'],
    ['a Secret without the key the pod reads', ['kubectl create secret generic mailpit-auth --from-file=users=./htpasswd', 'kubectl rollout restart deployment/mailpit'], 'has no key htpasswd'],
    ['a port the Service lacks', ['kubectl port-forward service/mailpit 1110'], 'has no port 1110'],
    ['an object that is not there', ['kubectl get statefulset mailpit'], 'get: no StatefulSet mailpit'],
    ['a label no pod has', ['kubectl get pods -l app=mailpot'], 'get: no Pod with app=mailpot'],
    ['a deletion of nothing', ['kubectl delete deployment mailpot'], 'add --ignore-not-found'],
    ['reading a Secret', ['kubectl get secret mailpit-auth'], 'the student Role denies get core/secrets'],
    ['a verb the sheets do not use', ['kubectl proxy'], 'not a command the sheets may use'],
    ['a file other than dist', ['kubectl apply -f mailpit.yaml'], 'only -f dist'],
  ])('refuses %s', (_, lines, problem) => {
    const ns = namespaceWith('config');
    const problems = lines.flatMap((line) => ns.run(line));
    expect(problems.join('\n')).toContain(problem);
  });

  it('prints the tables of kubectl get as the namespace holds them, and none for another output format', () => {
    const ns = namespaceWith('statefulset');
    expect(ns.table('kubectl get pvc')).toEqual({ kind: 'PersistentVolumeClaim', rows: [{ name: 'maildir-mailpit-0', volume: 'pv-mailpit-0' }] });
    expect(ns.table('kubectl get pods -l app=mailpit -o wide')).toEqual({ kind: 'Pod', rows: [{ name: 'mailpit-0', owner: 'StatefulSet mailpit' }] });
    expect(ns.table('kubectl get statefulset mailpit')?.rows).toEqual([{ name: 'mailpit', replicas: 1 }]);
    expect(ns.table("kubectl get service mailpit -o jsonpath='{.spec.selector}'")).toBeUndefined();
    expect(ns.table('kubectl describe pod mailpit-0')).toBeUndefined();
  });

  it('refuses an apply before any synth', () => {
    expect(new SimulatedNamespace({ rules: STUDENT_RULES }).run('kubectl apply -f dist')).toEqual(['apply -f dist before any npm run synth: dist/ holds nothing of this sheet']);
  });

  it('makes StatefulSet pods by ordinal, each needing a manual volume', () => {
    const ns = namespaceWith('statefulset');
    expect(ns.run('kubectl exec pod/mailpit-0 -- ls /maildir')).toEqual([]);
    expect(ns.run('kubectl exec pod/mailpit-1 -- ls /maildir')).toEqual(['exec: pod/mailpit-1 reaches no pod']);
    expect(ns.run('kubectl scale statefulset/mailpit --replicas=2')).toEqual([]);
    expect(ns.run('kubectl get pvc maildir-mailpit-1')).toEqual([]);
    expect(ns.run('kubectl scale statefulset/mailpit --replicas=3')).toEqual([
      'the quota allows 2 persistentvolumeclaims, the namespace would hold 3',
      'pod mailpit-2: its claim maildir-mailpit-2 finds no free manual PersistentVolume',
    ]);
  });

  it('keeps the claims of a StatefulSet after it, and never binds a released volume again', () => {
    const ns = namespaceWith('statefulset');
    expect(ns.run('kubectl delete statefulset mailpit')).toEqual([]);
    expect(ns.run('kubectl get pvc maildir-mailpit-0')).toEqual([]);
    expect(ns.run('kubectl delete pvc maildir-mailpit-0')).toEqual([]);
    ns.synthesized(synthStage('statefulset'));
    expect(ns.run('kubectl apply -f dist')).toEqual([]);
    // maildir-mailpit-0 is made again, and pv-mailpit-0 is Released: pv-mailpit-1 is the only free one.
    expect(ns.run('kubectl rollout status statefulset/mailpit')).toEqual([]);
    expect(ns.run('kubectl scale statefulset/mailpit --replicas=2')).toEqual(['pod mailpit-1: its claim maildir-mailpit-1 finds no free manual PersistentVolume']);
  });

  it("in a class, leaves cluster-scoped objects to the teacher: the student's apply of a PersistentVolume is denied", () => {
    const student = synthClassroom({ students: ['ann'], stage: 'statefulset' })[0].objects;
    const denied = new SimulatedNamespace({ rules: STUDENT_RULES, inClass: true });
    denied.synthesized(synthStage('statefulset', { namespace: 'mailpit-ann' }));
    expect(denied.run('kubectl apply -f dist')).toContain('the student Role denies get core/persistentvolumes');
    const ns = new SimulatedNamespace({ rules: STUDENT_RULES, inClass: true, quota: DEFAULT_STUDENT_QUOTA });
    ns.applied(student);
    ns.synthesized(synthStage('statefulset', { namespace: 'mailpit-ann', persistentVolumes: 0, replicas: 2 }));
    expect(ns.run('kubectl apply -f dist')).toEqual([]);
    expect(ns.run('kubectl rollout status statefulset/mailpit')).toEqual([]);
  });

  it('refuses a pod whose ConfigMap, claim or Secret is missing', () => {
    const config = new SimulatedNamespace({ rules: STUDENT_RULES });
    config.synthesized(synthStage('config').filter((o) => o.kind !== 'ConfigMap'));
    expect(config.run('kubectl apply -f dist')).toEqual([]);
    expect(config.run('kubectl create secret generic mailpit-auth --from-file=htpasswd=./h')).toEqual([]);
    expect(config.run('kubectl rollout status deployment/mailpit')).toEqual(['pod mailpit-5c76b9bb6c-0: no ConfigMap mailpit-config']);
    const pvc = new SimulatedNamespace({ rules: STUDENT_RULES });
    pvc.synthesized(synthStage('pvc').filter((o) => o.kind !== 'PersistentVolumeClaim'));
    expect(pvc.run('kubectl apply -f dist')).toEqual([]);
    expect(pvc.run('kubectl rollout status deployment/mailpit')).toEqual(['pod mailpit-5c76b9bb6c-0: no claim pvc-mailpit']);
    const relay = namespaceWith('hardened', { envFrom: { secrets: ['relay'] } });
    expect(relay.run('kubectl rollout status deployment/mailpit')).toEqual(['pod mailpit-5c76b9bb6c-0: no Secret relay']);
  });

  it.each([
    ['delete -l of another kind', 'kubectl delete services -l app=mailpit', 'delete -l: only for pods in the sheets'],
    ['an unknown rollout action', 'kubectl rollout pause deployment/mailpit', 'rollout pause: not in the sheets'],
    ['a count that is not one', 'kubectl scale deployment/mailpit --replicas=two', 'scale: --replicas two is not a count'],
    ['a port-forward to nothing', 'kubectl port-forward deployment/mailpot 8025', 'port-forward: deployment/mailpot reaches no pod'],
    ['logs of nothing', 'kubectl logs deployment/mailpot', 'logs: deployment/mailpot reaches no pod'],
    ['logs by a label no pod has', 'kubectl logs -l app=mailpot', 'logs: no pod with app=mailpot'],
    ['a description of nothing', 'kubectl describe service mailpot', 'describe: no Service mailpot'],
    ['an unknown kind', 'kubectl get widgets', 'unknown kind widgets'],
  ])('refuses %s', (_, line, problem) => {
    expect(namespaceWith('config').run(line)).toContain(problem);
  });

  it('holds the namespace to its quota of pods', () => {
    const ns = namespaceWith('canary');
    expect(ns.run('kubectl scale deployment/mailpit-stable --replicas=6')).toContain('the quota allows 6 pods, the namespace would hold 8');
  });

  it('catches a Service that also selects the pods of an earlier stage', () => {
    const ns = namespaceWith('config');
    ns.synthesized(synthStage('canary'));
    expect(ns.run('kubectl apply -f dist')).toContain('Service mailpit also selects pod mailpit-5c76b9bb6c-0 of Deployment mailpit, left from before: delete it first');
  });

  it('catches a change the API server refuses in place', () => {
    const [config, statefulset] = [synthStage('config'), synthStage('statefulset')];
    const service = (objects: typeof config) => objects.find((o) => o.kind === 'Service')!;
    expect(immutableChanges(service(config), service(statefulset))).toEqual(['Service mailpit: spec.clusterIP is immutable (between a headless Service and a ClusterIP one): delete it first']);
    const set = synthStage('statefulset').find((o) => o.kind === 'StatefulSet')!;
    const resized = structuredClone(set) as any;
    resized.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '20Mi';
    expect(immutableChanges(set, resized)).toEqual(['StatefulSet mailpit: only replicas, template, updateStrategy and a few more may change: delete it first']);
    const rolling = synthStage('canary').find((o) => o.kind === 'Deployment')!;
    const recreate = structuredClone(rolling) as any;
    recreate.spec.strategy = { type: 'Recreate' };
    expect(immutableChanges(rolling, recreate)).toEqual(['Deployment mailpit-stable: the server-defaulted rollingUpdate refuses the Recreate strategy: delete it first']);
    const canary = synthStage('canary').find((o) => o.kind === 'Deployment')!;
    const moved = { ...canary, spec: { ...(canary.spec as object), selector: { matchLabels: { app: 'other' } } } };
    expect(immutableChanges(canary, moved as typeof canary)).toEqual(['Deployment mailpit-stable: spec.selector is immutable: delete it first']);
    expect(immutableChanges(canary, canary)).toEqual([]);
  });
});
