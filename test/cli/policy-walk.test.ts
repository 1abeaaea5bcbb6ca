import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Context } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';
import { runMain } from '../helpers/cli.js';
import { initialisedDb, type TestDb } from '../helpers/db.js';
import { addOfficer, institutionId } from '../integration/sla-builder.js';

/**
 * Every command of the tree, classified: a read, an operator's write (no officer acts: the one
 * who holds the database runs it), or an officer's write. Each officer's write, run by a patron
 * (who may write nothing), must be refused by src/domain/policy.ts: exit 77 with the policy's own
 * wording ("<user> is patron: only … may …"), which no other module writes. A new command fails
 * the first test until it is classified here.
 */
type Kind = 'read' | 'operator' | { write: (id: string) => string[] };

const DECREE = path.resolve('fixtures/decrees/kota-bandung-2024.yaml');
const PROFILE = path.resolve('fixtures/sla-profiles/permenpan-62-2018.yaml');
const LEGACY = path.resolve('fixtures/legacy/sms-1708.csv');

const COMMANDS: Record<string, Kind> = {
  'demo': 'operator', 'init': 'operator', 'db migrate': 'operator', 'db status': 'read', 'db rollback': 'operator', 'db roles': 'operator',
  'calendar import': 'operator', 'calendar list': 'read', 'calendar workdays': 'read', 'calendar add': 'read',
  'institution register': { write: () => ['institution', 'register', '--decree', DECREE] },
  'institution list': 'read', 'institution show': 'read',
  'unit add': { write: () => ['unit', 'add', 'dispora', '--institution', '32.73', '--name', 'Dinas Pemuda dan Olahraga'] },
  'unit list': 'read', 'officer list': 'read',
  'officer deactivate': { write: () => ['officer', 'deactivate', 'adminnas', '--reason', 'x'] },
  'report onboarding': 'read', 'report sla': 'read', 'report monitoring': 'read', 'report overdue': 'read',
  // Shown unmasked only by policy's leave: a read, but audited, so asked like a write.
  'report overdue --reveal-identity': { write: () => ['report', 'overdue', '--reveal-identity'] },
  'import complaints': { write: () => ['import', 'complaints', LEGACY, '--source', 'sms-1708', '--dry-run'] },
  'import events': { write: () => ['import', 'events', LEGACY, '--source', 'sms-1708', '--dry-run'] },
  'import revert': { write: () => ['import', 'revert', '1', '--dry-run'] },
  'import map': 'read', 'import values': 'read',
  'import list': 'read', 'import show': 'read',
  'complaint add': { write: () => ['complaint', 'add', '--channel', 'surat', '--body', 'Jalan rusak'] },
  'complaint show': 'read', 'complaint list': 'read',
  'complaint verify': { write: (id) => ['complaint', 'verify', id, '--dispose-to', '32.73'] },
  'complaint hold': { write: (id) => ['complaint', 'hold', id, '--reason', 'menunggu data'] },
  'complaint resume': { write: (id) => ['complaint', 'resume', id] },
  'complaint archive': { write: (id) => ['complaint', 'archive', id, '--reason', 'duplikat'] },
  'complaint forward': { write: (id) => ['complaint', 'forward', id, '--to', 'DISHUB'] },
  'complaint return': { write: (id) => ['complaint', 'return', id, '--reason', 'Bukan Wewenang'] },
  'complaint respond': { write: (id) => ['complaint', 'respond', id, '--text', 'Sudah ditangani'] },
  'complaint reply': { write: (id) => ['complaint', 'reply', id, '--text', 'Belum selesai'] },
  'complaint close': { write: (id) => ['complaint', 'close', id] },
  'dispatch suggest': { write: () => ['dispatch', 'suggest'] },
  'route add': { write: () => ['route', 'add', '--institution', '32.73', '--region', '32.73'] },
  'route list': 'read',
  'route remove': { write: () => ['route', 'remove', '1'] },
  'sla sweep': 'operator', 'sla explain': 'read', 'sla profile list': 'read', 'sla profile show': 'read',
  'sla profile add': { write: () => ['sla', 'profile', 'add', PROFILE] },
  'sla profile assign': { write: () => ['sla', 'profile', 'assign', 'permenpan-62-2018', '--institution', '32.73', '--from', '2026-01-01'] },
  'completion': 'read',
};

function leaves(cmd: Command, prefix: string[] = []): string[] {
  return cmd.commands.flatMap((c) => (c.commands.length ? leaves(c, [...prefix, c.name()]) : [[...prefix, c.name()].join(' ')]));
}

describe('every write asks the policy', () => {
  let t: TestDb;
  let id: string;
  beforeAll(async () => {
    t = await initialisedDb('pglite');
    await addOfficer(t.db.knex, 'patron.bdg', 'patron', await institutionId(t.db.knex, '32.73'));
    const add = await runMain(['--as', 'adminnas', 'complaint', 'add', '--channel', 'surat', '--body', 'Lampu jalan mati'], { db: t.db });
    expect(add.code, add.stderr).toBe(0);
    id = add.stdout.trim();
  });
  afterAll(() => t?.cleanup());

  it('classifies exactly the commands the program has', async () => {
    const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough() };
    const tree = leaves(await buildProgram(new Context(io, {})));
    expect(tree.length).toBeGreaterThan(40);
    expect(tree.sort()).toEqual(Object.keys(COMMANDS).filter((k) => !k.includes(' --')).sort());
  });

  for (const [name, kind] of Object.entries(COMMANDS)) {
    if (typeof kind === 'string') continue;
    it(`${name}: a patron is refused by the policy (77)`, async () => {
      const r = await runMain(['--as', 'patron.bdg', ...kind.write(id)], { db: t.db });
      expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 77, stderr: expect.stringMatching(/^lapor: patron\.bdg is patron: only .+ may .+\n$/) });
    });
  }
});
