#!/usr/bin/env node
// Runs an entry point of the bot (`node scripts/run.js main|cli/main [args…]`): the compiled
// JavaScript in dist/ when it is there and newer than every source file, otherwise the
// TypeScript sources through tsx, a development dependency, with a notice. So `npm start` is
// fast in production and still right for a developer who edited src/ and did not rebuild.
const { existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const entry = process.argv[2];
if (entry !== 'main' && entry !== 'cli/main') {
  process.stderr.write('usage: node scripts/run.js main|cli/main [args…]\n');
  process.exit(2);
}
// The entry point reads its own arguments from process.argv.slice(2).
process.argv.splice(2, 1);

/** Newest modification time of the files under a folder (about 150 stats: a couple of ms). */
function newestSource(folder) {
  let newest = 0;
  for (const item of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const stamp = path.join(root, 'dist', '.built');
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
// BAOCAO_FROM_SOURCES=1 runs the sources even when the build is current (tests cover both paths).
const current =
  built > 0 && built >= newestSource(path.join(root, 'src')) && !process.env.BAOCAO_FROM_SOURCES;
let tsxApi;
if (!current) {
  try {
    tsxApi = require.resolve('tsx/cjs/api', { paths: [root] });
  } catch {
    // No tsx (an install without devDependencies): an older build is still better than nothing.
  }
}

if (tsxApi) {
  process.stderr.write(
    built > 0
      ? 'dist/ cũ hơn mã nguồn: chạy mã nguồn bằng tsx (chậm hơn); `npm run build` để dựng lại.\n'
      : 'Chưa có dist/: chạy mã nguồn bằng tsx (chậm hơn); `npm run build` để dựng.\n',
  );
  require(tsxApi).register();
  require(path.join(root, 'src', `${entry}.ts`));
} else if (built > 0) {
  if (!current) process.stderr.write('dist/ cũ hơn mã nguồn nhưng không có tsx: chạy bản dựng cũ.\n');
  process.setSourceMapsEnabled(true);
  require(path.join(root, 'dist', `${entry}.js`));
} else {
  process.stderr.write('Chưa dựng mã (no build): chạy `npm install` rồi `npm run build`.\n');
  process.exit(1);
}
