import { createServer, type Server } from 'node:http';
import { freePort } from './telegram-emulator.js';

export interface ScriptedReply {
  status: number;
  body: Record<string, unknown>;
}

export const ok = (): ScriptedReply => ({ status: 200, body: { ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: '' } } });
export const tooMany = (retryAfter: number): ScriptedReply => ({ status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } } });
export const blocked = (): ScriptedReply => ({ status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } });
export const serverError = (): ScriptedReply => ({ status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } });

/**
 * A Bot API server whose answers to sendMessage a test scripts per chat
 * (telegram-test-api always succeeds and enforces no limits).
 */
export async function startScriptedBotApi() {
  const scripts = new Map<string, ScriptedReply[]>();
  const calls: { chatId: string; text: string; at: number; status: number }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as { chat_id?: string | number; text?: string }) : {};
      const chatId = String(body.chat_id ?? '');
      const reply = req.url?.endsWith('/sendMessage') ? (scripts.get(chatId)?.shift() ?? ok()) : ok();
      if (req.url?.endsWith('/sendMessage')) calls.push({ chatId, text: String(body.text ?? ''), at: performance.now(), status: reply.status });
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    script(chatId: string, replies: ScriptedReply[]): void {
      scripts.set(chatId, replies);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
