#!/usr/bin/env node
// Builds the embedded store (FerretDB v1 + SQLite, see main.go) into bin/.
//
// Called by `npm install` (postinstall, with --if-possible), by the test set-up and
// by the program itself before it starts the store. The binary is rebuilt only when
// the Go sources change: a stamp next to it holds the hash of SOURCES.

const { createHash } = require('node:crypto');
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const SOURCE_DIR = __dirname;
const BIN_DIR = path.join(SOURCE_DIR, 'bin');
const BINARY = path.join(BIN_DIR, process.platform === 'win32' ? 'embedded-store.exe' : 'embedded-store');
const STAMP = path.join(BIN_DIR, 'source-hash');
const SOURCES = ['main.go', 'idindex.go', 'explain.go', 'gate.go', 'cpuprofile.go', 'go.mod', 'go.sum'];
const MIN_GO = [1, 24];

const NO_GO_HELP =
  'Không dựng được kho dữ liệu nhúng (FerretDB) vì máy chưa có Go ≥ 1.24.\n' +
  'Cannot build the embedded store (FerretDB): Go ≥ 1.24 is required.\n' +
  'Do one of:\n' +
  '  - set MONGODB_URI in .env to a MongoDB 6+ server (then no embedded store is needed), or\n' +
  '  - install Go ≥ 1.24 (https://go.dev/doc/install) and run `npm run build:store`.';

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of SOURCES) {
    hash.update(file);
    hash.update(fs.readFileSync(path.join(SOURCE_DIR, file)));
  }
  return hash.digest('hex');
}

function isUpToDate(hash) {
  try {
    return fs.existsSync(BINARY) && fs.readFileSync(STAMP, 'utf8').trim() === hash;
  } catch {
    return false;
  }
}

function goVersionProblem() {
  const result = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return 'the `go` command was not found';
  const match = /go(\d+)\.(\d+)/.exec(result.stdout);
  if (!match) return `unrecognised Go version "${result.stdout.trim()}"`;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1])) {
    return `Go ${major}.${minor} is too old`;
  }
  return null;
}

/**
 * Makes sure the embedded store binary exists and matches its sources.
 * @returns {{ ok: true, binary: string, built: boolean } | { ok: false, message: string }}
 */
function ensureEmbeddedStoreBinary({ quiet = false } = {}) {
  const hash = sourceHash();
  if (isUpToDate(hash)) return { ok: true, binary: BINARY, built: false };

  const problem = goVersionProblem();
  if (problem) return { ok: false, message: `${NO_GO_HELP}\n(${problem})` };

  fs.mkdirSync(BIN_DIR, { recursive: true });
  // Build to a private name and rename: concurrent builders (parallel installs or test
  // workers) never see a half-written binary.
  const temporary = `${BINARY}.${process.pid}.tmp`;
  if (!quiet) process.stderr.write('Đang dựng kho dữ liệu nhúng (FerretDB, lần đầu mất vài phút)…\n');
  try {
    execFileSync('go', ['build', '-trimpath', '-o', temporary, '.'], {
      cwd: SOURCE_DIR,
      env: { ...process.env, CGO_ENABLED: '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    return { ok: false, message: `go build failed: ${error.message}\n${NO_GO_HELP}` };
  }
  fs.renameSync(temporary, BINARY);
  fs.writeFileSync(STAMP, `${hash}\n`);
  return { ok: true, binary: BINARY, built: true };
}

module.exports = { ensureEmbeddedStoreBinary, EMBEDDED_STORE_BINARY: BINARY };

if (require.main === module) {
  const ifPossible = process.argv.includes('--if-possible');
  const result = ensureEmbeddedStoreBinary();
  if (result.ok) {
    process.stderr.write(
      result.built ? `Embedded store built: ${result.binary}\n` : 'Embedded store is up to date.\n',
    );
  } else {
    process.stderr.write(`${result.message}\n`);
    // During `npm install` a missing Go must not fail the install: MONGODB_URI may be used instead.
    process.exit(ifPossible ? 0 : 1);
  }
}
