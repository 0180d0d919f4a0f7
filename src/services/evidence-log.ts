import { PassThrough, type Writable } from 'node:stream';
import type { LocalDate } from '../domain/calendar/local-time.js';
import { inScope, type Scope } from '../domain/progress/index.js';
import type { LogEntry, LoggedDeadline } from '../domain/reminders/evidence.js';
import type { Translate } from '../domain/text/line.js';
import { evidenceHeaders, evidenceRows, writeEvidenceWorkbook, type LogCell } from '../reports/evidence-log.js';
import { MIME, type ReportFile } from '../reports/files.js';
import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { DeadlineLogRepo } from '../repositories/deadline-log-repo.js';
import type { ExtensionsRepo } from '../repositories/extensions-repo.js';
import type { PlansRepo } from '../repositories/plans-repo.js';
import type { ReminderService } from './reminder-service.js';

export interface EvidenceLogDeps {
  reminders: Pick<ReminderService, 'occurrences'>;
  plans: PlansRepo;
  agencies: AgenciesRepo;
  log: DeadlineLogRepo;
  extensions: ExtensionsRepo;
}

/** Whose deadlines, due between two local dates: a focal point's agencies, a province, or (neither) every one. */
export interface EvidenceScope {
  agencyIds?: number[];
  province?: string;
  /** One plan's deadlines only (a report on the plan). */
  plan?: string;
  from: LocalDate;
  to: LocalDate;
}

/** The deadlines of a summary's scope, as the log reads them: a province, some agencies, or (neither) every one. */
export async function evidenceScopeOf(agencies: AgenciesRepo, scope: Scope): Promise<Omit<EvidenceScope, 'from' | 'to'>> {
  if (scope.under !== undefined || scope.level) return { agencyIds: inScope(await agencies.list(scope.province ? { province: scope.province } : {}), scope).map((a) => a.id) };
  if (scope.plan) return { plan: scope.plan, ...(scope.agencyIds ? { agencyIds: [...scope.agencyIds] } : {}) };
  if (scope.agencyIds) return { agencyIds: [...scope.agencyIds] };
  return scope.province ? { province: scope.province } : {};
}

/** Deadlines whose log is read at once: the rows of a page are written before the next is read. */
const PAGE = 500;

/**
 * The evidence log's rows, a page of deadlines at a time, grouped per deadline (by due date, agency, plan, task) and
 * in the order things happened within each; deadlines where nothing happened are left out. The deadlines of the
 * range come from the plans (agencies merged since are under the survivor), their log from the database a page at a
 * time, so memory holds one page of history however long it is.
 */
export async function* evidencePages(deps: EvidenceLogDeps, scope: EvidenceScope, t: Translate): AsyncGenerator<LogCell[][]> {
  const found = await deps.reminders.occurrences(scope);
  const agencies = await deps.agencies.byIds([...new Set(found.map((o) => o.agencyId))]);
  const info = await deps.plans.taskInfo([...new Set(found.map((o) => o.taskId))]);
  const deadlines: LoggedDeadline[] = found
    .map((o) => ({ key: o.key, plan: info.get(o.taskId)?.planCode ?? '', task: o.title, agency: agencies.get(o.agencyId)?.name ?? '', dueOn: o.dueOn }))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.agency.localeCompare(b.agency) || a.plan.localeCompare(b.plan) || a.task.localeCompare(b.task) || a.key.localeCompare(b.key));
  for (let i = 0; i < deadlines.length; i += PAGE) {
    const page = deadlines.slice(i, i + PAGE);
    const keys = page.map((d) => d.key);
    const [entries, extended] = await Promise.all([deps.log.forKeys(keys), deps.extensions.approvedDueDates(keys)]);
    const byKey = new Map<string, LogEntry[]>();
    for (const e of entries) {
      const list = byKey.get(e.occurrenceKey);
      if (list) list.push(e);
      else byKey.set(e.occurrenceKey, [e]);
    }
    const rows = page.flatMap((d) => {
      const mine = byKey.get(d.key);
      const to = extended.get(d.key);
      return mine ? evidenceRows(to ? { ...d, extendedTo: to } : d, mine, t) : [];
    });
    if (rows.length) yield rows;
  }
}

/** Writes the log to `stream` as an xlsx; how many rows it has. */
export function writeEvidenceLog(deps: EvidenceLogDeps, scope: EvidenceScope, t: Translate, stream: Writable): Promise<number> {
  return writeEvidenceWorkbook(stream, t('reminders:log.sheet'), evidenceHeaders(t), evidencePages(deps, scope, t));
}

/** The log as a file to send in a chat (a chat takes a whole file), and how many rows it has. */
export async function evidenceFile(deps: EvidenceLogDeps, scope: EvidenceScope, t: Translate, filename: string): Promise<{ file: ReportFile; rows: number }> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  const rows = await writeEvidenceLog(deps, scope, t, stream);
  await ended;
  return { file: { kind: 'document', filename, mime: MIME.xlsx, data: Buffer.concat(chunks) }, rows };
}
