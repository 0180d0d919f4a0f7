import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface HttpServerOptions {
  port: number;
  host: string;
  /** POST routes by path: the platforms' webhooks. */
  webhooks: Record<string, Handler>;
  /** True when the service can serve (its database answers). */
  healthy: () => Promise<boolean>;
  /** GET /files/… : report files linked from channels that cannot take documents. */
  files?: Handler;
  /** Zalo's domain-verification meta tag content, served on GET / and as Zalo's verifier file. */
  zaloVerification?: string;
  /** GET /metrics: the Prometheus exposition, or a rejection when a figure could not be read. */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  logger: Logger;
}

/**
 * An error as a webhook's log may show it: its kind and where it was thrown, never its message, which may quote the
 * body (a database's validation error does) and so a person's message.
 */
export function withoutMessage(e: unknown): string {
  const error = e instanceof Error ? e : new Error('non-error thrown');
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [`${error.name}${typeof code === 'string' ? ` ${code}` : ''}`, ...frames].join('\n');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The service's one HTTP server: webhooks, a health check for the load balancer, Zalo's domain verification. */
export async function startHttpServer(options: HttpServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const { logger } = options;
  const verificationPage = options.zaloVerification
    ? `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="zalo-platform-site-verification" content="${escapeHtml(options.zaloVerification)}" /><title>BHXH</title></head><body></body></html>`
    : undefined;

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://service').pathname;
    const webhook = options.webhooks[path];
    if (webhook) {
      if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
      return void webhook(req, res).catch((e: unknown) => {
        logger.error('webhook failed', { path, error: withoutMessage(e) });
        if (!res.headersSent) res.writeHead(500).end();
      });
    }
    if (req.method === 'GET' && options.files && path.startsWith('/files/')) {
      return void options.files(req, res).catch(() => !res.headersSent && res.writeHead(500).end());
    }
    if (req.method === 'GET' && path === '/health') {
      return void options.healthy().then(
        (ok) => res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' })),
        () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"unavailable"}'),
      );
    }
    if (req.method === 'GET' && options.metrics && path === '/metrics') {
      return void options.metrics().then(
        (m) => res.writeHead(200, { 'content-type': m.contentType, 'cache-control': 'no-store' }).end(m.body),
        // Nothing of the error goes out: it could name the database.
        (e: unknown) => {
          logger.error('metrics failed', { error: String((e as Error)?.message ?? e) });
          res.writeHead(503).end();
        },
      );
    }
    if (req.method === 'GET' && verificationPage && (path === '/' || path === `/zalo_verifier${options.zaloVerification}.html`)) {
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(verificationPage);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info('http server listening', { url, webhooks: Object.keys(options.webhooks) });
  return {
    url,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
