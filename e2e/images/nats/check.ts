import * as http from 'http';
import * as net from 'net';
import { AppCheck, assert, portOf, resolveMember, waitOrFail } from '../../checks';
import { Pod } from '../../pod';

/**
 * A client of the NATS text protocol, enough for JetStream's request/reply API: it
 * connects, answers the server's PINGs and sends requests to an inbox it subscribes to.
 */
class NatsClient {
  /** A client connected to `host:port`, or a failure after `timeoutMs`. */
  public static connect(host: string, port: number, timeoutMs = 5000): Promise<NatsClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no connection to NATS at ${host}:${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', error => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.write('CONNECT {"verbose":false,"pedantic":false,"headers":true,"no_responders":true}\r\nSUB _INBOX.e2e.* 1\r\n');
        resolve(new NatsClient(socket));
      });
    });
  }

  private buffer = '';
  private readonly waiting = new Map<string, (payload: string) => void>();
  private next = 0;

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', chunk => this.receive(chunk.toString('utf8')));
    // A connection that fails later leaves requests to their timeouts, and the process running.
    socket.on('error', () => socket.destroy());
  }

  /** The reply to one request, or a failure after `timeoutMs` (also for "no responders"). */
  public request(subject: string, payload: string, timeoutMs = 5000): Promise<string> {
    const inbox = `_INBOX.e2e.${this.next++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(inbox);
        reject(new Error(`no reply to ${subject} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(inbox, reply => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.socket.write(`PUB ${subject} ${inbox} ${Buffer.byteLength(payload)}\r\n${payload}\r\n`);
    });
  }

  public close(): void {
    this.socket.destroy();
  }

  /** MSG and HMSG (a header-only reply: no responders) to an inbox; PING answered. */
  private receive(text: string): void {
    this.buffer += text;
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end < 0) {
        return;
      }
      const line = this.buffer.slice(0, end).split(' ');
      if (line[0] === 'MSG' || line[0] === 'HMSG') {
        const total = Number(line[line.length - 1]);
        const headers = line[0] === 'HMSG' ? Number(line[line.length - 2]) : 0;
        const body = Buffer.from(this.buffer.slice(end + 2));
        if (body.length < total + 2) {
          return;
        }
        this.buffer = body.subarray(total + 2).toString('utf8');
        const payload = body.subarray(headers, total).toString('utf8');
        this.waiting.get(line[1])?.(headers > 0 && payload === '' ? '{"error":{"description":"no responders"}}' : payload);
        this.waiting.delete(line[1]);
        continue;
      }
      this.buffer = this.buffer.slice(end + 2);
      if (line[0] === 'PING') {
        this.socket.write('PONG\r\n');
      }
    }
  }
}

function getJson(host: string, port: number, urlPath: string): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host, port, path: urlPath, timeout: 3000 }, response => {
      let body = '';
      response.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      response.on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer from ${host}:${port}${urlPath}`)));
    request.on('error', reject);
  });
}

/** A JetStream API call through `client` until it answers without an error (the cluster may still elect). */
async function jsApi(client: NatsClient, what: string, subject: string, body: object,
  until: (reply: Record<string, any>) => boolean): Promise<Record<string, any>> {
  let reply: Record<string, any> = {};
  await waitOrFail(what, 60_000, async () => {
    const answer = await client.request(subject, JSON.stringify(body))
      .catch(error => JSON.stringify({ error: { description: (error as Error).message } }));
    reply = JSON.parse(answer);
    return reply.error === undefined && until(reply);
  }, 1000, () => JSON.stringify(reply));
  return reply;
}

/**
 * NATS: every server reports a route to each other member (by the DNS names of its
 * config); a stream with 3 replicas created through the first member has every member
 * as a current replica, and a message published through the first member is read
 * through the last.
 */
export const check: AppCheck = {
  async formed(ctx) {
    const pods = ctx.controller.pods;
    const clientPort = portOf(ctx.container, 'client', 4222);
    const monitorPort = portOf(ctx.container, 'monitor', 8222);
    const routes = new Map<Pod, number>();
    await waitOrFail('every NATS server to report a route to each other member', 60_000, async () => {
      for (const pod of pods) {
        const routez = await getJson(await resolveMember(ctx, pod), monitorPort, '/routez').catch(() => ({ num_routes: -1 }));
        routes.set(pod, Number(routez.num_routes));
      }
      return [...routes.values()].every(n => n === pods.length - 1);
    }, 1000, () => pods.map(p => `${p.name} ${routes.get(p)} routes`).join(', '));
    const configured = (await getJson(pods[0].ip, monitorPort, '/varz')).cluster?.urls as string[] | undefined;
    assert((configured ?? []).length === pods.length && configured!.every(url => net.isIP(url.split(':')[0]) === 0),
      `${pods[0].name}'s routes are not the members' DNS names: ${JSON.stringify(configured)}`);

    const clients: NatsClient[] = [];
    try {
      const first = await NatsClient.connect(await resolveMember(ctx, pods[0]), clientPort);
      clients.push(first);
      const last = await NatsClient.connect(await resolveMember(ctx, pods[pods.length - 1]), clientPort);
      clients.push(last);
      const replicas = pods.length;
      await jsApi(first, `a stream with ${replicas} replicas created through ${pods[0].name}`, '$JS.API.STREAM.CREATE.E2E',
        { name: 'E2E', subjects: ['e2e.>'], num_replicas: replicas, storage: 'file' }, () => true);
      const info = await jsApi(last, `every member a current replica of the stream, seen through ${pods[replicas - 1].name}`,
        '$JS.API.STREAM.INFO.E2E', {},
        reply => reply.cluster?.leader !== undefined
          && (reply.cluster.replicas ?? []).filter((r: { current: boolean }) => r.current).length === replicas - 1);
      const ack = JSON.parse(await first.request('e2e.members', 'written through the first member'));
      assert(ack.stream === 'E2E' && ack.seq === 1, `${pods[0].name} did not store the message: ${JSON.stringify(ack)}`);
      const got = await jsApi(last, `the message read through ${pods[replicas - 1].name}`, '$JS.API.STREAM.MSG.GET.E2E', { seq: 1 },
        reply => typeof reply.message?.data === 'string');
      const data = Buffer.from(got.message.data, 'base64').toString('utf8');
      assert(data === 'written through the first member', `${pods[replicas - 1].name} read '${data}': ${JSON.stringify(got)}`);
      ctx.log(`NATS: every server has ${pods.length - 1} routes (to ${configured!.join(', ')}); stream E2E (leader ${info.cluster.leader}, ${replicas} replicas) `
        + `created and written through ${pods[0].name}, read through ${pods[replicas - 1].name}`);
    } finally {
      clients.forEach(client => client.close());
    }
  },
};
