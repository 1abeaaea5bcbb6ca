/**
 * Reporter identity (name, NIK, phone, email) as show/list print it: masked unless a super_admin
 * asks to reveal it (and that is audited); an anonymous complaint shows no identity at all unless
 * revealed. Pure. The masks are the ones every export uses (src/domain/privacy.ts).
 */
import { maskEmail, maskName, maskNik, maskPhone } from './privacy.js';

export interface ReporterIdentity {
  name: string | null;
  nik: string | null;
  phone: string | null;
  email: string | null;
}

export type IdentityView = 'masked' | 'revealed' | 'anonymous';

export function viewIdentity(id: ReporterIdentity, anonymous: boolean, reveal: boolean): { view: IdentityView; identity: ReporterIdentity } {
  if (reveal) return { view: 'revealed', identity: id };
  if (anonymous) return { view: 'anonymous', identity: { name: null, nik: null, phone: null, email: null } };
  return {
    view: 'masked',
    identity: {
      name: maskName(id.name),
      nik: maskNik(id.nik),
      phone: maskPhone(id.phone),
      email: maskEmail(id.email),
    },
  };
}
