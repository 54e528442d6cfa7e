#!/usr/bin/env node
// `npm run build`: type-checks and compiles src/ to dist/ (tsc), then stamps dist/ so that
// scripts/run.js can tell a build that is current from one older than the sources.
// With --if-possible (npm install's postinstall) a missing TypeScript — an install without
// devDependencies — or a failed build only prints a notice: `npm start` then runs the sources.
const { spawnSync } = require('node:child_process');
const { rmSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const ifPossible = process.argv.includes('--if-possible');

let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
} catch {
  if (ifPossible) process.exit(0);
  process.stderr.write('Thiếu TypeScript: chạy `npm install` (cần devDependencies) rồi `npm run build`.\n');
  process.exit(1);
}

// A file removed from src/ must not survive in dist/.
rmSync(dist, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (result.status !== 0) {
  rmSync(dist, { recursive: true, force: true });
  process.stderr.write('Dựng mã thất bại (build failed): npm start sẽ chạy trực tiếp mã nguồn bằng tsx.\n');
  process.exit(ifPossible ? 0 : 1);
}
writeFileSync(path.join(dist, '.built'), `${new Date().toISOString()}\n`);
if (!ifPossible) process.stdout.write('Đã dựng dist/ (built).\n');
