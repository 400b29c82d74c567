import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFileSync } from '@swc/core';
import { REPO_ROOT } from '@samenspel/testing';

export interface Snapshot {
  dir: string;
  /** The `node -r` preload that resolves @samenspel/* inside the snapshot. */
  register: string;
  entry(service: string): string;
  remove(): void;
}

/**
 * The services' code compiled once, at the start of the run, into a directory of the run's own
 * (with swc, as the tests run it). Every start and restart in the run then runs the same code,
 * even while the working tree changes underneath, and starts without compiling again.
 */
export function snapshotServices(name: string): Snapshot {
  const dir = join(REPO_ROOT, '.cache', 'chaos', name);
  const dist = join(dir, 'dist');
  rmSync(dir, { recursive: true, force: true });
  const options = JSON.parse(readFileSync(join(REPO_ROOT, '.swcrc.jest.json'), 'utf8'));
  for (const root of ['apps', 'libs']) {
    for (const unit of readdirSync(join(REPO_ROOT, root))) {
      for (const file of typescriptFiles(join(REPO_ROOT, root, unit, 'src'))) {
        const out = join(dist, relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
        mkdirSync(dirname(out), { recursive: true });
        const { code } = transformFileSync(file, {
          ...options,
          swcrc: false,
          filename: file,
          sourceMaps: false,
        });
        writeFileSync(out, code);
      }
    }
  }
  const register = join(dir, 'register-paths.js');
  writeFileSync(
    register,
    `require(${JSON.stringify(require.resolve('tsconfig-paths'))}).register(${JSON.stringify({
      baseUrl: dist,
      paths: { '@samenspel/*': ['libs/*/src'] },
    })});\n`,
  );
  return {
    dir,
    register,
    entry: (service) => join(dist, 'apps', service, 'src', 'main.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function typescriptFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return typescriptFiles(path);
    return /\.ts$/.test(e.name) && !/\.(int-)?spec\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}
