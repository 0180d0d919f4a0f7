import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../src/app.js';
import { addDays, localDateOf } from '../../src/domain/calendar/local-time.js';
import { root } from './test-app.js';

/**
 * One plan that owes a report from `agencies` agencies of `province` two days from now, reminded the day before at
 * midnight: due at once when the service starts. Written into `dir`, which is returned.
 */
export function writeDuePlan(dir: string, agencies: number, province: string): string {
  const dueOn = addDays(localDateOf(new Date()), 2);
  const codes = Array.from({ length: agencies }, (_, i) => `${province}.xa-${i + 1}`);
  writeFileSync(join(dir, 'plan.yaml'), [
    `code: ${province}-1`, 'title: "Kế hoạch thử gửi nhiều"', 'document: "KH 1/KH-UBND"', 'issuedOn: "2026-01-05"', 'issuer: "UBND tỉnh"',
    `province: ${province}`, 'provinceName: "Tỉnh Thử Gửi"', 'seed: test',
    'agencies:', ...codes.map((c, i) => `  - { code: ${c}, name: "UBND xã ${i + 1}" }`),
    'tasks:', '  - code: bao-cao', '    title: "Báo cáo kết quả"', '    lead:', ...codes.map((c) => `      - ${c}`),
    `    recurrence: { once: "${dueOn}" }`, '    ladder: { before: [1], overdue: [], escalate: [], hour: "00:00" }', '    source: "Mục IV"',
    'targets: []', '',
  ].join('\n'));
  return dir;
}

/** A focal point with a Telegram chat (ids from 100000 up) for every agency of the province. */
export async function giveEveryAgencyAFocalPoint(app: App, province: string): Promise<void> {
  const agencies = await app.repos.agencies.list({ province });
  for (let i = 0; i < agencies.length; i += 1000) {
    const slice = agencies.slice(i, i + 1000);
    const people = await app.db.person.createManyAndReturn({ data: slice.map((a) => ({ name: a.name })), select: { id: true } });
    await app.db.chat.createMany({ data: people.map((p, j) => ({ channel: 'telegram', chatId: String(100_000 + i + j), personId: p.id })) });
    await app.db.role.createMany({ data: people.map((p, j) => ({ personId: p.id, kind: 'focal', agencyId: slice[j]!.id })) });
  }
}

/**
 * A service process as an operator starts it (`npm start`); `started` resolves once it says so in its log, and
 * `onLog` hears each line of its log.
 */
export function startServiceProcess(env: Record<string, string>, onLog?: (line: string) => void): { child: ChildProcess; started: Promise<void> } {
  const child = spawn(process.execPath, ['--experimental-wasm-modules', '--no-warnings', '--import', 'tsx', join(root, 'src/main.ts')], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const started = new Promise<void>((resolve, reject) => {
    let log = '';
    // The log goes to standard error (standard output is the console chat's).
    let partial = '';
    const read = (d: string) => {
      log += d;
      if (onLog) {
        const lines = (partial + d).split('\n');
        partial = lines.pop()!;
        lines.forEach(onLog);
      }
      if (log.includes('service started')) resolve();
      if (log.length > 100_000) log = log.slice(-10_000);
    };
    child.stdout!.setEncoding('utf8').on('data', read);
    child.stderr!.setEncoding('utf8').on('data', read);
    child.once('exit', (code) => reject(new Error(`the service ended (${code}) before it started:\n${log.slice(-2000)}`)));
  });
  return { child, started };
}

/** Kills the process without a word (SIGKILL) and resolves once it is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}
