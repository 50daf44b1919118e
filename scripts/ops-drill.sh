#!/bin/bash
# The backup-and-restore drill of docs/OPERATIONS.md, on a throwaway PostgreSQL of its own:
#   1. initdb a primary (port 5470) with archive_mode=on, archive_command copying WAL to $DRILL_DIR/wal;
#   2. copy the source database into it with pg_dump -Fc | pg_restore (timed: the logical-backup figures);
#   3. pg_basebackup (plain, -X none; also tar + lz4 for its size) and pg_verifybackup;
#   4. writes after the base backup (10,000 rows, a 3 lakh-row table), a point in time T, then a "mistake"
#      (half the rows deleted), then the primary is lost (immediate stop);
#   5. restore A: base backup + the whole WAL archive on port 5471 (the mistake included);
#      restore B: base backup + WAL up to recovery_target_time = T (the mistake undone).
# Each restore is timed to "accepts connections" and to "recovery done, read-write", and its counts are checked.
# The source database is only read (pg_dump). Everything runs as the postgres user; every instance is stopped and
# $DRILL_DIR removed at the end (KEEP=1 keeps the folder). Run with low priority beside other work:
#   nice -n 19 ionice -c3 scripts/ops-drill.sh            # SRC_DB=sadasyata_bench_large SRC_HOST=127.0.0.1 SRC_PORT=5432
set -euo pipefail
if [ "$(id -un)" != postgres ]; then exec runuser -u postgres -- env ${SRC_DB:+SRC_DB=$SRC_DB} ${SRC_HOST:+SRC_HOST=$SRC_HOST} \
  ${SRC_PORT:+SRC_PORT=$SRC_PORT} ${DRILL_DIR:+DRILL_DIR=$DRILL_DIR} ${KEEP:+KEEP=$KEEP} bash "$(readlink -f "$0")"; fi
export PATH=/usr/lib/postgresql/15/bin:$PATH
D=${DRILL_DIR:-/tmp/opsdrill}
SRC_DB=${SRC_DB:-sadasyata_bench_large}
SRC=(-h "${SRC_HOST:-127.0.0.1}" -p "${SRC_PORT:-5432}")
P1=5470
P2=5471
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
say() { echo "[$(date -u +%H:%M:%S)] $*"; }
q() { psql -h "$D" -p "$1" -d sadasyata -Atc "$2"; }

if [ -e "$D" ]; then echo "$D exists: remove it first" >&2; exit 1; fi
cleanup() {
  for dir in "$D/primary" "$D/restored"; do
    [ -f "$dir/postmaster.pid" ] && pg_ctl -D "$dir" -m immediate stop >/dev/null 2>&1 || true
  done
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$D"; fi
}
trap cleanup EXIT

mkdir -p "$D/wal"
initdb -D "$D/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$D/primary/postgresql.conf" <<CONF
port = $P1
listen_addresses = ''
unix_socket_directories = '$D'
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $D/wal/%f && cp %p $D/wal/%f'
archive_timeout = 60
max_wal_size = 2GB
shared_buffers = 256MB
CONF
pg_ctl -D "$D/primary" -l "$D/primary.log" -w start >/dev/null
say "primary up (port $P1, socket in $D)"

t=$(now); pg_dump "${SRC[@]}" -Fc -f "$D/bench.dump" "$SRC_DB"
say "MEASURE pg_dump -Fc $SRC_DB: $(since "$t") s, dump $(du -sh "$D/bench.dump" | cut -f1)"
createdb -h "$D" -p $P1 sadasyata
t=$(now); pg_restore -h "$D" -p $P1 -d sadasyata --no-owner --no-acl "$D/bench.dump"
say "MEASURE pg_restore (one job): $(since "$t") s"
t=$(now); q $P1 "ANALYZE" >/dev/null
say "MEASURE ANALYZE: $(since "$t") s"
say "database $(q $P1 "select pg_size_pretty(pg_database_size('sadasyata'))"), data folder $(du -sh "$D/primary" | cut -f1)"
MEMBERS=$(q $P1 "select count(*) from members")
say "members: $MEMBERS"

t=$(now); pg_basebackup -h "$D" -p $P1 -D "$D/base" -X none -c fast 2>&1 | grep -v "all required WAL" || true
say "MEASURE pg_basebackup (plain, -X none): $(since "$t") s, $(du -sh "$D/base" | cut -f1)"
t=$(now); pg_verifybackup -n -q "$D/base"
say "MEASURE pg_verifybackup -n: $(since "$t") s"
t=$(now); pg_basebackup -h "$D" -p $P1 -D "$D/base-tar" -Ft -Z lz4 -X none -c fast 2>&1 | grep -v "all required WAL" || true
say "MEASURE pg_basebackup (tar, lz4, -X none): $(since "$t") s, $(du -sh "$D/base-tar" | cut -f1)"
rm -rf "$D/base-tar"

# After the base backup: only the WAL archive can bring these back.
psql -h "$D" -p $P1 -d sadasyata -q <<SQL
CREATE TABLE drill_after (id serial PRIMARY KEY, note text, at timestamptz DEFAULT clock_timestamp());
INSERT INTO drill_after (note) SELECT 'after base backup ' || g FROM generate_series(1, 10000) g;
CREATE TABLE drill_bulk AS SELECT * FROM members ORDER BY id LIMIT 300000;
UPDATE members SET age = age WHERE id IN (SELECT id FROM members ORDER BY id LIMIT 50000);
SQL
sleep 1
T=$(q $P1 "select clock_timestamp()")
sleep 1
q $P1 "DELETE FROM drill_after WHERE id > 5000" >/dev/null   # the mistake
LAST=$(q $P1 "select pg_walfile_name(pg_switch_wal())")
A=""
for _ in $(seq 1 120); do
  A=$(q $P1 "select coalesce(last_archived_wal, '') from pg_stat_archiver")
  if [[ "$A" > "$LAST" || "$A" == "$LAST" ]]; then break; fi
  sleep 1
done
say "after the base backup: drill_after 10000 rows, drill_bulk 300000, 50000 members updated; T = $T; then 5000 rows deleted"
say "WAL archive: $(find "$D/wal" -type f | wc -l) files, $(du -sh "$D/wal" | cut -f1); last archived $A"
pg_ctl -D "$D/primary" -m immediate stop >/dev/null
say "primary lost (immediate stop)"

restore() { # name, extra recovery settings; prints the checks
  local name=$1 extra=$2 t
  t=$(now); cp -a "$D/base" "$D/restored"
  say "MEASURE restore $name: copy the base backup: $(since "$t") s"
  printf "port = %s\narchive_mode = off\nrestore_command = 'cp %s/wal/%%f %%p'\nrecovery_target_action = 'promote'\n%s\n" \
    $P2 "$D" "$extra" >> "$D/restored/postgresql.auto.conf"
  touch "$D/restored/recovery.signal"
  t=$(now)
  pg_ctl -D "$D/restored" -l "$D/restored-$name.log" start >/dev/null
  until pg_isready -q -h "$D" -p $P2; do sleep 0.2; done
  say "MEASURE restore $name: accepts connections after $(since "$t") s"
  until [ "$(q $P2 'select pg_is_in_recovery()' 2>/dev/null)" = f ]; do sleep 0.2; done
  say "MEASURE restore $name: recovery done, read-write after $(since "$t") s"
  grep -E "redo done|recovery stopping" "$D/restored-$name.log" | sed 's/^.*LOG: */  log: /'
  R_MEMBERS=$(q $P2 "select count(*) from members")
  R_AFTER=$(q $P2 "select count(*) from drill_after")
  R_BULK=$(q $P2 "select count(*) from drill_bulk")
  pg_ctl -D "$D/restored" -m fast -w stop >/dev/null
  rm -rf "$D/restored"
}

restore A ""
say "restore A (end of archive): members $R_MEMBERS (expect $MEMBERS), drill_bulk $R_BULK (expect 300000), drill_after $R_AFTER (expect 5000: the mistake replayed too)"
OK_A=$([ "$R_MEMBERS" = "$MEMBERS" ] && [ "$R_BULK" = 300000 ] && [ "$R_AFTER" = 5000 ] && echo yes || echo no)
restore B "recovery_target_time = '$T'"
say "restore B (to $T): members $R_MEMBERS (expect $MEMBERS), drill_bulk $R_BULK (expect 300000), drill_after $R_AFTER (expect 10000: before the mistake)"
OK_B=$([ "$R_MEMBERS" = "$MEMBERS" ] && [ "$R_BULK" = 300000 ] && [ "$R_AFTER" = 10000 ] && echo yes || echo no)
word() { if [ "$1" = yes ]; then echo matches; else echo DIFFERS; fi; }
say "RESULT: restore to end of archive $(word "$OK_A"), point-in-time restore $(word "$OK_B")"
[ "$OK_A" = yes ] && [ "$OK_B" = yes ]
