import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { noun } from '../noun.js';
import { institutionNoun } from '../institution/index.js';
import { unitNoun } from '../unit/index.js';
import { officerNoun } from '../officer/index.js';
import { onboardingCommand } from '../report/onboarding.js';

/** The institution registry (docs/registry.md): institutions, units, officers, the onboarding report. */
export function register(program: Command, ctx: Context): void {
  program.addCommand(institutionNoun(ctx));
  program.addCommand(unitNoun(ctx));
  program.addCommand(officerNoun(ctx));
  noun(program, 'report').addCommand(onboardingCommand(ctx));
}
