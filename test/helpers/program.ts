import type { Command } from 'commander';

/** Every command of a program, as its words under the program (`sla`, `sla profile`, `sla profile add` …). */
export function commandPaths(c: Command): string[] {
  return c.commands.flatMap((s) => [s.name(), ...commandPaths(s).map((x) => `${s.name()} ${x}`)]);
}
