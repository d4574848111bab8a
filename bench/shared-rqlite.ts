// What a class on rqlite (`--stage ha` with a roster) saves by sharing one rqlite cluster, each
// student a tenant, against one cluster per student: objects, pods, claims and requested memory.
// Counted from the synthesized manifests, not timed.
import { DEFAULT_CONTAINER_RESOURCES } from '../lib/classroom/classroom';
import { synthClassroom } from '../lib/classroom/render';
import { parseSize } from '../lib/options/quantities';
import { type KubeObject, synthStage } from '../lib/synth/render';

interface Footprint {
  readonly objects: number;
  readonly pods: number;
  readonly claims: number;
  /** Requested memory, in MiB; a container without a request gets the class's LimitRange default. */
  readonly memoryMiB: number;
}

const mebibytes = (text: string) => parseSize(text)!.toMebibytes();

/** The footprint of some manifests, once applied and scaled as they say. */
export function footprint(objects: readonly KubeObject[]): Footprint {
  let pods = 0;
  let claims = 0;
  let memoryMiB = 0;
  for (const object of objects as any[]) {
    if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet') continue;
    const replicas = object.spec.replicas ?? 1;
    pods += replicas;
    claims += replicas * (object.spec.volumeClaimTemplates?.length ?? 0);
    for (const container of object.spec.template.spec.containers) {
      memoryMiB += replicas * mebibytes(container.resources?.requests?.memory ?? DEFAULT_CONTAINER_RESOURCES.defaultRequest.memory);
    }
  }
  claims += objects.filter((o) => o.kind === 'PersistentVolumeClaim').length;
  return { objects: objects.length, pods, claims, memoryMiB };
}

/** A class on one shared cluster, and the same class with a cluster in every student's namespace. */
export function sharedAgainstPerStudent(students: number): { shared: Footprint; perStudent: Footprint } {
  const ids = Array.from({ length: students }, (_, i) => `s${i}`);
  const files = synthClassroom({ students: ids, stage: 'ha' });
  const shared = footprint(files.flatMap((file) => file.objects));
  // Without sharing, the shared file goes, and every student gets the cluster the ha stage makes.
  const studentFiles = footprint(files.slice(1).flatMap((file) => file.objects));
  const ownCluster = footprint(synthStage('ha').filter((o) => (o.metadata.labels as Record<string, string> | undefined)?.app === 'rqlite'));
  const perStudent = {
    objects: studentFiles.objects + students * ownCluster.objects,
    pods: studentFiles.pods + students * ownCluster.pods,
    claims: studentFiles.claims + students * ownCluster.claims,
    memoryMiB: studentFiles.memoryMiB + students * ownCluster.memoryMiB,
  };
  return { shared, perStudent };
}

/** The Markdown table of the comparison, for 30 and 300 students. */
export function sharedRqliteTable(sizes: readonly number[] = [30, 300]): string {
  const gib = (mib: number) => `${(mib / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} GiB`;
  const saved = (a: number, b: number) => `${Math.round((100 * (b - a)) / b)} %`;
  const rows = sizes.flatMap((size) => {
    const { shared, perStudent } = sharedAgainstPerStudent(size);
    const row = (what: string, a: number, b: number, show = (n: number) => n.toLocaleString('en-US')) => `| ${size.toLocaleString('en-US')} | ${what} | ${show(a)} | ${show(b)} | ${saved(a, b)} |`;
    return [
      row('objects', shared.objects, perStudent.objects),
      row('pods', shared.pods, perStudent.pods),
      row('claims', shared.claims, perStudent.claims),
      row('requested memory', shared.memoryMiB, perStudent.memoryMiB, gib),
    ];
  });
  return ['| students | what | one shared rqlite cluster | one cluster per student | saved |', '| ---: | --- | ---: | ---: | ---: |', ...rows].join('\n');
}
