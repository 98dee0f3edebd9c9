import { imageTable } from './images';

/** The Debian packages of the harness's own tools (ip, nsenter, unshare, setpriv, dnsmasq). */
export const HARNESS_PACKAGES: readonly string[] = ['iproute2', 'util-linux', 'dnsmasq-base'];

/** Every Debian package an e2e run needs: the harness's and every image's, each once, sorted. */
export function e2ePackages(): string[] {
  return [...new Set([...HARNESS_PACKAGES, ...imageTable().flatMap(image => image.packages)])].sort();
}

// `ts-node e2e/packages.ts` prints them on one line, for `apt-get install`.
if (require.main === module) {
  process.stdout.write(`${e2ePackages().join(' ')}\n`);
}
