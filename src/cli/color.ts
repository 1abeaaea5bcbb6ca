import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Colour comes from this one module. Chalk does not honour NO_COLOR by itself
 * (chalk/supports-color#74), so we check it here and fall back to a level-0 instance.
 */
export function makeColor(opts: { isTTY: boolean; env: NodeJS.ProcessEnv; noColor?: boolean }): ChalkInstance {
  const disabled = opts.noColor === true || opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '' ||
    opts.env.FORCE_COLOR === '0' || !opts.isTTY;
  return new Chalk({ level: disabled ? 0 : 1 });
}
