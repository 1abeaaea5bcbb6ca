import { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { profileListCommand } from './profile-list.js';
import { profileShowCommand } from './profile-show.js';
import { profileAddCommand } from './profile-add.js';
import { profileAssignCommand } from './profile-assign.js';

/** `lapor sla profile list|show|add|assign`: SLA profiles are data, dated, per institution. */
export function profileCommand(ctx: Context): Command {
  return new Command('profile')
    .addCommand(profileListCommand(ctx))
    .addCommand(profileShowCommand(ctx))
    .addCommand(profileAddCommand(ctx))
    .addCommand(profileAssignCommand(ctx));
}
