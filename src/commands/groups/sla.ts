import type { Command } from 'commander';
import type { Context } from '../../cli/context.js';
import { noun } from '../noun.js';
import { explainCommand } from '../sla/explain.js';
import { profileCommand } from '../sla/profile.js';
import { slaReportCommand } from '../report/sla.js';
import { monitoringReportCommand } from '../report/monitoring.js';
import { overdueReportCommand } from '../report/overdue.js';

/** The SLA engine and reports (docs/sla.md). */
export function register(program: Command, ctx: Context): void {
  const sla = noun(program, 'sla');
  sla.addCommand(explainCommand(ctx));
  sla.addCommand(profileCommand(ctx));
  const report = noun(program, 'report');
  report.addCommand(slaReportCommand(ctx));
  report.addCommand(monitoringReportCommand(ctx));
  report.addCommand(overdueReportCommand(ctx));
}
