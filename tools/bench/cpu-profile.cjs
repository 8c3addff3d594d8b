// Preloaded into each service by `BENCH_PROFILE_DIR=<dir> npm run bench …` (NODE_OPTIONS refuses
// --cpu-prof): profiles the whole process with V8's sampling profiler and writes
// <dir>/<app>-<pid>.cpuprofile when it exits (a service exits cleanly on SIGTERM). Plain CommonJS
// because the built services run without a TypeScript loader.
'use strict';
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
const entry = process.argv[1] ?? '';
if (dir && entry.endsWith(`${path.sep}main.js`)) {
  const app = /dist[\\/]([^\\/]+)[\\/]/.exec(entry)?.[1] ?? 'node';
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // A same-thread inspector session answers synchronously, so this completes inside 'exit'.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error)
        writeFileSync(path.join(dir, `${app}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
