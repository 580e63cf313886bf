#!/usr/bin/env bash
# The SQL, concurrency and fault tests run on Debian's PostgreSQL (15 on bookworm). Install it when
# missing. Only the binaries are wanted: the tests start a throwaway cluster of their own
# (dev/postgres/cluster.ts, as a non-root user, on a loopback port) and remove it afterwards, so the
# package is told not to create and start its own "main" cluster on port 5432.
set -euo pipefail

if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || [ -n "${PG_BINDIR:-}" ]; then
  exit 0
fi

echo "Installing Debian's postgresql for the database tests"
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else
    echo "Please install it first: apt-get install postgresql (or set PG_BINDIR, or TEST_DATABASE_URL)" >&2
    exit 1
  fi
}
conf=/etc/postgresql-common/createcluster.conf
if [ ! -e "$conf" ]; then
  as_root mkdir -p /etc/postgresql-common
  echo 'create_main_cluster = false' | as_root tee "$conf" >/dev/null
fi
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive UCF_FORCE_CONFFOLD=1 apt-get install -y -qq -o Dpkg::Options::=--force-confold postgresql >/dev/null
