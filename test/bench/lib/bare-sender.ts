// The bare peer of a sending benchmark: the same sendMessage bodies posted straight to the same Bot API server, as
// many at a time as the service sends, with nothing else around them. What it reaches is what the server can take:
// the service's figure is its own only while it stays well under this one.
import { Agent, request } from 'node:http';

/** A sendMessage body: chat_id, text and whatever else the service's carry (reply_markup). */
export type BareSend = Record<string, unknown>;

/** Posts every message once, `concurrency` at a time, over kept-alive connections; returns messages a second. */
export async function bareSend(apiRoot: string, messages: readonly BareSend[], concurrency: number): Promise<number> {
  const agent = new Agent({ keepAlive: true });
  const url = new URL('./botbare/sendMessage', apiRoot);
  const post = (m: BareSend) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(m);
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`bare sender: HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < messages.length) await post(messages[next++]!);
  }));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return messages.length / seconds;
}
