import type { Context } from '../../cli/context.js';
import { unofficialYearNotice, type WorkCalendar } from '../../domain/calendar.js';

/** DESIGN §6: a year with no official list is counted as weekends only, and we say so. */
export function warnUnofficialYears(ctx: Context, cal: WorkCalendar, from: string, to: string): void {
  for (const year of cal.yearsWithoutOfficialList(from, to)) {
    ctx.warn(unofficialYearNotice(year).en);
  }
}
