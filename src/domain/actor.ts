/** The officer a command acts as (`--as` / LAPOR_ACTOR), as the policy rules see it. */
export type Role = 'patron' | 'supervisor' | 'admin' | 'liaison' | 'super_admin';
export const ROLES: readonly Role[] = ['patron', 'supervisor', 'admin', 'liaison', 'super_admin'];

export interface Actor {
  id: number;
  username: string;
  name: string;
  role: Role;
  institutionId: number | null;
  unitId: number | null;
  active: boolean;
}
