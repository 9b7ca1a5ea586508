/**
 * Starting the server: the API and the web app on one port, loopback unless told
 * otherwise. Failing to listen (port in use, no permission, unknown host) is a one-line
 * `HearsayError`, not a stack trace.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { HearsayError } from '../../core/errors.ts';
import { createApp, LOOPBACK_HOSTS, type AppOptions } from './app.ts';

export interface ServerOptions extends Omit<AppOptions, 'allowedHosts'> {
  port: number;
  host: string;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  server: Server;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function listenError(e: NodeJS.ErrnoException, host: string, port: number): HearsayError {
  switch (e.code) {
    case 'EADDRINUSE':
      return new HearsayError('BAD_ARGUMENT', `port ${port} on ${host} is already in use (another hearsay serve?); choose another with --port`);
    case 'EACCES':
      return new HearsayError('BAD_ARGUMENT', `no permission to listen on port ${port} (ports below 1024 need privileges); choose another with --port`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new HearsayError('BAD_ARGUMENT', `cannot listen on host ${JSON.stringify(host)}: not an address of this machine`);
    default:
      return new HearsayError('INTERNAL', `cannot listen on ${host}:${port}: ${e.message}`);
  }
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  // bound to loopback: refuse other Host headers (DNS rebinding); bound wider on purpose: any
  const loop = isLoopback(opts.host);
  const app = createApp({ ...opts, allowedHosts: loop ? [...LOOPBACK_HOSTS, opts.host] : null });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => reject(listenError(e, opts.host, opts.port));
    server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${opts.host === 'localhost' ? 'localhost' : shown}:${addr.port}/`;
  return {
    url,
    port: addr.port,
    host: opts.host,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
