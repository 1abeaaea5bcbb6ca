import type { Context } from '../../cli/context.js';
import { unofficialYearNotices, type WorkCalendar } from '../../domain/calendar.js';
import { t } from '../../i18n/index.js';

/**
 * DESIGN §6 (issue 16 rule 5): a year with no official list is counted as weekends only, and every
 * output that touches it says so, in the run's language: the days from..to, and any deadline given (local dates).
 */
export function warnUnofficialYears(ctx: Context, cal: WorkCalendar, from: string, to: string, deadlines: string[] = []): void {
  for (const notice of unofficialYearNotices(cal, [{ from, to, deadlines }])) ctx.warn(t(notice, ctx.lang));
}
