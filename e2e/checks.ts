import { promises as dns } from 'dns';
import * as http from 'http';
import * as net from 'net';
import { CLUSTER_DOMAIN, Container, Service } from './manifest';
import { Pod } from './pod';
import { RunResult, waitFor } from './processes';
import { StatefulSetController } from './statefulset';

/** What a cluster check works with: the StatefulSet's members and the test's DNS. */
export interface CheckContext {
  readonly controller: StatefulSetController;
  /** Every StatefulSet of the example, this one's included (a chart's primary and replicas are two). */
  readonly controllers: readonly StatefulSetController[];
  /** The container that runs the app. */
  readonly container: Container;
  readonly resolver: dns.Resolver;
  /** The Services of the example. */
  readonly services: readonly Service[];
  log(line: string): void;
}

/** How an app proves it formed its cluster, and what it does with a member past `replicas`. */
export interface AppCheck {
  formed(ctx: CheckContext): Promise<void>;
  /** A member that starts with the template identity only; without this, it must become Ready. */
  extraMember?(ctx: CheckContext, pod: Pod): Promise<void>;
}

export class CheckFailure extends Error {}

/**
 * Waits as `waitFor` does; when it times out, fails the check with what was last seen
 * (`seen`, read then), so that the failure says how far the cluster got.
 */
export async function waitOrFail(what: string, timeoutMs: number, check: () => Promise<boolean> | boolean, intervalMs: number,
  seen: () => string): Promise<void> {
  await waitFor(what, timeoutMs, check, intervalMs).catch(error => {
    throw new CheckFailure(`${(error as Error).message}: ${seen()}`);
  });
}

/** The check of an app whose member past `replicas` joins the cluster: once it is Ready, the cluster is checked again with it. */
export function joinsWhenReady(formed: (ctx: CheckContext) => Promise<void>): AppCheck {
  return {
    formed,
    async extraMember(ctx, pod) {
      await ctx.controller.waitReady(pod);
      await formed(ctx);
    },
  };
}

export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new CheckFailure(message);
  }
}

/** The container port of this name, or the first one, or the app's usual port. */
export function portOf(container: Container, name: string, fallback: number): number {
  const ports = container.ports ?? [];
  return (ports.find(p => p.name === name) ?? ports[0])?.containerPort ?? fallback;
}

/** Resolves a member's DNS name through the test's DNS and checks it is the member's address. */
export async function resolveMember(ctx: CheckContext, pod: Pod): Promise<string> {
  const addresses = await ctx.resolver.resolve4(pod.fqdn);
  assert(addresses.length === 1 && addresses[0] === pod.ip, `${pod.fqdn} resolves to ${addresses.join(', ')}, not to ${pod.name}'s address ${pod.ip}`);
  return addresses[0];
}

/**
 * Resolves a name as a pod's resolver does with the cluster search path and `ndots:5`: a
 * name with fewer than five dots is tried in the pod's namespace, `svc` and the cluster
 * domain first, then as it is.
 */
export async function resolveFromPod(ctx: CheckContext, name: string, namespace: string): Promise<string[]> {
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN].map(domain => `${name}.${domain}`);
  const candidates = name.split('.').length - 1 < 5 ? [...search, name] : [name, ...search];
  for (const candidate of candidates) {
    const addresses = await ctx.resolver.resolve4(candidate).catch(() => []);
    if (addresses.length > 0) {
      return addresses;
    }
  }
  return [];
}

/** Sends a line to a TCP port and reads until the server closes, or `timeoutMs` passes. */
export function tcpExchange(host: string, port: number, send: string, timeoutMs: number, until?: (received: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = net.connect({ host, port }, () => socket.write(send));
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no complete answer from ${host}:${port} within ${timeoutMs} ms (got '${received}')`));
    });
    socket.on('data', chunk => {
      received += chunk.toString();
      if (until?.(received)) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
}

export function httpGet(address: string, port: number, hostHeader: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: address, port, path: '/', headers: { Host: hostHeader }, timeout: timeoutMs }, response => {
      let body = '';
      response.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`no answer from ${hostHeader} within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

/** Reads `key=value` lines (ini files, INFO output) into a map; the last value of a key wins. */
export function keyValues(text: string, separator: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(separator);
    if (at > 0 && !line.trimStart().startsWith('#')) {
      values.set(line.slice(0, at).trim(), line.slice(at + separator.length).trim());
    }
  }
  return values;
}


/** Which members a step of a data check runs in. */
export enum StepMembers {
  EACH = 'each',
  FIRST = 'first',
  OTHERS = 'others',
}

/** What a member past `replicas` does under a data check. */
export enum ExtraMember {
  /** It becomes Ready (the harness's default). */
  READY = 'ready',
  /** It becomes Ready, then every step passes again with it counted as a member. */
  JOINS = 'joins',
}

/** One step of a data check: a command run in members' app container until its output matches. */
export interface CheckStep {
  readonly in: StepMembers;
  /** The command, with placeholders (see `PLACEHOLDERS`). */
  readonly run: readonly string[];
  /** Regular expressions the command's stdout must all match; with `{{member.*}}`, once per member. */
  readonly expect: readonly string[];
  /** How long the step may take in all, for every member it runs in. */
  readonly timeoutSeconds: number;
}

/** A cluster check written as data in an image's image.yaml. */
export interface StepsCheck {
  /** What the passed check proves, for the log. */
  readonly says: string;
  readonly steps: readonly CheckStep[];
  readonly extraMember: ExtraMember;
}

/**
 * The placeholders of a data check, `{{scope.field}}`: `pod` is the member the command runs
 * in, `first` the StatefulSet's first member, `member` (only in `expect`) every member in
 * turn, `env` a variable of the container's environment.
 */
const PLACEHOLDERS: Readonly<Record<string, readonly string[] | 'any'>> = {
  pod: ['name', 'fqdn', 'ip', 'ordinal'],
  first: ['name', 'fqdn', 'ip', 'ordinal'],
  member: ['name', 'fqdn', 'ip', 'ordinal'],
  env: 'any',
};

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** What is wrong with the placeholders of a text: unknown scopes or fields, or `member` where it is not allowed. */
export function placeholderProblems(text: string, memberAllowed: boolean): string[] {
  const problems: string[] = [];
  for (const [whole, scope, field] of text.matchAll(PLACEHOLDER)) {
    const fields = PLACEHOLDERS[scope];
    if (fields === undefined || (scope === 'member' && !memberAllowed)) {
      const scopes = Object.keys(PLACEHOLDERS).filter(s => s !== 'member' || memberAllowed);
      problems.push(`'${whole}': unknown scope '${scope}' (allowed: ${scopes.join(', ')})`);
    } else if (fields !== 'any' && !fields.includes(field)) {
      problems.push(`'${whole}': unknown field '${field}' (allowed: ${fields.join(', ')})`);
    }
  }
  return problems;
}

function memberFields(pod: Pod): Record<string, string> {
  return { name: pod.name, fqdn: pod.fqdn, ip: pod.ip, ordinal: String(pod.ordinal) };
}

function fill(text: string, scopes: Readonly<Record<string, Readonly<Record<string, string | undefined>>>>, escape: boolean): string {
  return text.replace(PLACEHOLDER, (_whole, scope: string, field: string) => {
    const value = scopes[scope]?.[field] ?? '';
    return escape ? value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : value;
  });
}

/** The patterns a step's output must match in `pod`: a pattern naming `{{member.*}}` once per member. */
function patternsFor(step: CheckStep, pod: Pod, pods: readonly Pod[], env: NodeJS.ProcessEnv): RegExp[] {
  const scopes = { pod: memberFields(pod), first: memberFields(pods[0]), env };
  return step.expect.flatMap(pattern => {
    const perMember = [...pattern.matchAll(PLACEHOLDER)].some(([, scope]) => scope === 'member');
    const members = perMember ? pods : [pod];
    return members.map(member => new RegExp(fill(pattern, { ...scopes, member: memberFields(member) }, true), 'm'));
  });
}

/** The longest one try of a step's command may take. */
const STEP_TRY_TIMEOUT_MS = 30_000;

async function runStep(ctx: CheckContext, step: CheckStep): Promise<void> {
  const pods = ctx.controller.pods;
  const targets = step.in === StepMembers.FIRST ? pods.slice(0, 1) : step.in === StepMembers.OTHERS ? pods.slice(1) : pods;
  const deadline = Date.now() + step.timeoutSeconds * 1000;
  for (const pod of targets) {
    const leftMs = Math.max(1000, deadline - Date.now());
    const env = pod.env(ctx.container.name);
    const argv = step.run.map(arg => fill(arg, { pod: memberFields(pod), first: memberFields(pods[0]), env }, false));
    const patterns = patternsFor(step, pod, pods, env);
    let result: RunResult = { code: null, stdout: '', stderr: '' };
    let unmatched: RegExp[] = [];
    await waitOrFail(`'${argv.join(' ')}' in ${pod.name}`, leftMs, async () => {
      result = await pod.exec(ctx.container.name, argv, Math.min(STEP_TRY_TIMEOUT_MS, leftMs))
        .catch(error => ({ code: null, stdout: '', stderr: (error as Error).message }));
      unmatched = patterns.filter(pattern => !pattern.test(result.stdout));
      return result.code === 0 && unmatched.length === 0;
    }, 1000, () => {
      const why = result.code !== 0 ? `exit code ${result.code}` : `stdout does not match ${unmatched.map(p => `/${p.source}/`).join(', ')}`;
      return `${why}:\n${result.stdout}${result.stderr}`;
    });
  }
}

/** The cluster check an image.yaml writes as steps. */
export function stepsCheck(spec: StepsCheck): AppCheck {
  const formed = async (ctx: CheckContext) => {
    for (const step of spec.steps) {
      await runStep(ctx, step);
    }
    ctx.log(`${spec.says} (${ctx.controller.pods.map(p => p.name).join(', ')})`);
  };
  return spec.extraMember === ExtraMember.READY ? { formed } : joinsWhenReady(formed);
}
