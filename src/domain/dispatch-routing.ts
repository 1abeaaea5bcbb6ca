/**
 * Routing rules (region code and category → institution) for `dispatch suggest`. Pure.
 * A rule matches when its region is empty or equal to, or a prefix region of, the complaint's
 * (rule 32 matches 32.73), and its category is empty or equal (case-insensitive). Of the
 * matching rules the most specific wins: the longer region, then a category over none; then the
 * lower priority number; then the older rule.
 */
export interface RouteRule {
  id: number;
  regionCode: string | null;
  category: string | null;
  institutionId: number;
  priority: number;
}

export function ruleMatches(rule: RouteRule, c: { regionCode: string | null; category: string | null }): boolean {
  if (rule.regionCode) {
    if (!c.regionCode) return false;
    if (c.regionCode !== rule.regionCode && !c.regionCode.startsWith(`${rule.regionCode}.`)) return false;
  }
  if (rule.category) {
    if (!c.category || c.category.trim().toLowerCase() !== rule.category.trim().toLowerCase()) return false;
  }
  return true;
}

export function chooseRoute(rules: RouteRule[], c: { regionCode: string | null; category: string | null }): RouteRule | undefined {
  const score = (r: RouteRule) => [r.regionCode?.length ?? 0, r.category ? 1 : 0, -r.priority, -r.id];
  let best: RouteRule | undefined;
  for (const r of rules) {
    if (!ruleMatches(r, c)) continue;
    if (!best) { best = r; continue; }
    const a = score(r);
    const b = score(best);
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) { if (a[i] > b[i]) best = r; break; }
    }
  }
  return best;
}
