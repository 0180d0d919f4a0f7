import type { TFunction } from 'i18next';
import type { App } from '../app.js';
import type { CliIo } from './io.js';

/** `privacy purge`: what is older than RETENTION_DAYS goes now, as the daily job would remove it. */
export async function purge(app: App, t: TFunction, io: CliIo, days: number): Promise<number> {
  const counts = await app.retention.purge(app.clock.now());
  io.out(t('cli:privacy.purged', { days, ...counts }));
  return 0;
}

async function personOf(app: App, ref: string | undefined, t: TFunction, io: CliIo): Promise<number | undefined> {
  const id = ref ? await app.repos.privacy.find(ref) : undefined;
  if (id === undefined) io.err(t('cli:privacy.unknownPerson', { ref: ref ?? '' }));
  return id;
}

/** `privacy export <person>`: everything stored about a person, as JSON on stdout (what a citizen may ask to see). */
export async function exportPerson(app: App, ref: string | undefined, t: TFunction, io: CliIo): Promise<number> {
  const id = await personOf(app, ref, t, io);
  if (id === undefined) return 2;
  io.out(JSON.stringify(await app.repos.privacy.export(id), null, 2));
  return 0;
}

/** `privacy forget <person>`: erases what is stored about a person (what a citizen may ask for). */
export async function forgetPerson(app: App, ref: string | undefined, t: TFunction, io: CliIo): Promise<number> {
  const id = await personOf(app, ref, t, io);
  if (id === undefined) return 2;
  await app.repos.privacy.forget(id);
  io.out(t('cli:privacy.forgotten', { ref: ref ?? '', id }));
  return 0;
}
