// Preloaded by the benchmark into each measured process: at exit, report the wall time since the
// process started and the peak resident memory of the whole process, worker threads included.
const { performance } = require('node:perf_hooks');
process.on('exit', () => {
  const line = JSON.stringify({ wallMs: performance.now(), maxRssKb: process.resourceUsage().maxRSS });
  require('node:fs').writeSync(2, `\nBENCH ${line}\n`);
});
