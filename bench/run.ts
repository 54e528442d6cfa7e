/**
 * `npm run bench`: runs every benchmark in this folder (each exports `run()`), one after the
 * other so they don't compete for the two cores. `npm run bench -- engine` runs only the
 * benchmarks whose file name contains "engine".
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  const filter = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.ts') && name !== 'run.ts')
    .filter((name) => !filter || name.includes(filter))
    .sort();
  for (const file of files) {
    const started = performance.now();
    console.log(`\n== ${file}`);
    const module = (await import(path.join(__dirname, file))) as { run?: () => Promise<unknown> };
    if (typeof module.run !== 'function') throw new Error(`${file} exports no run()`);
    await module.run();
    console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
