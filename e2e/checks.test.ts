import { CheckContext, CheckFailure, ExtraMember, StepMembers, stepsCheck } from './checks';
import { Pod } from './pod';
import { RunResult } from './processes';

/** A member whose app answers commands with `answer(argv)`; it records what ran in it. */
function fakePod(ordinal: number, answer: (argv: readonly string[]) => RunResult): Pod & { ran: string[][] } {
  const ran: string[][] = [];
  const name = `demo-${ordinal}`;
  return {
    name,
    ordinal,
    ran,
    ip: `10.0.0.${ordinal + 1}`,
    fqdn: `${name}.demo.default.svc.cluster.local`,
    env: () => ({ TOKEN: 's3cret' }),
    exec: async (_container: string, argv: readonly string[]) => { ran.push([...argv]); return answer(argv); },
  } as unknown as Pod & { ran: string[][] };
}

function context(pods: Pod[]): CheckContext & { lines: string[] } {
  const lines: string[] = [];
  return {
    controller: { pods, waitReady: async () => undefined },
    container: { name: 'app', image: 'demo' },
    lines,
    log: (line: string) => lines.push(line),
  } as unknown as CheckContext & { lines: string[] };
}

const allMembers = (pods: readonly Pod[]) => ({ code: 0, stdout: `running: ${pods.map(p => `demo@${p.fqdn}`).join(' ')}\n`, stderr: '' });

/** `count` members, each listing every member of the returned list (members pushed later too) as running. */
function podsListingAll(count: number): Pod[] {
  const pods: Pod[] = [];
  for (let i = 0; i < count; i++) {
    pods.push(fakePod(i, () => allMembers(pods)));
  }
  return pods;
}

describe('stepsCheck', () => {
  test('runs each step in the members it names, with their placeholders filled', async () => {
    // GIVEN three members
    const pods: (Pod & { ran: string[][] })[] = [];
    for (const i of [0, 1, 2]) {
      pods.push(fakePod(i, () => ({ code: 0, stdout: '', stderr: '' })));
    }
    const check = stepsCheck({
      says: 'demo formed',
      extraMember: ExtraMember.READY,
      steps: [{ in: StepMembers.OTHERS, run: ['join', '{{first.fqdn}}', '{{pod.name}}', '{{env.TOKEN}}'], expect: [], timeoutSeconds: 1 }],
    });
    // WHEN the check runs
    await check.formed(context(pods));
    // THEN it ran in the others only, naming the first member, itself and the variable
    expect(pods.map(p => p.ran)).toEqual([[], [['join', 'demo-0.demo.default.svc.cluster.local', 'demo-1', 's3cret']], [['join', 'demo-0.demo.default.svc.cluster.local', 'demo-2', 's3cret']]]);
  });

  test('passes when the output matches a member pattern for every member', async () => {
    // GIVEN members that each list all of them as running
    const pods = podsListingAll(2);
    const ctx = context(pods);
    const check = stepsCheck({
      says: 'demo formed',
      extraMember: ExtraMember.READY,
      steps: [{ in: StepMembers.EACH, run: ['status'], expect: ['^running: .*demo@{{member.fqdn}}'], timeoutSeconds: 1 }],
    });
    // WHEN the check runs
    await check.formed(ctx);
    // THEN it logs what it proved
    expect(ctx.lines).toEqual(['demo formed (demo-0, demo-1)']);
  });

  test('fails naming the pattern a member\'s output does not match', async () => {
    // GIVEN a member that lists only itself
    const pods: Pod[] = [];
    pods.push(fakePod(0, () => allMembers(pods.slice(0, 1))));
    pods.push(fakePod(1, () => allMembers(pods)));
    const check = stepsCheck({
      says: 'demo formed',
      extraMember: ExtraMember.READY,
      steps: [{ in: StepMembers.EACH, run: ['status'], expect: ['demo@{{member.fqdn}}'], timeoutSeconds: 1 }],
    });
    // WHEN the check runs THEN it fails with the unmatched pattern and the output
    const failure = check.formed(context(pods));
    await expect(failure).rejects.toThrow(CheckFailure);
    await expect(failure).rejects.toThrow('timed out after 1 s waiting for \'status\' in demo-0: stdout does not match /demo@demo-1\\.demo\\.default\\.svc\\.cluster\\.local/:\nrunning: demo@demo-0.demo.default.svc.cluster.local');
  });

  test('fails naming the exit code of a command that fails', async () => {
    // GIVEN a member whose command fails
    const pods = [fakePod(0, () => ({ code: 2, stdout: '', stderr: 'not running\n' }))];
    const check = stepsCheck({
      says: 'demo formed',
      extraMember: ExtraMember.READY,
      steps: [{ in: StepMembers.FIRST, run: ['status'], expect: [], timeoutSeconds: 1 }],
    });
    // WHEN the check runs THEN it fails with the exit code and the output
    await expect(check.formed(context(pods))).rejects.toThrow('timed out after 1 s waiting for \'status\' in demo-0: exit code 2:\nnot running');
  });

  test('with an extra member that joins, checks the cluster again with it', async () => {
    // GIVEN two members and a third past replicas
    const pods = podsListingAll(2);
    const ctx = context(pods);
    const check = stepsCheck({
      says: 'demo formed',
      extraMember: ExtraMember.JOINS,
      steps: [{ in: StepMembers.EACH, run: ['status'], expect: ['demo@{{member.fqdn}}'], timeoutSeconds: 1 }],
    });
    const extra = fakePod(2, () => allMembers(pods));
    pods.push(extra);
    // WHEN the extra member is checked
    await check.extraMember?.(ctx, extra);
    // THEN the steps ran in it too, and the log names all three
    expect(extra.ran).toEqual([['status']]);
    expect(ctx.lines).toEqual(['demo formed (demo-0, demo-1, demo-2)']);
  });
});
