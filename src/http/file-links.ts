import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';

export const FILES_PATH = '/files/';

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  png: 'image/png',
};

export interface FileLinks {
  /** Stores a file and returns a link to it that works for `ttlHours`. */
  publish(file: { filename: string; data: Buffer }): Promise<string>;
  /** GET /files/<token>/<name>. */
  handler(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/**
 * Report files for channels that cannot take a document (Zalo's customer-service messages): each file is kept
 * under a random 128-bit token and served by the service's HTTP server until it expires.
 */
export function createFileLinks(options: { dir: string; publicUrl: string; ttlHours: number; now: () => Date }): FileLinks {
  const ttlMs = options.ttlHours * 3_600_000;
  const base = options.publicUrl.replace(/\/+$/, '');
  const expired = (mtime: Date) => options.now().getTime() - mtime.getTime() > ttlMs;

  async function sweep(): Promise<void> {
    const entries = await readdir(options.dir).catch(() => [] as string[]);
    for (const token of entries) {
      const info = await stat(join(options.dir, token)).catch(() => undefined);
      if (info && expired(info.mtime)) await rm(join(options.dir, token), { recursive: true, force: true });
    }
  }

  return {
    async publish(file) {
      await sweep();
      const token = randomBytes(16).toString('base64url');
      const name = basename(file.filename);
      await mkdir(join(options.dir, token), { recursive: true });
      await writeFile(join(options.dir, token, name), file.data);
      return `${base}${FILES_PATH}${token}/${encodeURIComponent(name)}`;
    },
    async handler(req, res) {
      const m = /^\/files\/([A-Za-z0-9_-]{22})\/([^/]+)$/.exec(new URL(req.url ?? '/', 'http://service').pathname);
      const name = m ? basename(decodeURIComponent(m[2]!)) : '';
      const path = m ? join(options.dir, m[1]!, name) : '';
      const info = path ? await stat(path).catch(() => undefined) : undefined;
      if (!info?.isFile()) return void res.writeHead(404).end();
      if (expired(info.mtime)) return void res.writeHead(410).end();
      res.writeHead(200, {
        'content-type': TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
        'content-length': info.size,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
        'cache-control': 'private, no-store',
      });
      createReadStream(path).pipe(res);
    },
  };
}
