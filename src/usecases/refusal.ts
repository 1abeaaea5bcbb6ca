import type { Refusal } from '../domain/policy.js';
import { DataError, NotPermittedError, type LaporError } from '../errors.js';

/** A policy or life-cycle refusal as the error a command ends with: bad input 65, anything else 77. */
export function refusalError(r: Refusal): LaporError {
  return r.kind === 'input' ? new DataError(r.message) : new NotPermittedError(r.message);
}

/** Throws the refusal, if there is one: `deny(checkCapability(actor, 'register'))`. */
export function deny(r: Refusal | undefined): void {
  if (r) throw refusalError(r);
}
