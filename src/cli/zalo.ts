import type { TFunction } from 'i18next';
import type { App } from '../app.js';
import { formatLocalDateTime } from '../domain/calendar/local-time.js';
import type { CliIo } from './io.js';

/**
 * Reads one secret line from stdin: piped (`… | npm run cli -- zalo set-refresh-token`) or typed at a terminal
 * with nothing echoed, so the token never lands in the shell history or on screen.
 */
export async function readSecret(prompt: string, write: (s: string) => void, stdin: CliIo['stdin']): Promise<string> {
  if (!stdin.isTTY) {
    let raw = '';
    for await (const chunk of stdin) raw += String(chunk);
    return raw.split(/\r?\n/)[0]?.trim() ?? '';
  }
  write(prompt);
  stdin.setRawMode?.(true);
  stdin.resume();
  let typed = '';
  try {
    for await (const chunk of stdin) {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return typed.trim();
        if (ch === '\u0003') throw new Error('cancelled');
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    }
    return typed.trim();
  } finally {
    stdin.setRawMode?.(false);
    stdin.pause();
    write('\n');
  }
}

/** Stores the OA's first refresh token (or a new one after a lock-out); the service refreshes it from then on. */
export async function setRefreshToken(app: App, t: TFunction, io: CliIo): Promise<number> {
  const token = await readSecret(t('cli:zalo.prompt'), (s) => process.stderr.write(s), io.stdin);
  if (!/^[A-Za-z0-9_.-]{16,}$/.test(token)) {
    io.err(t('cli:zalo.badToken'));
    return 2;
  }
  await app.repos.channelTokens.setRefreshToken('zalo', token);
  io.out(t('cli:zalo.stored'));
  return 0;
}

/** Whether the OA has tokens and until when, without printing either. */
export async function tokenStatus(app: App, t: TFunction, io: { out: (s: string) => void }): Promise<number> {
  const row = await app.repos.channelTokens.get('zalo');
  if (!row) {
    io.out(t('cli:zalo.none'));
    return 1;
  }
  const local = (d: Date | null) => (d ? formatLocalDateTime(d) : '—');
  io.out(t('cli:zalo.status', { access: local(row.accessExpiresAt), refreshing: local(row.refreshingUntil) }));
  return 0;
}
