#!/bin/bash
# The zookeeper image's entrypoint, as it behaves for a non-root user: it writes a zoo.cfg
# from ZOO_* variables when the config directory has none (not reproduced here: the
# examples bring their own), writes myid from ZOO_MY_ID (default 1) when the data
# directory has none, and runs the command.
set -euo pipefail
if [[ ! -f "$ZOO_CONF_DIR/zoo.cfg" ]]; then
  echo "$ZOO_CONF_DIR/zoo.cfg is missing; generating it from ZOO_* variables is not reproduced" >&2
  exit 1
fi
if [[ ! -f "$ZOO_DATA_DIR/myid" ]]; then
  echo "${ZOO_MY_ID:-1}" > "$ZOO_DATA_DIR/myid"
fi
exec "$@"
