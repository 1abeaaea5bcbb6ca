import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (where package.json and fixtures/ live), from compiled dist/ or from src/ under vitest. */
function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'fixtures'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('lapor: cannot find the package root (package.json beside fixtures/)');
    dir = up;
  }
}

export const packageRoot = findPackageRoot();
export const fixturesDir = path.join(packageRoot, 'fixtures');
export const fixture = (...parts: string[]) => path.join(fixturesDir, ...parts);

export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
