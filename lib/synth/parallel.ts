import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ClassroomProps, DEFAULT_DOMAIN, DEFAULT_NAMESPACE_PREFIX } from '../classroom/classroom';
import { checkStudentIds } from '../classroom/student-ids';
import { InvalidOptionError } from '../validation';
import { assertUniqueKeys, RenderedClass, renderClassroom } from './render';

/** Below this many students per worker, starting a worker costs more than it saves. */
const STUDENTS_PER_WORKER = 500;

/** One worker per core, and none for a class small enough to render at once. */
export function defaultWorkerCount(students: number): number {
  return Math.max(1, Math.min(os.availableParallelism(), Math.floor(students / STUDENTS_PER_WORKER)));
}

/**
 * {@link renderClassroom} on several cores: the class is cut into contiguous slices, this thread
 * renders the first and one worker thread each other one, and the files come back in roster
 * order, so the result does not depend on the number of workers. Each student's objects stand
 * alone, so the slices need no coordination, except the check that no two objects across slices
 * share an identity.
 */
export async function renderClassroomInParallel(props: ClassroomProps, workers = defaultWorkerCount(props.students.length)): Promise<RenderedClass> {
  if (workers <= 1) {
    return renderClassroom(props);
  }
  // Each slice checks its own ids; a repeat across slices must be caught here, with its position.
  checkStudentIds(
    props.students.map((id, index) => ({ id, where: `ClassroomProps.students[${index}]` })),
    props.namespacePrefix ?? DEFAULT_NAMESPACE_PREFIX,
    props.domain ?? DEFAULT_DOMAIN,
    { option: 'ClassroomProps.students', value: props.students },
  );
  const size = Math.ceil(props.students.length / workers);
  const slices = Array.from({ length: workers }, (_, i) => props.students.slice(i * size, (i + 1) * size)).filter((s) => s.length > 0);
  // The workers start on the other cores while this thread renders the first slice.
  const [first, ...others] = slices;
  const inWorkers = others.map((students) => renderInWorker({ ...props, students }));
  let here: RenderedClass;
  try {
    here = renderClassroom({ ...props, students: first });
  } catch (error) {
    await Promise.allSettled(inWorkers);
    throw error;
  }
  const rendered = [here, ...(await Promise.all(inWorkers))];
  const keys = rendered.flatMap((r) => r.keys);
  assertUniqueKeys(keys);
  return { files: rendered.flatMap((r) => r.files), keys };
}

function renderInWorker(props: ClassroomProps): Promise<RenderedClass> {
  // Compiled, the worker is a .js file beside this one; from sources (tests), tsx loads the .ts.
  const fromSources = __filename.endsWith('.ts');
  const worker = new Worker(path.join(__dirname, `classroom-worker.${fromSources ? 'ts' : 'js'}`), {
    workerData: props,
    execArgv: fromSources ? ['--require', 'tsx/cjs'] : [],
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { rendered?: RenderedClass; error?: string; invalid?: InvalidOptionError }) => {
      if (message.rendered) {
        resolve(message.rendered);
      } else if (message.invalid) {
        reject(new InvalidOptionError(message.invalid.option, message.invalid.value, message.invalid.allowed));
      } else {
        reject(new Error(message.error));
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`classroom worker exited with code ${code}`)));
  });
}
