import { type KubeObject, newChart, renderChart } from '../synth/render';
import { Classroom, type ClassroomProps, STUDENT_LABEL } from './classroom';

/** One student's objects, and the file they go to: `<namespace>.k8s.yaml`. */
export interface StudentManifests {
  readonly name: string;
  readonly objects: readonly KubeObject[];
}

/**
 * A whole class in one Chart, resolved by cdk8s in one pass, then split into one file per student
 * (named after their namespace) by the student label, each in apply order. A class on rqlite has
 * one more file first: the shared database, named after its namespace.
 */
export function synthClassroom(props: ClassroomProps): StudentManifests[] {
  const chart = newChart('classroom');
  const classroom = new Classroom(chart, 'classroom', props);
  const byStudent = new Map<string, KubeObject[]>(classroom.seats.map((seat) => [seat.id, []]));
  const shared: KubeObject[] = [];
  for (const object of renderChart(chart)) {
    const student = (object.metadata.labels as Record<string, string> | undefined)?.[STUDENT_LABEL];
    (student === undefined ? shared : byStudent.get(student)!).push(object);
  }
  const students = classroom.seats.map((seat) => ({ name: `${seat.namespace}.k8s.yaml`, objects: byStudent.get(seat.id)! }));
  return classroom.database ? [{ name: `${classroom.database.namespace}.k8s.yaml`, objects: shared }, ...students] : students;
}
