# CPU accounting for the benchmark scripts (sourced, not run): clock ticks from /proc.
#   busy: the whole machine's busy time; proc_cpu PID: one process with its reaped children;
#   pg_cpu: the PostgreSQL of "$work" (ops/testenv), its postmaster with reaped backends and the live backends.
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }
proc_cpu() { awk '{print $14+$15+$16+$17}' "/proc/$1/stat"; }
pg_cpu() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } |
    awk -v pm="$(head -n 1 "$(cat "$work/pg/datadir" 2>/dev/null || echo "$work/pg/data")/postmaster.pid")" '$1 == pm {t += $14 + $15 + $16 + $17} $4 == pm {t += $14 + $15} END {print t}'
}
