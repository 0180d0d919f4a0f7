import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { TelegramError } from 'telegraf';
import { ChannelError } from '../messaging/sender.js';

/**
 * JSON calls to the Bot API over kept-alive connections, for the calls that send text. telegraf's own client goes
 * through node-fetch, which costs about twice the CPU of a plain request per call: at thousands of messages a
 * second that is the service's largest cost. Failures are telegraf's (`TelegramError` for anything the API answered,
 * the network's error otherwise), so callers cannot tell the two clients apart; a success resolves with nothing.
 */
export function createBotApiClient(token: string, apiRoot = 'https://api.telegram.org', timeoutMs = 5_000) {
  const root = new URL(apiRoot);
  const secure = root.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true, keepAliveMsecs: 10_000 }) : new HttpAgent({ keepAlive: true, keepAliveMsecs: 10_000 });
  const request = secure ? httpsRequest : httpRequest;
  // The address as telegraf makes it, once per method.
  const paths = new Map<string, string>();
  const pathOf = (method: string) => paths.get(method) ?? paths.set(method, new URL(`./bot${token}/${method}`, apiRoot).pathname).get(method)!;
  const hostname = root.hostname.replace(/^\[|\]$/g, ''); // an IPv6 address without its brackets
  const port = root.port;

  /** One call whose result is not needed (a message sent): it resolves once the Bot API has said ok. */
  function send(method: string, payload: Record<string, unknown>): Promise<void> {
    return attempt(method, payload, JSON.stringify(payload, (_key, value: unknown) => value ?? undefined), true);
  }

  function attempt(method: string, payload: Record<string, unknown>, body: string, first: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const req = request({ hostname, port, path: pathOf(method), method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          clearTimeout(timer);
          try {
            const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
            // The sent message comes back whole, and nothing here reads it: an answer that says ok first is not parsed.
            if (res.statusCode === 200 && raw.subarray(0, OK.length).equals(OK)) resolve();
            else resolve(void answerOf(res, raw.toString('utf8'), method, payload));
          } catch (e) {
            reject(e);
          }
        });
      });
      // A call that hangs is abandoned at its own limit, counted from when it leaves, and fails as a server error does
      // (the outbox retries it), holding only its own chat meanwhile.
      let late: ChannelError | undefined;
      const timer = setTimeout(() => req.destroy((late = new ChannelError('temporary', `Telegram did not answer ${method} within ${timeoutMs} ms`))), timeoutMs);
      // The network's own message: it names the host, never the path that holds the token.
      req.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        // A kept-alive connection the server closed as idle just as it was taken again: the request never reached
        // it (Node's documentation advises this retry), so it goes once more, on a new connection.
        if (first && !late && req.reusedSocket && e.code === 'ECONNRESET') return resolve(attempt(method, payload, body, false));
        reject(late ?? new Error(`Bot API ${method}: ${e.message}`, { cause: e }));
      });
      req.end(body);
    });
  }

  return { send };
}

/** How the Bot API's answer to a call that went well begins. */
const OK = Buffer.from('{"ok":true,');

function answerOf<T>(res: IncomingMessage, raw: string, method: string, payload: Record<string, unknown>): T {
  const status = res.statusCode ?? 0;
  if (status >= 500) throw new TelegramError({ error_code: status, description: res.statusMessage ?? String(status) }, { method, payload });
  let data: { ok: boolean; result?: T; error_code?: number; description?: string; parameters?: object };
  try {
    data = JSON.parse(raw) as typeof data;
  } catch {
    throw new Error(`Bot API ${method}: HTTP ${status} with an answer that is not JSON`);
  }
  if (!data.ok) throw new TelegramError({ ...data, error_code: data.error_code ?? status, description: data.description ?? '' }, { method, payload });
  return data.result as T;
}

export type BotApiClient = ReturnType<typeof createBotApiClient>;
