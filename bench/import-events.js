// npm run bench:import-events — `lapor import events` of whole legacy histories into PostgreSQL,
// against what the database itself needs to store the same rows through its own bulk path, in one
// run on one machine:
//
//   lapor      `lapor import events FILE`: BENCH_EVENTS_COMPLAINTS unverified imported complaints
//              (default 200,000), five events each (hold, resume, verify/dispose, respond, close:
//              1,000,000 events), checked against the life-cycle, written with their SLA spans
//   floor      psql \copy of exactly the event rows lapor wrote (span trigger off), the
//              complaints' new states from a \copy into a temporary table (one update), and the
//              SLA spans of those complaints in one set-based rebuild (sla_spans_refresh)
//
// Peak RSS of the lapor process too. Needs the build (dist/), psql on PATH, and a server at
// LAPOR_BENCH_DATABASE_URL or LAPOR_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test);
// a schema bench_events_<pid> is created and dropped.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import knexFactory from 'knex';
import { timed } from './timed.js';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, '.bench');
fs.mkdirSync(dir, { recursive: true });
const N = Number(process.env.BENCH_EVENTS_COMPLAINTS ?? 200_000);
const server = process.env.LAPOR_BENCH_DATABASE_URL ?? process.env.LAPOR_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const bin = path.join(root, 'bin', 'lapor.js');
const DAY = 86_400_000;

async function writeLines(file, header, lineOf) {
  const out = fs.createWriteStream(file);
  const write = (s) => (out.write(s) ? undefined : new Promise((res) => out.once('drain', res)));
  await write(header + '\n');
  let buf = '';
  for (let i = 1; i <= N; i++) {
    buf += lineOf(i);
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((res) => out.end(res));
}

const receivedAt = (i) => Date.UTC(2025, 0, 6) + (i % 300) * DAY + (i % 7) * 3_600_000;
const iso = (ms) => new Date(ms).toISOString();

/** Unverified complaints (the histories start at the national queue), and five events each. */
async function files() {
  const complaints = path.join(dir, `events-complaints-${N}.csv`);
  const events = path.join(dir, `events-${N}.csv`);
  if (!fs.existsSync(complaints)) {
    await writeLines(complaints, 'external_id,received_at,channel,class,body,status',
      (i) => `E-${i},${iso(receivedAt(i))},sms,pengaduan,jalan rusak di depan pasar nomor ${i},belum diverifikasi\n`);
  }
  if (!fs.existsSync(events)) {
    await writeLines(events, 'external_id,at,kind,from,to,actor,reason,text', (i) => {
      const t = receivedAt(i);
      return `E-${i},${iso(t + 3_600_000)},hold,,,admin lama,menunggu data pelapor,\n`
        + `E-${i},${iso(t + DAY)},resume,,,admin lama,,\n`
        + `E-${i},${iso(t + 2 * DAY)},verify,,32.73,admin lama,,\n`
        + `E-${i},${iso(t + 5 * DAY)},respond,,,petugas dinas,,sudah ditindaklanjuti oleh dinas terkait\n`
        + `E-${i},${iso(t + 8 * DAY)},close,,,admin lama,,\n`;
    });
  }
  return { complaints, events };
}

async function main() {
  const { complaints, events } = await files();
  const schema = `bench_events_${process.pid}`;
  const url = `${server}${server.includes('?') ? '&' : '?'}schema=${schema}`;
  const k = knexFactory({ client: 'pg', connection: server });
  const db = server.replace(/\?.*$/, '');
  const psql = async (...cmds) => {
    const r = await timed('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-d', db, '-c', `set search_path to ${schema}`, ...cmds.flatMap((c) => ['-c', c])]);
    if (r.code !== 0) throw new Error(`psql failed: ${r.stderr}`);
    return r.ms;
  };
  const lapor = async (...args) => {
    const r = await timed(process.execPath, [bin, '--db', url, '--as', 'adminnas', ...args]);
    if (r.code !== 0 && r.code !== 3) throw new Error(`lapor ${args.slice(0, 2).join(' ')} failed (${r.code}): ${r.stderr}`);
    return r;
  };
  const ef = path.join(dir, `events-rows-${process.pid}.copy`);
  const sf = path.join(dir, `events-states-${process.pid}.copy`);
  try {
    const init = await timed(process.execPath, [bin, '--db', url, 'init', '--admin', 'adminnas']);
    if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
    // Disposing needs a registered institution (the registry's decree is another bench's matter).
    await psql("update institutions set status = 'active' where code = '32.73'");
    await lapor('import', 'complaints', complaints, '--source', 'bench-events', '--institution', '32.73', '--format', 'json');
    await k.raw('checkpoint');
    const run = await lapor('import', 'events', events, '--source', 'bench-events', '--institution', '32.73', '--format', 'json');
    const meta = JSON.parse(run.stdout).meta;
    if (meta.inserted !== 5 * N) throw new Error(`lapor imported ${meta.inserted} events, not ${5 * N}: ${run.stderr}`);

    // The floor: the same rows, put back by the database's own bulk path.
    await psql(`\\copy (select * from complaint_events where import_position is not null) to '${ef}'`,
      `\\copy (select id, status, institution_id, unit_id, version from complaints where source = 'bench-events') to '${sf}'`);
    await psql('delete from complaint_events where import_position is not null',
      "update complaints set status = 'received', institution_id = null, unit_id = null, version = 1 where source = 'bench-events'",
      'truncate sla_spans', 'select sla_spans_refresh(null)');
    await k.raw('checkpoint');
    const copyEvents = await psql('alter table complaint_events disable trigger sla_spans_events_insert',
      `\\copy complaint_events from '${ef}'`, 'alter table complaint_events enable trigger sla_spans_events_insert');
    const states = await psql('create temporary table st (id bigint, status text, institution_id int, unit_id int, version int)',
      `\\copy st from '${sf}'`,
      'update complaints c set status = st.status, institution_id = st.institution_id, unit_id = st.unit_id, version = st.version from st where c.id = st.id');
    const spans = await psql(`select sla_spans_refresh(array(select id from complaints where source = 'bench-events'))`);
    const floor = copyEvents + states + spans;
    const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`lapor import events benchmark — ${new Date().toISOString()}, node ${process.version}, ${spawnSync('nproc').stdout.toString().trim()} cores`);
    console.log(`PostgreSQL, ${N.toLocaleString('en-US')} complaints, ${(5 * N).toLocaleString('en-US')} events:`);
    console.log(`  lapor import events (checked, + complaints' states, + spans)   ${s(run.ms).padStart(8)}  ${Math.round(5 * N / (run.ms / 1000)).toLocaleString('en-US')} events/s`);
    console.log(`  floor: \\copy of the same events (trigger off)                   ${s(copyEvents).padStart(8)}`);
    console.log(`       + the complaints' states (\\copy + one update)              ${s(states).padStart(8)}`);
    console.log(`       + their SLA spans (one set-based rebuild)                  ${s(spans).padStart(8)}`);
    console.log(`       all three                                                  ${s(floor).padStart(8)}`);
    console.log(`  ratio lapor / floor                                            ${(run.ms / floor).toFixed(2).padStart(8)}  (target ≤ 1.5)`);
    console.log(`  lapor peak RSS                                                 ${(run.peakKb / 1024).toFixed(0).padStart(5)} MB`);
    console.log(`  counts: read ${meta.read}, inserted ${meta.inserted}, rejected ${meta.rejected}, complaints ${meta.complaints}`);
  } finally {
    fs.rmSync(ef, { force: true });
    fs.rmSync(sf, { force: true });
    await k.raw(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await k.destroy();
  }
}

await main();
