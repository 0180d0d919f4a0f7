import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A webhook's body as text, read up to `maxBytes`: a larger one is not the platform's and is refused (413, the
 * connection dropped) before it fills memory; undefined then.
 */
export async function readBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > maxBytes) {
      res.writeHead(413).end();
      req.destroy();
      return undefined;
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
