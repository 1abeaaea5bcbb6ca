import { Command } from 'commander';

/**
 * The noun command `name` under `program`, created on first use. Two areas may add verbs to one
 * noun (`report onboarding` and `report sla`; `sla sweep` and `sla explain`). Its summary, like
 * every command's, is in src/i18n/help.ts.
 */
export function noun(program: Command, name: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing) return existing;
  const cmd = new Command(name);
  program.addCommand(cmd);
  return cmd;
}
