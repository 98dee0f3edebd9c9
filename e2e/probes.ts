import * as http from 'http';
import * as net from 'net';

/** kubelet's TCP probe: success when a connection opens. */
export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
  });
}

/** kubelet's HTTP probe: success on a status from 200 to 399. */
export function httpProbe(host: string, port: number, urlPath: string, timeoutMs: number): Promise<boolean> {
  return new Promise(resolve => {
    const request = http.get({ host, port, path: urlPath, timeout: timeoutMs }, response => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve(status >= 200 && status < 400);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}
