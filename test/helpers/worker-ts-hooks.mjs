// The hooks registered by worker-ts.mjs (node:module register): see there. The transpiler is
// vite's (oxc), which the test runner uses for the sources too.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

let transform;

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !specifier.startsWith('.') || !specifier.endsWith('.js')) throw err;
    return next(`${specifier.slice(0, -3)}.ts`, context);
  }
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  transform ??= (await import('vite')).transformWithOxc;
  const file = fileURLToPath(url);
  const out = await transform(await readFile(file, 'utf8'), file);
  return { format: 'module', source: out.code, shortCircuit: true };
}
