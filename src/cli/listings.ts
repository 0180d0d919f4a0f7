import type { TFunction } from 'i18next';
import type { App } from '../app.js';
import { formatLocalDate, formatLocalDateTime, localIsoString } from '../domain/calendar/local-time.js';
import type { CliIo } from './io.js';
import { printRows, printRowStream } from './output.js';
import { stepName } from '../reports/evidence-log.js';

type PreviewStep = Awaited<ReturnType<App['reminders']['preview']>>[number];

type Listing = { app: App; t: TFunction; io: CliIo; json: boolean };

/** `plans list`: every imported plan, its province, document and size. */
export async function listPlans({ app, t, io, json }: Listing): Promise<number> {
  const plans = await app.repos.plans.listPlans();
  printRows(
    io,
    { json, t },
    [
      { header: t('cli:column.code'), cell: (p) => p.code },
      { header: t('cli:column.province'), cell: (p) => p.provinceCode },
      { header: t('cli:column.document'), cell: (p) => p.document || '—' },
      { header: t('cli:column.issuedOn'), cell: (p) => formatLocalDate(p.issuedOn) },
      { header: t('cli:column.tasks'), cell: (p) => String(p._count.tasks), align: 'right' },
      { header: t('cli:column.targets'), cell: (p) => String(p._count.targets), align: 'right' },
      { header: t('cli:column.title'), cell: (p) => p.title, max: 60 },
    ],
    plans,
    (p) => ({ code: p.code, province: p.provinceCode, document: p.document, issuedOn: p.issuedOn, tasks: p._count.tasks, targets: p._count.targets, title: p.title }),
  );
  return 0;
}

/** `agencies list [--province CODE]`: codes to type elsewhere, with the province each belongs to, its level and place, and whether it is merged or ended. */
export async function listAgencies({ app, t, io, json }: Listing, province: string | undefined): Promise<number> {
  const agencies = await app.repos.agencies.list(province ? { province } : {});
  const codeOf = new Map(agencies.map((a) => [a.id, a.code]));
  const codeOrId = (id: number | null) => (id === null ? '' : (codeOf.get(id) ?? `#${id}`));
  printRows(
    io,
    { json, t },
    [
      { header: t('cli:column.code'), cell: (a) => a.code },
      { header: t('cli:column.province'), cell: (a) => a.provinceName },
      { header: t('cli:column.name'), cell: (a) => a.name, max: 60 },
      { header: t('cli:column.level'), cell: (a) => t(`progress:level.${a.level}`) },
      { header: t('cli:column.parent'), cell: (a) => codeOrId(a.parentId) },
      { header: t('cli:column.mergedInto'), cell: (a) => codeOrId(a.mergedIntoId) },
      { header: t('cli:column.endedOn'), cell: (a) => (a.endedOn ? formatLocalDate(a.endedOn) : '') },
    ],
    agencies,
    (a) => ({ code: a.code, province: a.province, provinceName: a.provinceName, name: a.name, level: a.level, parent: codeOrId(a.parentId) || null, mergedInto: codeOrId(a.mergedIntoId) || null, endedOn: a.endedOn }),
  );
  return 0;
}

/** `deadlines list`: each deadline with its province and agency, as people across provinces share agency names. */
export async function listDeadlines({ app, t, io, json }: Listing, input: { from: string; to: string; agencyIds?: number[]; province?: string }): Promise<number> {
  const items = await app.reminders.deadlines({ ...input, now: app.clock.now() });
  printRows(
    io,
    { json, t },
    [
      // An extended deadline shows its first date and the one it was moved to.
      { header: t('cli:column.due'), cell: (d) => formatLocalDate(d.dueOn) + (d.extendedTo ? ` → ${formatLocalDate(d.extendedTo)}` : '') },
      { header: t('cli:column.status'), cell: (d) => t(`cli:deadlineStatus.${d.status}`) },
      { header: t('cli:column.province'), cell: (d) => d.province },
      { header: t('cli:column.agency'), cell: (d) => d.agency, max: 40 },
      { header: t('cli:column.task'), cell: (d) => d.title, max: 70 },
    ],
    items,
    (d) => ({ dueOn: d.dueOn, extendedTo: d.extendedTo ?? null, status: d.status, province: d.province, agency: d.agency, task: d.title, key: d.key }),
  );
  return 0;
}

/** `reminders preview`: every step that would go out between two dates, at its local time, and to whom. */
export async function previewReminders({ app, t, io, json }: Listing, range: { from: Date; to: Date }): Promise<number> {
  const people = new Map((await app.repos.people.listPeople()).map((p) => [p.id, p]));
  const recipient = (s: PreviewStep) => {
    const person = people.get(s.personId);
    return person ? `${person.name} (${person.chats.map((c) => c.channel).join(', ')})` : t(s.audience === 'focal' ? 'cli:noFocal' : 'cli:noSupervisor');
  };
  await printRowStream(
    io,
    { json, t },
    [
      { header: t('cli:column.fireAt'), cell: (s) => formatLocalDateTime(s.fireAt) },
      { header: t('cli:column.step'), cell: (s) => stepName(s.step, t) },
      { header: t('cli:column.due'), cell: (s) => formatLocalDate(s.dueOn) },
      { header: t('cli:column.agency'), cell: (s) => s.agency },
      { header: t('cli:column.recipient'), cell: recipient, max: 36 },
      { header: t('cli:column.task'), cell: (s) => s.task, max: 60 },
    ],
    app.reminders.previewStream(range.from, range.to),
    (s) => ({ fireAt: localIsoString(s.fireAt), step: s.step, audience: s.audience, dueOn: s.dueOn, agency: s.agency, plan: s.plan, task: s.task, personId: s.personId || null, recipient: recipient(s) }),
  );
  return 0;
}
