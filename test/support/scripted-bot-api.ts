import { createServer, type Server, type ServerResponse } from 'node:http';
import { freePort } from './telegram-emulator.js';

export interface ScriptedReply {
  status: number;
  body: Record<string, unknown>;
  /**
   * No answer at all: the request is held open until the client gives up (or the server stops). `taken`: the platform
   * delivered the message before going silent, so the person has it (recorded as 200); `lost`: it never got that far.
   */
  hang?: 'taken' | 'lost';
}

export const ok = (): ScriptedReply => ({ status: 200, body: { ok: true, result: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: '' } } });
export const tooMany = (retryAfter: number): ScriptedReply => ({ status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } } });
export const blocked = (): ScriptedReply => ({ status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } });
export const hang = (as: 'taken' | 'lost'): ScriptedReply => ({ ...ok(), hang: as });
export const serverError = (): ScriptedReply => ({ status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } });

/**
 * A Bot API server whose answers to sendMessage a test scripts per chat
 * (telegram-test-api always succeeds and enforces no limits).
 */
export async function startScriptedBotApi() {
  const scripts = new Map<string, ScriptedReply[]>();
  const calls: { chatId: string; text: string; at: number; status: number; hung?: boolean }[] = [];
  const held = new Set<ServerResponse>();
  const uploads: Upload[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void answer(Buffer.concat(chunks)));
    async function answer(raw: Buffer): Promise<void> {
      const type = req.headers['content-type'] ?? '';
      if (type.startsWith('multipart/form-data')) {
        uploads.push(await readUpload(req.url ?? '', type, raw));
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify(ok().body));
      }
      const body = raw.length ? (JSON.parse(raw.toString('utf8')) as { chat_id?: string | number; text?: string }) : {};
      const chatId = String(body.chat_id ?? '');
      const reply = req.url?.endsWith('/sendMessage') ? (scripts.get(chatId)?.shift() ?? ok()) : ok();
      if (req.url?.endsWith('/sendMessage')) calls.push({ chatId, text: String(body.text ?? ''), at: performance.now(), status: reply.hang === 'lost' ? 0 : reply.status, ...(reply.hang ? { hung: true } : {}) });
      if (reply.hang) {
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    /** Files sent with sendDocument / sendPhoto, as the server received them. */
    uploads,
    script(chatId: string, replies: ScriptedReply[]): void {
      scripts.set(chatId, replies);
    },
    /** Requests held open by a scripted hang, not yet given up by their client. */
    hanging: () => held.size,
    /** Drops the connections of the hanging requests, as a network would: their clients see an error. */
    async drop(): Promise<void> {
      for (const res of held) res.destroy();
    },
    stop: () => {
      for (const res of held) res.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A file upload (sendDocument, sendPhoto) as it arrived over HTTP. */
export interface Upload {
  method: string;
  chatId: string;
  /** The form field holding the file: `document` or `photo`. */
  field: string;
  filename: string;
  mime: string;
  data: Buffer;
}

// The multipart body is parsed by the platform's own Fetch implementation, not by hand.
async function readUpload(url: string, contentType: string, raw: Buffer): Promise<Upload> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const method = url.split('/').pop() ?? '';
  const field = ['document', 'photo'].find((f) => form.get(f) instanceof Blob) ?? '';
  const file = form.get(field) as File;
  return { method, chatId: String(form.get('chat_id') ?? ''), field, filename: file.name, mime: file.type, data: Buffer.from(await file.arrayBuffer()) };
}
