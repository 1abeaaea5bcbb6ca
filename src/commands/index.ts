import type { Command } from 'commander';
import type { Context } from '../cli/context.js';
import { commandNoun } from '../cli/argv.js';

export type RegisterCommands = (program: Command, ctx: Context) => void;

interface CommandGroup {
  /** The top-level words (nouns) this area adds commands to. */
  nouns: readonly string[];
  load: () => Promise<RegisterCommands>;
}

/**
 * Every area of the CLI, in the order `lapor --help` lists them. Areas are loaded when needed:
 * a command line naming a noun loads only the areas that add to it (`lapor report sla` needs
 * neither the import's parser nor the decree wizard), so a cron job loads only what it runs;
 * anything else (no noun, --help, an unknown word) loads them all. test/unit/command-groups.test.ts
 * checks these noun lists against the areas' real commands.
 */
export const commandGroups: readonly CommandGroup[] = [
  { nouns: ['demo'], load: async () => (await import('./demo/index.js')).registerDemo },
  { nouns: ['init'], load: async () => (await import('./init/index.js')).registerInit },
  { nouns: ['db'], load: async () => (await import('./db/index.js')).registerDb },
  { nouns: ['calendar'], load: async () => (await import('./calendar/index.js')).registerCalendar },
  { nouns: ['institution', 'unit', 'officer', 'report'], load: async () => (await import('./groups/registry.js')).register },
  { nouns: ['import'], load: async () => (await import('./groups/imports.js')).register },
  { nouns: ['complaint', 'dispatch', 'route', 'sla'], load: async () => (await import('./groups/dispositions.js')).register },
  { nouns: ['sla', 'report'], load: async () => (await import('./groups/sla.js')).register },
  // `completion` prints the whole tree, so it claims no noun: naming it loads every area.
  { nouns: [], load: async () => (await import('./completion/index.js')).registerCompletion },
];

/** The registrations a command line needs (every area when it names no known noun). */
export async function registrationsFor(argv?: readonly string[]): Promise<RegisterCommands[]> {
  const noun = argv ? commandNoun(argv) : undefined;
  if (noun === undefined && argv && (argv.includes('--version') || argv.includes('-V'))) return [];
  const some = noun === undefined ? [] : commandGroups.filter((g) => g.nouns.includes(noun));
  return Promise.all((some.length ? some : commandGroups).map((g) => g.load()));
}
