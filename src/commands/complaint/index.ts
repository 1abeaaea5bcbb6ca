import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { noun } from '../noun.js';
import { addCommand } from './add.js';
import { showCommand } from './show.js';
import { listCommand } from './list.js';
import { verifyCommand } from './verify.js';
import { holdCommand } from './hold.js';
import { resumeCommand } from './resume.js';
import { archiveCommand } from './archive.js';
import { forwardCommand } from './forward.js';
import { returnCommand } from './return.js';
import { respondCommand } from './respond.js';
import { replyCommand } from './reply.js';
import { closeCommand } from './close.js';

/** `lapor complaint …`: the shared noun (imports may add verbs); the life-cycle verbs are ours. */
export function registerComplaint(program: Command, ctx: Context): void {
  const c = noun(program, 'complaint');
  for (const make of [addCommand, showCommand, listCommand, verifyCommand, holdCommand, resumeCommand, archiveCommand,
    forwardCommand, returnCommand, respondCommand, replyCommand, closeCommand]) {
    c.addCommand(make(ctx));
  }
}
