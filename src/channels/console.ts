import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Conversation } from '../conversation/core.js';
import type { OutgoingMessage } from '../messaging/message.js';
import type { AgenciesRepo } from '../repositories/agencies-repo.js';
import type { PeopleRepo } from '../repositories/people-repo.js';
import type { ChannelSender } from '../messaging/sender.js';

/**
 * A local chat in the terminal for trying the product. `/as` switches between a
 * citizen, a focal point of an agency and a supervisor of a province; the
 * operator at the keyboard owns the machine, so on this channel alone roles are
 * granted without an invite. Buttons are numbered; typing the number presses it.
 */
export function createConsoleChannel(deps: { conversation: Conversation; people: PeopleRepo; agencies: AgenciesRepo; now: () => Date; input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream; reportsDir?: string }) {
  const output = deps.output ?? process.stdout;
  const write = (line: string): void => void output.write(line + '\n');
  let chatId = 'citizen';
  let lastButtons: { text: string; data: string }[] = [];

  function show(message: OutgoingMessage, from?: string): void {
    write(from ? `\n🔔 [${from}] ${message.text}` : `\n${message.text}`);
    for (const file of message.attachments ?? []) write(`📎 ${saveFile(file)}`);
    if (from && from !== chatId) return;
    lastButtons = (message.buttons ?? []).flat();
    lastButtons.forEach((b, i) => write(`  [${i + 1}] ${b.text}`));
  }

  // A terminal cannot show a spreadsheet or a chart: it is written to the reports folder and its path printed.
  // Each file gets a time-stamped name so a second report does not overwrite the first one being looked at.
  function saveFile(file: { filename: string; data: Buffer }): string {
    const dir = resolve(deps.reportsDir ?? 'data/local/reports');
    mkdirSync(dir, { recursive: true });
    const stamp = deps.now().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
    const path = join(dir, `${stamp}-${basename(file.filename)}`);
    writeFileSync(path, file.data);
    return path;
  }

  async function become(args: string[]): Promise<string> {
    const [kind, scope] = args;
    if (kind === 'citizen') return 'citizen';
    if (kind === 'focal' && scope) {
      const agency = await deps.agencies.byCode(scope);
      if (!agency) throw new Error(`no agency with code ${scope} (see: npm run cli -- agencies list)`);
      const person = await deps.people.personForChat({ channel: 'console', chatId: `focal:${scope}`, name: `Đầu mối ${agency.name}`, language: 'vi', at: deps.now() });
      await deps.people.addRole(person.id, { kind: 'focal', agencyId: agency.id, province: null });
      return `focal:${scope}`;
    }
    if (kind === 'supervisor' && scope) {
      const person = await deps.people.personForChat({ channel: 'console', chatId: `supervisor:${scope}`, name: `Giám sát ${scope}`, language: 'vi', at: deps.now() });
      await deps.people.addRole(person.id, { kind: 'supervisor', agencyId: null, province: scope });
      return `supervisor:${scope}`;
    }
    throw new Error('usage: /as citizen | /as focal <agency code> | /as supervisor <province code or *>');
  }

  async function onLine(line: string): Promise<void> {
    const text = line.trim();
    if (!text) return;
    if (text.startsWith('/as')) {
      chatId = await become(text.split(/\s+/).slice(1));
      return write(`(now chatting as ${chatId})`);
    }
    const pressed = /^\d+$/.test(text) ? lastButtons[Number(text) - 1] : undefined;
    const replies = await deps.conversation.handle({ channel: 'console', chatId, name: chatId, ...(pressed ? { data: pressed.data } : { text }) });
    for (const r of replies) show(r);
    await deps.conversation.written();
  }

  const sender: ChannelSender = {
    channel: 'console',
    async send(to, message) {
      show(message, to);
    },
  };

  return {
    sender,
    start(onClose: () => void): void {
      write('Console chat. /help for commands; /as citizen | /as focal <agency code> | /as supervisor <province|*> to switch; Ctrl+D to quit.');
      const rl = createInterface({ input: deps.input ?? process.stdin, terminal: false });
      let queue = Promise.resolve();
      rl.on('line', (line) => {
        queue = queue.then(() => onLine(line)).catch((e: unknown) => write(`! ${(e as Error).message}`));
      });
      rl.on('close', () => void queue.then(onClose));
    },
    handleLine: onLine,
  };
}
