import * as fs from 'fs';
import * as path from 'path';
import { AppCheck, assert, CheckContext, httpGet, portOf, resolveMember } from '../../checks';
import { Pod } from '../../pod';

/**
 * nginx: every member answers on its DNS name. Where a member's own volume holds the
 * image's pages (/usr/share/nginx/html), the check puts a page naming the member there
 * and expects that page back, which proves the name leads to that member and its storage.
 */
export const check: AppCheck = {
  async formed(ctx) {
    for (const pod of ctx.controller.pods) {
      await answersOnItsName(ctx, pod);
    }
  },

  async extraMember(ctx, pod) {
    await ctx.controller.waitReady(pod);
    await answersOnItsName(ctx, pod);
  },
};

async function answersOnItsName(ctx: CheckContext, pod: Pod): Promise<void> {
  const docroot = (ctx.container.volumeMounts ?? []).find(m => m.mountPath === '/usr/share/nginx/html' && !m.subPath);
  const dir = docroot && pod.volumePath(docroot.name);
  if (dir) {
    fs.writeFileSync(path.join(dir, 'index.html'), `${pod.name}\n`, { mode: 0o644 });
  }
  const port = portOf(ctx.container, 'http', 8080);
  const response = await httpGet(await resolveMember(ctx, pod), port, pod.fqdn, 5000);
  assert(response.status === 200, `${pod.fqdn}:${port} answered ${response.status}`);
  const expected = dir ? `${pod.name}\n` : undefined;
  assert(expected === undefined ? response.body.includes('nginx') : response.body === expected,
    `${pod.fqdn}:${port} answered '${response.body.slice(0, 80)}', expected ${expected ? `'${expected.trim()}'` : 'the image\'s page'}`);
  ctx.log(`nginx: ${pod.name} answers on http://${pod.fqdn}:${port}/ with ${dir ? 'the page in its own volume' : 'the image\'s page'}`);
}
