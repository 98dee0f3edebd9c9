/**
 * The POSIX shell script the config init container runs. Which files exist is read
 * from the mounted ConfigMap, whose keys say where each file belongs:
 *
 * - `shared.<file>`: every pod
 * - `<name>-<ordinal>.<file>`: only that pod
 * - `default.<file>`: every pod that has no own file of that name
 *
 * The scope before the first dot never has a dot itself (pod names are DNS labels),
 * so the file name is everything after it. A pod the YAML does not know gets the
 * shared files and the defaults, and refuses to start when a member's file has no
 * default. Lines stay short so that the YAML shows the script as a literal block.
 *
 * Arguments: `$1` the ConfigMap mount, `$2` the directory the main container mounts.
 * Environment: `POD_NAME`.
 */
export function configScript(appName: string, knownPods: string[]): string {
  return [
    'set -eu',
    'src="$1"',
    'dst="$2"',
    'pod="$POD_NAME"',
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
    'known=no',
    'case "$pod" in',
    ...knownPods.map(pod => `  ${pod}) known=yes ;;`),
    'esac',
    'if [ "$known" = yes ]; then',
    '  copy_scope shared',
    '  copy_scope "$pod"',
    '  copy_scope default',
    '  echo "$pod: $count files from the members\' config"',
    '  exit 0',
    'fi',
    'echo "$pod is not in the synthesized YAML:" \\',
    '  "using the defaults"',
    'copy_scope shared',
    'copy_scope default',
    'find_missing',
    'if [ -n "$missing" ]; then',
    '  echo "$pod: refusing to start without" \\',
    '    "the files$missing, which the synthesized" \\',
    '    "members have and no default provides:" \\',
    '    "re-synthesize with more replicas or add" \\',
    '    "a default with addDefaultFile" >&2',
    '  exit 1',
    'fi',
    'echo "$pod: $count files from the defaults"',
    '',
  ].join('\n');
}
