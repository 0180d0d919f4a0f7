import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { TFunction } from 'i18next';
import { DateTime } from 'luxon';
import type { Conversation } from '../conversation/core.js';
import { ZONE } from '../domain/calendar/local-time.js';
import { isEveryProvince } from '../domain/people/roles.js';
import { fold } from '../domain/text/fold.js';
import type { Logger } from '../logger.js';
import type { OutgoingMessage } from '../messaging/message.js';
import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { PeopleRepo } from '../repositories/people-repo.js';
import type { ChannelSender } from '../messaging/sender.js';

/** Who the operator is acting as: the chat's id, and how the prompt names them. */
interface Acting {
  chatId: string;
  who: string;
}

/** A mistake in a console-only command (`/as`), said to the operator as it is. */
class ConsoleProblem extends Error {}

const ROLE_WORDS: Record<string, 'citizen' | 'focal' | 'supervisor'> = { citizen: 'citizen', congdan: 'citizen', focal: 'focal', daumoi: 'focal', supervisor: 'supervisor', giamsat: 'supervisor' };

/**
 * A local chat in the terminal for trying the product. `/as` switches between a
 * citizen, a focal point of an agency and a supervisor of a province; the
 * operator at the keyboard owns the machine, so on this channel alone roles are
 * granted without an invite. Buttons are numbered; typing the number presses it.
 * The prompt always says who the operator is acting as.
 */
export function createConsoleChannel(deps: {
  conversation: Conversation;
  people: PeopleRepo;
  agencies: AgenciesRepo;
  now: () => Date;
  /** The operator's language, for what the console itself says (the prompt, `/as`). */
  t: TFunction;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  reportsDir?: string;
  logger?: Logger;
}) {
  const { t } = deps;
  const output = deps.output ?? process.stdout;
  const write = (line: string): void => void output.write(line + '\n');
  let acting: Acting = { chatId: 'citizen', who: t('common:console.who.citizen') };
  let lastButtons: { text: string; data: string }[] = [];
  const prompt = (): void => void output.write(t('common:console.prompt', { who: acting.who }));

  function show(message: OutgoingMessage, from?: string): void {
    write(from ? `\n🔔 [${from}] ${message.text}` : `\n${message.text}`);
    for (const file of message.attachments ?? []) write(`📎 ${saveFile(file)}`);
    if (from && from !== acting.chatId) return;
    lastButtons = (message.buttons ?? []).flat();
    lastButtons.forEach((b, i) => write(`  [${i + 1}] ${b.text}`));
  }

  // A terminal cannot show a spreadsheet or a chart: it is written to the reports folder and its path printed.
  // Each file gets a time-stamped name (Vietnamese clock) so a second report does not overwrite the first one being looked at.
  function saveFile(file: { filename: string; data: Buffer }): string {
    const dir = resolve(deps.reportsDir ?? 'data/local/reports');
    mkdirSync(dir, { recursive: true });
    const stamp = DateTime.fromJSDate(deps.now(), { zone: ZONE }).toFormat("yyyyMMdd'T'HHmmss");
    const path = join(dir, `${stamp}-${basename(file.filename)}`);
    writeFileSync(path, file.data);
    return path;
  }

  /** `/as citizen | focal <agency> | supervisor <province|*>`: only an agency or province that exists. */
  async function become(args: string[]): Promise<Acting> {
    const [word, scope] = args;
    const kind = ROLE_WORDS[fold(word ?? '')];
    if (kind === 'citizen') return { chatId: 'citizen', who: t('common:console.who.citizen') };
    if (kind === 'focal' && scope) {
      const agency = await deps.agencies.byCode(scope);
      if (!agency) throw new ConsoleProblem(t('common:console.unknownAgency', { code: scope }));
      const who = t('common:console.who.focal', { agency: agency.name, province: agency.provinceName });
      const person = await deps.people.personForChat({ channel: 'console', chatId: `focal:${scope}`, name: who, language: 'vi', at: deps.now() });
      await deps.people.addRole(person.id, { kind: 'focal', agencyId: agency.id, province: null });
      return { chatId: `focal:${scope}`, who };
    }
    if (kind === 'supervisor' && scope) {
      const province = isEveryProvince(scope) ? undefined : await deps.agencies.province(scope);
      if (!province && !isEveryProvince(scope)) {
        const codes = (await deps.agencies.provinces()).map((p) => p.code).join(', ');
        throw new ConsoleProblem(t('common:console.unknownProvince', { code: scope, provinces: codes }));
      }
      const who = t('common:console.who.supervisor', { province: province?.name ?? t('common:allProvinces') });
      const person = await deps.people.personForChat({ channel: 'console', chatId: `supervisor:${scope}`, name: who, language: 'vi', at: deps.now() });
      await deps.people.addRole(person.id, { kind: 'supervisor', agencyId: null, province: scope });
      return { chatId: `supervisor:${scope}`, who };
    }
    throw new ConsoleProblem(t('common:console.usage'));
  }

  async function reply(text: string, pressed?: { data: string }): Promise<void> {
    const replies = await deps.conversation.handle({ channel: 'console', chatId: acting.chatId, name: acting.who, ...(pressed ? { data: pressed.data } : { text }) });
    for (const r of replies) show(r);
    await deps.conversation.written();
  }

  async function onLine(line: string): Promise<void> {
    const text = line.trim();
    if (!text) return prompt();
    try {
      if (/^\/as(\s|$)/i.test(text)) {
        acting = await become(text.split(/\s+/).slice(1));
        lastButtons = [];
        write(t('common:console.now', { who: acting.who }));
        // What this role can do: the same /help the person would get on Telegram or Zalo.
        await reply('/help');
      } else {
        const pressed = /^\d+$/.test(text) ? lastButtons[Number(text) - 1] : undefined;
        await reply(text, pressed);
      }
    } catch (e) {
      if (!(e instanceof ConsoleProblem)) throw e;
      write(`! ${e.message}`);
    }
    prompt();
  }

  const sender: ChannelSender = {
    channel: 'console',
    async send(to, message) {
      show(message, to);
      prompt();
    },
  };

  return {
    sender,
    /** Who the operator is acting as, as the prompt shows it. */
    actingAs: (): string => acting.who,
    start(onClose: () => void): void {
      write(t('common:console.welcome'));
      prompt();
      const rl = createInterface({ input: deps.input ?? process.stdin, terminal: false });
      let queue = Promise.resolve();
      rl.on('line', (line) => {
        queue = queue.then(() => onLine(line)).catch((e: unknown) => {
          deps.logger?.error('console line failed', { error: e instanceof Error ? e.stack : String(e) });
          write(`! ${t('common:error.internal')}`);
          prompt();
        });
      });
      rl.on('close', () => void queue.then(onClose));
    },
    handleLine: onLine,
  };
}
