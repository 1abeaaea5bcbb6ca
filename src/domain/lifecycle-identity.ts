/**
 * Reporter identity (name, NIK, phone, email) as show/list print it: masked unless a super_admin
 * asks to reveal it (and that is audited); an anonymous complaint shows no identity at all unless
 * revealed. Pure.
 */
export interface ReporterIdentity {
  name: string | null;
  nik: string | null;
  phone: string | null;
  email: string | null;
}

export type IdentityView = 'masked' | 'revealed' | 'anonymous';

function maskWord(w: string): string {
  if (w.length <= 1) return '*';
  return w[0] + '*'.repeat(Math.min(w.length - 1, 6));
}

export function maskName(name: string): string {
  return name.trim().split(/\s+/).map(maskWord).join(' ');
}

/** Keeps the first 2 and last 2 characters (a NIK's province code is not a secret; the rest is). */
export function maskDigits(s: string): string {
  const t = s.trim();
  if (t.length <= 4) return '*'.repeat(t.length);
  return t.slice(0, 2) + '*'.repeat(t.length - 4) + t.slice(-2);
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskDigits(email);
  return `${email[0]}***${email.slice(at)}`;
}

export function viewIdentity(id: ReporterIdentity, anonymous: boolean, reveal: boolean): { view: IdentityView; identity: ReporterIdentity } {
  if (reveal) return { view: 'revealed', identity: id };
  if (anonymous) return { view: 'anonymous', identity: { name: null, nik: null, phone: null, email: null } };
  return {
    view: 'masked',
    identity: {
      name: id.name ? maskName(id.name) : null,
      nik: id.nik ? maskDigits(id.nik) : null,
      phone: id.phone ? maskDigits(id.phone) : null,
      email: id.email ? maskEmail(id.email) : null,
    },
  };
}
