import { STAGE_NAMES, STAGES } from '../stages';
import { synthStage } from '../synth/render';
import { NEWEST_MINOR } from './policy/version';
import { checkObjects } from './check';
import type { ReportRow } from './report';
import { POD_PATHS } from './workloads';

// The report of the project's own stages; apart from the report of a folder, which needs neither
// the stages nor cdk8s, so that checking a folder starts fast.

/** Every stage with default props, against the level it declares, by the rules of `version`. */
export function checkStages(version = NEWEST_MINOR): ReportRow[] {
  return STAGE_NAMES.flatMap((stage) => {
    const objects = synthStage(stage);
    // A stage of several workloads (rqlite beside Mailpit, two Deployments) names each of them.
    const several = objects.filter((object) => POD_PATHS[object.kind] !== undefined).length > 1;
    return checkObjects(
      objects,
      (object) => (several ? `${stage}: ${object.kind}/${object.metadata.name}` : stage),
      () => ({ level: STAGES[stage].podSecurity, version }),
    );
  });
}
