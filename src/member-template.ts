import { TEMPLATE_INSTRUCTIONS as I } from './ground/member-config';
import { Problems, show } from './ground/problems';

/**
 * One part of a member template: literal text, or a value of the member's own identity
 * that the member computes when it starts.
 */
export class MemberValue {
  /**
   * Text, written byte for byte: `$`, backticks, quotes, braces and backslashes need no escaping.
   */
  public static text(value: string): MemberValue {
    return new MemberValue(value.split('\n').map(line => line === '' ? [] : [`${I.text} ${line}`])
      .reduce((lines, line, i) => i === 0 ? line : [...lines, I.newline, ...line], []));
  }

  /**
   * The member's ordinal plus `offset` (ZooKeeper's `myid` is the ordinal plus 1, Kafka's
   * `node.id` the ordinal itself).
   *
   * @param offset added to the ordinal, an integer
   */
  public static ordinal(offset: number = 0): MemberValue {
    return new MemberValue([`${I.ordinal} ${offset}`], undefined, offset);
  }

  /** The member's pod name, `<name>-<ordinal>`. */
  public static podName(): MemberValue {
    return new MemberValue([I.podName]);
  }

  /** The member's own DNS name, `<pod>.<serviceName>.<namespace>.svc.<clusterDomain>`. */
  public static podFqdn(): MemberValue {
    return new MemberValue([I.podFqdn]);
  }

  /** The headless Service's DNS name, `<serviceName>.<namespace>.svc.<clusterDomain>`. */
  public static serviceDomain(): MemberValue {
    return new MemberValue([I.serviceDomain]);
  }

  /** The namespace the member runs in. */
  public static namespace(): MemberValue {
    return new MemberValue([I.namespace]);
  }

  /** The member's pod IP address, which changes when the pod is recreated. */
  public static podIp(): MemberValue {
    return new MemberValue([I.podIp]);
  }

  /**
   * The content of another config file of the member (a shared, per-member or default
   * file, not a template): how a template includes what differs between members.
   *
   * @param name the name of the file
   */
  public static file(name: string): MemberValue {
    return new MemberValue([`${I.file} ${name}`], name);
  }

  private constructor(
    private readonly recipe: string[],
    private readonly file?: string,
    private readonly offset?: number) {}

  /**
   * The recipe lines of this part (the format of `TEMPLATE_INSTRUCTIONS`).
   * @internal
   */
  public _toRecipe(): string[] {
    return this.recipe;
  }

  /**
   * The file this part includes, if any.
   * @internal
   */
  public get _file(): string | undefined {
    return this.file;
  }

  /**
   * Reports what cannot be rendered.
   * @internal
   */
  public _check(problems: Problems, property: string): void {
    if (this.offset !== undefined) {
      problems.check(Number.isInteger(this.offset) && Math.abs(this.offset) <= 2147483647, property,
        `has an ordinal offset that must be an integer from -2147483647 to 2147483647, got ${show(this.offset)}`);
    }
  }
}

/**
 * The content of a config file that every member computes from its own identity when it
 * starts, including a member the YAML does not know (added by `kubectl scale`). There is
 * no placeholder syntax to escape and no shell to write: the content is a list of parts,
 * text and member values.
 *
 * ```ts
 * MemberTemplate.of(
 *   MemberValue.text('node.id='), MemberValue.ordinal(), MemberValue.text('\n'),
 *   MemberValue.text('advertised.listeners=PLAINTEXT://'), MemberValue.podFqdn(), MemberValue.text(':9092\n'),
 * );
 * ```
 */
export class MemberTemplate {
  /**
   * A template made of these parts, in order.
   */
  public static of(...parts: MemberValue[]): MemberTemplate {
    return new MemberTemplate(parts);
  }

  private constructor(private readonly parts: MemberValue[]) {}

  /**
   * The names of the files the template includes.
   * @internal
   */
  public get _files(): string[] {
    return this.parts.map(p => p._file).filter((f): f is string => f !== undefined);
  }

  /**
   * Reports parts that cannot be rendered.
   * @internal
   */
  public _check(problems: Problems, property: string): void {
    problems.check(this.parts.length > 0, property, 'must have at least one part, got none');
    this.parts.forEach(part => part._check(problems, property));
  }

  /**
   * The recipe of the template: the value of its ConfigMap key.
   * @internal
   */
  public _toRecipe(): string {
    return this.parts.flatMap(p => p._toRecipe()).map(line => `${line}\n`).join('');
  }
}
