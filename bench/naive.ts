// The naive way to build a class, for comparison: one cdk8s App holding one Chart per student,
// each with a one-student Classroom (the same objects), written by App.synth().
import { App, Chart, YamlOutputType } from 'cdk8s';
import { Classroom } from '../lib/classroom/classroom';

const [count, outdir] = [Number(process.argv[2]), process.argv[3]];
const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
for (let i = 0; i < count; i++) {
  const chart = new Chart(app, `mailpit-s${i}`, { disableResourceNameHashes: true });
  new Classroom(chart, 'classroom', { students: [`s${i}`] });
}
app.synth();
