#!/usr/bin/env node
// Compiles one app and the libs it imports to CommonJS with SWC, mirroring the source tree under
// dist/<app>/ so that `@arbor/<lib>` imports become plain relative requires. SWC keeps decorator
// metadata (NestJS DI needs it) and takes well under a second; type checking is the separate
// `typecheck` target. Usage: node tools/scripts/build-app.mjs <app-name>
import { transformFile } from '@swc/core';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const app = process.argv[2];
if (!app) {
  console.error('usage: build-app.mjs <app-name>');
  process.exit(2);
}
const appRoot = path.join('apps', app);
const outRoot = path.join(root, 'dist', app);
const TEST_FILE = /\.(spec|integration-spec|e2e-spec)\.ts$/;
const ALIAS = /(require\(|from\s+)(["'])@arbor\/([a-z-]+)\2/g;

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') yield* sources(full);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !TEST_FILE.test(entry.name)) {
      yield full;
    }
  }
}

const swcrc = JSON.parse(await readFile(path.join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

const wanted = new Set();

async function compile(relativeFile) {
  const source = path.join(root, relativeFile);
  const { code, map } = await transformFile(source, {
    ...swcrc,
    swcrc: false,
    filename: source,
    sourceFileName: source,
  });
  const outFile = path.join(outRoot, relativeFile).replace(/\.ts$/, '.js');
  const rewritten = code.replace(ALIAS, (_match, head, quote, lib) => {
    wanted.add(lib);
    let target = path.relative(path.dirname(outFile), path.join(outRoot, 'libs', lib, 'src', 'index.js'));
    if (!target.startsWith('.')) target = `./${target}`;
    return `${head}${quote}${target}${quote}`;
  });
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, `${rewritten}\n//# sourceMappingURL=${path.basename(outFile)}.map\n`);
  if (map) await writeFile(`${outFile}.map`, map);
}

await rm(outRoot, { recursive: true, force: true });
// The app first, then every lib it (transitively) imports; nothing else.
let count = 0;
const done = new Set();
const pending = [path.join(appRoot, 'src')];
while (pending.length > 0) {
  const dir = pending.shift();
  done.add(dir);
  for await (const file of sources(path.join(root, dir))) {
    await compile(path.relative(root, file));
    count += 1;
  }
  for (const lib of wanted) {
    const libDir = path.join('libs', lib, 'src');
    if (!done.has(libDir) && !pending.includes(libDir)) pending.push(libDir);
  }
}
for (const extra of ['migrations']) {
  await cp(path.join(root, appRoot, extra), path.join(outRoot, appRoot, extra), { recursive: true }).catch(
    (error) => {
      if (error.code !== 'ENOENT') throw error;
    },
  );
}
console.log(`built ${app}: ${count} files → dist/${app}/${appRoot}/src/main.js`);
