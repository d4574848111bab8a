import { synthClassroom, toManifestYaml } from './lib/synth/render';
const n = Number(process.argv[2] ?? 3);
const t = Date.now();
const files = synthClassroom({ students: Array.from({ length: n }, (_, i) => `s${i}`), rbac: true });
const t2 = Date.now();
let bytes = 0; for (const f of files) bytes += toManifestYaml(f.objects).length;
console.log(n, 'students', t2 - t, 'ms synth', Date.now() - t2, 'ms yaml', bytes, 'bytes');
if (n <= 2) console.log(toManifestYaml(files[0].objects));
