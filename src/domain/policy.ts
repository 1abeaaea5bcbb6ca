/**
 * Who may do what: the permission table of DESIGN §5 as pure code. Scope: the complaint must sit
 * with the actor's institution (admin) or unit (liaison); super_admin acts everywhere.
 *
 * | action                                   | super_admin | admin (own inst.) | liaison (own unit) | supervisor, patron |
 * |------------------------------------------|-------------|-------------------|--------------------|--------------------|
 * | register institution / decree            | ✔           |                   |                    |                    |
 * | import complaints                        | ✔ (any)     | ✔ (own inst.)     |                    |                    |
 * | add a complaint (letter, walk-in …)      | ✔ (national)| ✔ (own inst.)     | ✔ (own unit)       |                    |
 * | revert an import batch (*)               | ✔ (any)     | ✔ (own inst.)     |                    |                    |
 * | verify (dispose), hold, resume, archive  | ✔           |                   |                    |                    |
 * | forward to unit, return to national      |             | ✔                 |                    |                    |
 * | return to admin                          |             |                   | ✔                  |                    |
 * | respond                                  | ✔           | ✔                 | ✔                  |                    |
 * | close                                    | ✔           | ✔                 |                    |                    |
 * | record the reporter's reply (*)          | ✔           | ✔                 | ✔                  |                    |
 * | route rules (add, remove) (*)            | ✔           |                   |                    |                    |
 * | reports                                  | all         | own institution   | own unit           | own institution    |
 * | see reporter identity (audited)          | ✔           |                   |                    |                    |
 *
 * (*) not in DESIGN's table; decided here: a reply is keyed in by whoever may respond (it reopens
 * the complaint with the same holder); routing rules serve disposition, a super_admin step.
 * `resume` goes with `hold`. `auto_close` is the sweep's alone (actor `system`).
 */
import type { Actor, Role } from './actor.js';
import type { Action, PlanningParty } from './lifecycle.js';

export type RefusalKind = 'inactive' | 'role' | 'scope' | 'state' | 'input';

/** Why something is refused: 'input' is bad input (exit 65), everything else not permitted (exit 77). */
export interface Refusal {
  kind: RefusalKind;
  message: string;
  /**
   * Which rule refused, with the values its message names (the life-cycle's input refusals), so a
   * reader that words it itself can (import events, in the run's language). The message stays as it is.
   */
  code?: string;
  params?: Readonly<Record<string, string | number>>;
}

export type Capability =
  | 'register' | 'import' | 'revert_import' | 'add' | 'route' | 'reveal_identity' | 'sla_profile'
  | 'manage_institution' | 'manage_super_admin';

/** Roles allowed each life-cycle action, before scope. */
export const ACTION_ROLES: Record<Action, readonly Role[]> = {
  dispose: ['super_admin'],
  hold: ['super_admin'],
  resume: ['super_admin'],
  archive: ['super_admin'],
  forward: ['admin'],
  return: ['admin'],
  return_to_admin: ['liaison'],
  respond: ['super_admin', 'admin', 'liaison'],
  close: ['super_admin', 'admin'],
  reply: ['super_admin', 'admin', 'liaison'],
  auto_close: [],
};

export const CAPABILITY_ROLES: Record<Capability, readonly Role[]> = {
  register: ['super_admin'],
  import: ['super_admin', 'admin'],
  revert_import: ['super_admin', 'admin'],
  // SE MenPANRB 4/2016: letters are entered by the Admin and the Pejabat Penghubung (liaison), who
  // also receives reports from channels; a liaison's complaint lands with their unit.
  add: ['super_admin', 'admin', 'liaison'],
  route: ['super_admin'],
  reveal_identity: ['super_admin'],
  sla_profile: ['super_admin'],
  /** Units and officers of one institution: an admin only in their own (checkInstitutionUpkeep). */
  manage_institution: ['super_admin', 'admin'],
  manage_super_admin: ['super_admin'],
};

const ACTION_NAMES: Record<Action, string> = {
  dispose: 'verify and dispose complaints', hold: 'put complaints on hold', resume: 'resume complaints on hold',
  archive: 'archive complaints', forward: 'forward complaints to a unit', return: 'return complaints to the national admin',
  return_to_admin: 'return complaints to the institution admin', respond: 'post a follow-up', close: 'close complaints',
  reply: "record the reporter's reply", auto_close: 'auto-close complaints',
};

function roleList(roles: readonly Role[]): string {
  return roles.length === 0 ? 'only the sweep (system)' : `only ${roles.join(' or ')}`;
}

/** Where a complaint sits, as scope checks see it. */
export interface Holder {
  institutionId: number | null;
  unitId: number | null;
  trackingId?: string;
}

/** Role and scope check of one life-cycle action; undefined when permitted. */
export function checkPermission(actor: PlanningParty, action: Action, holder: Holder): Refusal | undefined {
  if (actor === 'system') {
    return action === 'auto_close' ? undefined : { kind: 'role', message: `the system may only auto-close, not ${action}` };
  }
  // A history kept by a legacy system and replayed by `import events`: who acted was decided there
  // (the actor is only a name); the import's own capability is checked by its caller.
  if (actor === 'legacy') return undefined;
  if (!actor.active) return { kind: 'inactive', message: `officer '${actor.username}' is deactivated and may no longer act` };
  const roles = ACTION_ROLES[action];
  if (!roles.includes(actor.role)) {
    return { kind: 'role', message: `${actor.username} is ${actor.role}: ${roleList(roles)} may ${ACTION_NAMES[action]}` };
  }
  if (actor.role === 'super_admin') return undefined;
  return checkScope(actor, holder);
}

const what = (h: Holder) => (h.trackingId ? `complaint ${h.trackingId}` : 'the complaint');

/** Admin: the complaint sits with the actor's institution; liaison: with the actor's unit. */
export function checkScope(actor: Actor, holder: Holder): Refusal | undefined {
  if (actor.role === 'super_admin') return undefined;
  if (actor.role === 'liaison') {
    if (holder.unitId === null || holder.unitId !== actor.unitId) {
      return { kind: 'scope', message: `${what(holder)} is not with ${actor.username}'s unit` };
    }
    return undefined;
  }
  if (holder.institutionId === null || holder.institutionId !== actor.institutionId) {
    return { kind: 'scope', message: `${what(holder)} is not with ${actor.username}'s institution` };
  }
  return undefined;
}

export function checkCapability(actor: Actor, capability: Capability): Refusal | undefined {
  if (!actor.active) return { kind: 'inactive', message: `officer '${actor.username}' is deactivated and may no longer act` };
  const roles = CAPABILITY_ROLES[capability];
  if (!roles.includes(actor.role)) {
    const what: Record<Capability, string> = {
      register: 'register institutions and decrees', import: 'import complaints', revert_import: 'revert import batches',
      add: 'add complaints',
      route: 'manage routing rules', reveal_identity: "see a reporter's identity", sla_profile: 'add or assign SLA profiles',
      manage_institution: "manage an institution's units and officers", manage_super_admin: 'deactivate a super_admin',
    };
    return { kind: 'role', message: `${actor.username} is ${actor.role}: ${roleList(roles)} may ${what[capability]}` };
  }
  return undefined;
}

/** Upkeep of one institution (units, officers): super_admin anywhere, an admin in their own institution. */
export function checkInstitutionUpkeep(actor: Actor, institution: { id: number; code: string }): Refusal | undefined {
  const refusal = checkCapability(actor, 'manage_institution');
  if (refusal) return refusal;
  if (actor.role === 'admin' && actor.institutionId !== institution.id) {
    return { kind: 'scope', message: `${actor.username} is admin of another institution: only a super_admin or an admin of ${institution.code} may manage its units and officers` };
  }
  return undefined;
}

/**
 * An import batch: `read` (import show) any active officer of the batch's institution;
 * `revert_import` an admin of it. A super_admin any batch.
 */
export function checkBatchAccess(actor: Actor, need: 'read' | 'revert_import', batch: { id: number; institutionId: number | null }): Refusal | undefined {
  const refusal = need === 'read'
    ? (actor.active ? undefined : { kind: 'inactive' as const, message: `officer '${actor.username}' is deactivated and may no longer act` })
    : checkCapability(actor, need);
  if (refusal) return refusal;
  if (actor.role === 'super_admin') return undefined;
  if (batch.institutionId === null || batch.institutionId !== actor.institutionId) {
    return { kind: 'scope', message: `import batch ${batch.id} belongs to another institution than ${actor.username}'s` };
  }
  return undefined;
}

/**
 * Where an imported or keyed-in complaint lands: super_admin's stay national, an admin's with its
 * institution, a liaison's with their unit (of their institution).
 */
export function intakeInstitution(actor: Actor): number | null {
  return actor.role === 'admin' || actor.role === 'liaison' ? actor.institutionId : null;
}

/** The unit a keyed-in complaint lands with: a liaison's own; none for anyone else. */
export function intakeUnit(actor: Actor): number | null {
  return actor.role === 'liaison' ? actor.unitId : null;
}

/**
 * How far an actor's reports reach (DESIGN §5): super_admin everything; admin, supervisor and
 * patron their institution; a liaison their unit. db/reports.ts resolveScope turns a reach and
 * the options asked for into the ReportScope the queries filter by.
 */
export type ReportReach = { kind: 'all' } | { kind: 'institution'; institutionId: number } | { kind: 'unit'; institutionId: number; unitId: number };

export function reportReach(actor: Actor): ReportReach {
  if (actor.role === 'super_admin') return { kind: 'all' };
  if (actor.role === 'liaison') return { kind: 'unit', institutionId: actor.institutionId!, unitId: actor.unitId! };
  return { kind: 'institution', institutionId: actor.institutionId! };
}

/** A report asked for one institution or one province, against the actor's reach. */
export function checkReportRequest(
  actor: Actor, ask: { institution?: { id: number; code: string }; province?: string }, own?: { code: string },
): Refusal | undefined {
  const reach = reportReach(actor);
  if (reach.kind === 'all') return undefined;
  const ownCode = own?.code ?? 'its own institution';
  if (ask.institution && ask.institution.id !== reach.institutionId) {
    return { kind: 'scope', message: `${actor.role} '${actor.username}' may read only the reports of ${ownCode}, not ${ask.institution.code}` };
  }
  if (ask.province) return { kind: 'scope', message: `--province is for super_admin; ${actor.username} reads ${ownCode} only` };
  return undefined;
}

/**
 * Who sees which complaints (DESIGN §5), as data: the one home of the rule. canSee applies it to
 * one complaint in TS; db/complaints.ts visibilityFilter turns the same scope into SQL, and
 * test/integration/visibility-agree.test.ts checks that both say the same for every actor.
 * - `all`: super_admin sees every complaint.
 * - otherwise a complaint is in scope when one of its events came from or went to `through`
 *   (the actor's institution; a liaison's unit), or it sits with nobody and was imported for
 *   `unassignedOf` (Belum Terverifikasi: the institution's own data, `complaint list --unassigned`);
 * - a rahasia (confidential) complaint in scope only when its current holder is `rahasiaHolder`
 *   (the institution; for a liaison also the unit): a former holder sees nothing of it.
 */
export type VisibilityScope =
  | { kind: 'all' }
  | {
    kind: 'scoped';
    through: { level: 'institution' | 'unit'; id: number | null };
    unassignedOf: number | null;
    rahasiaHolder: { institutionId: number | null; unitId: number | null };
  };

export function visibilityScope(actor: Actor): VisibilityScope {
  if (actor.role === 'super_admin') return { kind: 'all' };
  if (actor.role === 'liaison') {
    return {
      kind: 'scoped', through: { level: 'unit', id: actor.unitId }, unassignedOf: null,
      rahasiaHolder: { institutionId: actor.institutionId, unitId: actor.unitId },
    };
  }
  return {
    kind: 'scoped', through: { level: 'institution', id: actor.institutionId }, unassignedOf: actor.institutionId,
    rahasiaHolder: { institutionId: actor.institutionId, unitId: null },
  };
}

/** What the visibility rule reads of one complaint: its history's holders and its current holder. */
export interface VisibilityFacts {
  events: readonly { fromInstitutionId: number | null; toInstitutionId: number | null; fromUnitId: number | null; toUnitId: number | null }[];
  confidential: boolean;
  holderInstitutionId: number | null;
  holderUnitId: number | null;
  /** The institution an import keyed it to (complaints.key_institution_id). */
  keyInstitutionId: number | null;
}

/** The complaint is with, or passed through, the scope (before the rahasia rule). */
export function inScope(scope: VisibilityScope, f: VisibilityFacts): boolean {
  if (scope.kind === 'all') return true;
  const { level, id } = scope.through;
  const passed = id !== null && f.events.some((e) => level === 'unit'
    ? e.fromUnitId === id || e.toUnitId === id
    : e.fromInstitutionId === id || e.toInstitutionId === id);
  const unassigned = scope.unassignedOf !== null && f.holderInstitutionId === null && f.keyInstitutionId === scope.unassignedOf;
  return passed || unassigned;
}

/**
 * Reading one complaint's history (`sla explain`): super_admin any; otherwise the complaint must be
 * in the actor's visibility scope, and a rahasia one with its current holder (canSee).
 */
export function checkPassedThrough(actor: Actor, complaint: VisibilityFacts, trackingId: string): Refusal | undefined {
  const visible = canSee(actor, { ...complaint, inScope: inScope(visibilityScope(actor), complaint) });
  return visible ? undefined : { kind: 'scope', message: `complaint ${trackingId} is outside ${actor.username}'s scope` };
}

/** What a reader may see of one complaint (show/list/explain). */
export interface Visibility {
  /** The complaint is in the actor's visibility scope (inScope; or the actor is super_admin). */
  inScope: boolean;
  confidential: boolean;
  /** Institution currently holding the complaint. */
  holderInstitutionId: number | null;
  /** Unit currently holding the complaint. */
  holderUnitId?: number | null;
}

/**
 * The scope check comes first: a complaint outside the actor's scope is refused whether or not it
 * is confidential. A confidential (rahasia) complaint is then shown only to its current holder
 * (visibilityScope's rahasiaHolder) and to super_admin.
 */
export function canSee(actor: Actor, v: Visibility): boolean {
  const scope = visibilityScope(actor);
  if (scope.kind === 'all') return true;
  if (!v.inScope) return false;
  if (!v.confidential) return true;
  const h = scope.rahasiaHolder;
  if (h.institutionId === null || v.holderInstitutionId !== h.institutionId) return false;
  return h.unitId === null || (v.holderUnitId != null && v.holderUnitId === h.unitId);
}
