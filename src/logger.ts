import { DateTime } from 'luxon';
import pino from 'pino';
import { ZONE } from './domain/calendar/local-time.js';

export type Level = 'debug' | 'info' | 'warn' | 'error';
type LogFn = (message: string, fields?: Record<string, unknown>) => void;
export type Logger = Record<Level, LogFn> & { child(bindings: Record<string, unknown>): Logger };

// Bot tokens travel in Telegram URLs ("/bot123:ABC/sendMessage"): scrub anything shaped like one.
const TOKEN = /\d{6,12}:[A-Za-z0-9_-]{30,}/g;
// Zalo's tokens change every day, so they cannot be listed up front: scrub them wherever a field names them.
const TOKEN_NAMES = ['access_token', 'refresh_token', 'secret_key', 'accessToken', 'refreshToken'];
const NAMED_TOKEN = new RegExp(`((?:${TOKEN_NAMES.join('|')})\\\\?"?\\s*[:=]\\s*\\\\?"?)[^"\\\\&\\s,}]+`, 'gi');
export function redact(text: string, secrets: string[] = []): string {
  let out = text.replace(TOKEN, '[redacted]').replace(NAMED_TOKEN, '$1[redacted]');
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  return out;
}

export function createLogger(options: { level: Level; secrets?: string[]; write?: (line: string) => void }): Logger {
  const write = options.write;
  // Sync, so the lines written just before a crash are not lost.
  const destination = write ? { write: (line: string) => write(line.replace(/\n$/, '')) } : pino.destination({ dest: 2, sync: true });
  const root = pino(
    {
      level: options.level,
      base: undefined,
      messageKey: 'message',
      // The Vietnamese clock with its offset, as everywhere else the service shows a time.
      timestamp: () => `,"time":"${DateTime.now().setZone(ZONE).toISO()}"`,
      formatters: { level: (label) => ({ level: label }) },
      // Field paths catch non-string values (an object under access_token); the line scrub below catches the rest.
      redact: { paths: TOKEN_NAMES.flatMap((n) => [n, `*.${n}`]), censor: '[redacted]' },
      // On the finished line, so tokens and secrets are scrubbed wherever they ended up: message, nested field, error text.
      hooks: { streamWrite: (line) => redact(line, options.secrets) },
    },
    destination,
  );
  return wrap(root);
}

function wrap(p: pino.Logger): Logger {
  const log = (level: Level): LogFn => (message, fields) => (fields ? p[level](fields, message) : p[level](message));
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: (bindings) => wrap(p.child(bindings)) };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => silentLogger };
