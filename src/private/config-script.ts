import {
  DEFAULT_SCOPE, MEMBERS_KEY, SHARED_SCOPE, TEMPLATE_INSTRUCTIONS as I, TEMPLATE_SCOPE,
} from '../ground/member-config';
import {
  HEADLESS_SERVICE_DOMAIN_ENV, POD_FQDN_ENV, POD_IP_ENV, POD_NAME_ENV, POD_NAMESPACE_ENV,
} from '../ground/member-env';

/** The variable that lists the files the main container mounts one by one, separated by spaces. */
export const MOUNTED_FILES_ENV = 'MOUNTED_FILES';

/**
 * The POSIX shell script the config init container runs (the layout is described in
 * `src/ground/member-config.ts`). What the pod gets is read from the mounted ConfigMap;
 * nothing in the script depends on the number of members, so scaling leaves the pod
 * template as it is. A pod outside the synthesized range gets the shared files, the
 * defaults and the templates, and refuses to start when a member's file has no default;
 * every pod refuses to start when a file the main container mounts by name is missing.
 * Lines stay short so that the YAML shows the script as a literal block.
 *
 * Arguments: `$1` the ConfigMap mount, `$2` the directory the main container mounts.
 * Environment: the member variables, and `MOUNTED_FILES`.
 */
export function configScript(appName: string): string {
  return [
    'set -eu',
    'src="$1"',
    'dst="$2"',
    `pod="$${POD_NAME_ENV}"`,
    'ordinal="${pod##*-}"',
    'count=0',
    'missing=""',
    '# Copies the files of one scope ($1) that the pod',
    '# lacks. ConfigMap files are symlinks: -L copies',
    '# their content; 0444 lets any user read them.',
    'copy_scope() {',
    '  for f in "$src/$1".*; do',
    '    [ -f "$f" ] || continue',
    '    n="${f##*/}"',
    '    n="${n#*.}"',
    '    [ -e "$dst/$n" ] && continue',
    '    cp -L "$f" "$dst/$n"',
    '    chmod 0444 "$dst/$n"',
    '    count=$((count + 1))',
    '  done',
    '}',
    '# Writes the file a template recipe ($1) describes',
    '# to $2, one instruction a line.',
    'render() {',
    '  : > "$2"',
    '  while IFS= read -r line; do',
    '    case "$line" in',
    `      "${I.text} "*) printf '%s' "\${line#${I.text} }" ;;`,
    `      ${I.newline}) printf '\\n' ;;`,
    `      "${I.ordinal} "*) printf '%s' "$((ordinal + \${line#${I.ordinal} }))" ;;`,
    `      ${I.podName}) printf '%s' "$pod" ;;`,
    `      ${I.podFqdn}) printf '%s' "$${POD_FQDN_ENV}" ;;`,
    `      ${I.serviceDomain}) printf '%s' "$${HEADLESS_SERVICE_DOMAIN_ENV}" ;;`,
    `      ${I.namespace}) printf '%s' "$${POD_NAMESPACE_ENV}" ;;`,
    `      ${I.podIp}) printf '%s' "$${POD_IP_ENV}" ;;`,
    `      "${I.file} "*) cat "$dst/\${line#${I.file} }" ;;`,
    '      *) echo "unknown template line: $line" >&2',
    '        exit 1 ;;',
    '    esac',
    '  done < "$1" >> "$2"',
    '  chmod 0444 "$2"',
    '  count=$((count + 1))',
    '}',
    '# Lists the members\' files that the pod lacks.',
    'find_missing() {',
    `  for f in "$src/${appName}-"[0-9]*.*; do`,
    '    [ -f "$f" ] || continue',
    '    n="${f##*/}"',
    '    n="${n#*.}"',
    '    [ -e "$dst/$n" ] && continue',
    '    case " $missing " in',
    '      *" $n "*) ;;',
    '      *) missing="$missing $n" ;;',
    '    esac',
    '  done',
    '}',
    '# A restarted init container starts afresh.',
    'rm -rf "$dst"/* "$dst"/.[!.]* "$dst"/..?*',
    `read -r first last < "$src/${MEMBERS_KEY}"`,
    'known=no',
    'if [ "$ordinal" -ge "$first" ] &&',
    '  [ "$ordinal" -le "$last" ]; then',
    '  known=yes',
    'fi',
    `copy_scope ${SHARED_SCOPE}`,
    '[ "$known" = yes ] && copy_scope "$pod"',
    `copy_scope ${DEFAULT_SCOPE}`,
    'if [ "$known" = no ]; then',
    '  echo "$pod is not in the synthesized YAML:" \\',
    '    "using the defaults"',
    '  find_missing',
    'fi',
    'if [ -n "$missing" ]; then',
    '  echo "$pod: refusing to start without" \\',
    '    "the files$missing, which the synthesized" \\',
    '    "members have and no default provides:" \\',
    '    "re-synthesize with more replicas or add" \\',
    '    "a default with addDefaultFile" >&2',
    '  exit 1',
    'fi',
    `for f in "$src/${TEMPLATE_SCOPE}".*; do`,
    '  [ -f "$f" ] || continue',
    '  n="${f##*/}"',
    '  render "$f" "$dst/${n#*.}"',
    'done',
    `for n in \${${MOUNTED_FILES_ENV}:-}; do`,
    '  [ -f "$dst/$n" ] || missing="$missing $n"',
    'done',
    'if [ -n "$missing" ]; then',
    '  echo "$pod: refusing to start without" \\',
    '    "the files$missing, which the main" \\',
    '    "container mounts" >&2',
    '  exit 1',
    'fi',
    'echo "$pod: $count files"',
    '',
  ].join('\n');
}
