export type Level = 'debug' | 'info' | 'warn' | 'error';
export type Logger = Record<Level, (message: string, fields?: Record<string, unknown>) => void>;

const order: Level[] = ['debug', 'info', 'warn', 'error'];

// Bot tokens travel in Telegram URLs ("/bot123:ABC/sendMessage"): scrub anything shaped like one.
const TOKEN = /\d{6,12}:[A-Za-z0-9_-]{30,}/g;
// Zalo's tokens change every day, so they cannot be listed up front: scrub them wherever a field names them.
const NAMED_TOKEN = /((?:access_token|refresh_token|secret_key|accessToken|refreshToken)\\?"?\s*[:=]\s*\\?"?)[^"\\&\s,}]+/gi;
export function redact(text: string, secrets: string[] = []): string {
  let out = text.replace(TOKEN, '[redacted]').replace(NAMED_TOKEN, '$1[redacted]');
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  return out;
}

export function createLogger(options: { level: Level; secrets?: string[]; write?: (line: string) => void }): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const min = order.indexOf(options.level);
  const log = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(level) < min) return;
    write(redact(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }), options.secrets));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
