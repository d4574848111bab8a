import { KubeObject, newChart, OutputFile, renderChart, toManifestYaml } from '../synth/render';
import { Classroom, ClassroomProps, STUDENT_LABEL } from './classroom';

/** One student's objects, and the file they go to: `<namespace>.k8s.yaml`. */
export interface StudentManifests {
  readonly name: string;
  readonly objects: readonly KubeObject[];
}

/**
 * A whole class in one Chart, resolved by cdk8s in one pass, then split into one file per student
 * (named after their namespace) by the student label, each in apply order.
 */
export function synthClassroom(props: ClassroomProps): StudentManifests[] {
  const chart = newChart('classroom');
  const classroom = new Classroom(chart, 'classroom', props);
  const byStudent = new Map<string, KubeObject[]>(classroom.seats.map((seat) => [seat.id, []]));
  for (const object of renderChart(chart)) {
    byStudent.get((object.metadata.labels as Record<string, string>)[STUDENT_LABEL])!.push(object);
  }
  return classroom.seats.map((seat) => ({ name: `${seat.namespace}.k8s.yaml`, objects: byStudent.get(seat.id)! }));
}

/** {@link synthClassroom}, as the files to write. */
export function renderClassroom(props: ClassroomProps): OutputFile[] {
  return synthClassroom(props).map((file) => ({ name: file.name, content: toManifestYaml(file.objects) }));
}
