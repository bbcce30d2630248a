/**
 * Regression: "socket hang up" right after the 100 MB import test in CI. The host closes a
 * kept-alive connection after 5 s idle; after a long request its delayed close crossed the
 * test client's next request on that socket, and the request failed although the host was
 * fine. The test client now resends a request that failed on a reused socket before any
 * answer, as browsers do (Node's documented `request.reusedSocket` pattern).
 */
import net from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createHostClient } from './hostProcess';

let server: net.Server | undefined;

afterEach(() => server?.close());

/**
 * Answers the first request on a connection with keep-alive, and closes a connection that
 * brings a second request without answering it: the crossing the host's idle close causes.
 */
async function serverThatClosesKeptAliveSockets(): Promise<number> {
  server = net.createServer((socket) => {
    let requests = 0;
    socket.on('data', (chunk) => {
      if (!chunk.toString('latin1').startsWith('POST ')) return;
      requests++;
      if (requests > 1) return socket.destroy();
      const body = '{"ok":true,"value":[]}';
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n${body}`,
      );
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

it('resends a request whose kept-alive socket the host closed meanwhile (was: socket hang up)', async () => {
  const client = createHostClient(await serverThatClosesKeptAliveSockets(), '0'.repeat(64));
  try {
    expect(await client.call('committees:list', {})).toEqual({ ok: true, value: [] });
    expect(await client.call('committees:list', {})).toEqual({ ok: true, value: [] });
  } finally {
    client.close();
  }
});
