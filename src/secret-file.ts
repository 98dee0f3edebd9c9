/**
 * Options of `OrderedStatefulApp.addSecretFile()`: one key of a Secret, placed as a file
 * at an exact path of the main container, owned by the main container's numeric user with
 * an exact mode. For apps that refuse a secret others can read (RabbitMQ's and Erlang's
 * `.erlang.cookie`, SSH keys, PostgreSQL's `ssl_key_file`), which a Secret volume cannot
 * give a non-root user: its files belong to root, and with `fsGroup` they are group-readable.
 */
export interface SecretFileOptions {
  /**
   * The name of the Secret in the app's namespace (`volumes[].secret.secretName`), a DNS
   * subdomain. The library does not create it; the pod waits until it exists.
   */
  readonly secretName: string;

  /**
   * The key of the Secret whose value is the file's content (`volumes[].secret.items[].key`).
   * A pod whose Secret lacks the key does not start.
   */
  readonly key: string;

  /**
   * The absolute, normalized path of the file in the main container
   * (`volumeMounts[].mountPath`, with `subPath`), e.g. `/var/lib/rabbitmq/.erlang.cookie`.
   * It may lie on a member's volume; it replaces a file the image has there.
   */
  readonly path: string;

  /**
   * The file's permission bits, an integer from 0 to 0o777 that lets the owner read it.
   * The file is read-only in the main container whatever the mode.
   *
   * @default 0o400
   */
  readonly mode?: number;
}
