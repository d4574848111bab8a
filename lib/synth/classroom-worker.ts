import { parentPort, workerData } from 'node:worker_threads';
import { ClassroomProps } from '../classroom/classroom';
import { InvalidOptionError } from '../validation';
import { renderClassroom } from './render';

// Renders one slice of a class for renderClassroomInParallel.
try {
  parentPort!.postMessage({ rendered: renderClassroom(workerData as ClassroomProps) });
} catch (error) {
  const invalid = error instanceof InvalidOptionError ? { option: error.option, value: error.value, allowed: error.allowed } : undefined;
  parentPort!.postMessage({ error: String((error as Error).stack ?? error), invalid });
}
