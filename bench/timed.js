// A benchmark's child process, timed: wall time, peak RSS and the machine's busy CPU seconds.
import fs from 'node:fs';
import { spawn } from 'node:child_process';

/** CPU time the whole machine has spent busy (all processes, all cores), in seconds, from /proc/stat. */
function machineBusySeconds() {
  const [user, nice, system, , , irq, softirq] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq) / 100;
}

/**
 * Runs a command, sampling its peak RSS (VmHWM) from /proc; resolves { ms, code, peakKb, busy,
 * stdout, stderr }, busy being the machine's CPU seconds during the run (client and server).
 */
export function timed(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const busy0 = machineBusySeconds();
    const t0 = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const sample = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch { /* exited */ }
    }, 100);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      resolve({ ms: performance.now() - t0, code, peakKb, busy: machineBusySeconds() - busy0, stdout, stderr });
    });
  });
}

