# Process bookkeeping of the dev stack (sourced by dev/stack): one PID file and one log
# per component under $STATE; every process is started and stopped by its own PID.
# shellcheck shell=bash
# STATE is set by dev/stack, which sources this file.
# shellcheck disable=SC2153

pid_file() { echo "$STATE/run/$1.pid"; }
log_file() { echo "$STATE/logs/$1.log"; }

# recorded_pid NAME: prints NAME's recorded PID; fails when there is none.
recorded_pid() {
  local pf pid
  pf="$(pid_file "$1")"
  [[ -f "$pf" ]] || return 1
  pid="$(cat "$pf")"
  [[ -n "$pid" ]] || return 1
  echo "$pid"
}

# running NAME: true when NAME's recorded PID is alive and still runs NAME's program.
running() {
  local pid cmdline
  pid="$(recorded_pid "$1")" || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  # No pipe into `grep -q` here: under pipefail its early exit can make tr die of
  # SIGPIPE on a long command line (kube-apiserver's) and a live process look dead.
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"$(program_of "$1")"* ]]
}

# alive NAME: true while NAME's recorded process exists and has not exited (a zombie has).
# Unlike `running` it does not look at the command line, which for a moment after the
# start is still the shell's (between fork and exec), so it suits start-up checks.
alive() {
  local pid state
  pid="$(recorded_pid "$1")" || return 1
  [[ -r "/proc/$pid/stat" ]] || return 1
  state="$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != "Z" && "$state" != "X" ]]
}

# port_taken PORT: true when something accepts connections on 127.0.0.1:PORT.
port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# start NAME PORT CMD...: start CMD in the background unless NAME already runs.
start() {
  local name="$1" port="$2" pf
  shift 2
  pf="$(pid_file "$name")"
  if running "$name"; then
    say "$name already running (pid $(cat "$pf"))"
    return 0
  fi
  if [[ -f "$pf" ]]; then
    say "$name had stopped unexpectedly; its log: $(log_file "$name") — starting it again"
    rm -f "$pf"
  fi
  if port_taken "$port"; then
    die "port $port needed by $name is already in use on 127.0.0.1 (set ${name^^}_PORT or stop what holds it)"
  fi
  mkdir -p "$STATE/run" "$STATE/logs"
  setsid "$@" >>"$(log_file "$name")" 2>&1 </dev/null &
  echo $! >"$pf"
  say "$name started (pid $!, log $(log_file "$name"))"
}

# wait_ready NAME SECONDS CHECK...: poll CHECK until it succeeds; fail with NAME's log
# when the process dies or the time runs out.
wait_ready() {
  local name="$1" seconds="$2" i
  shift 2
  for ((i = 0; i < seconds * 4; i++)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    if ! alive "$name"; then
      tail -n 30 "$(log_file "$name")" >&2 || true
      die "$name exited during start-up; full log: $(log_file "$name")"
    fi
    sleep 0.25
  done
  tail -n 30 "$(log_file "$name")" >&2 || true
  die "$name did not become ready within ${seconds}s; full log: $(log_file "$name")"
}

# stop NAME: terminate NAME by its PID (TERM, then KILL after 15 s); no-op when not running.
stop() {
  local name="$1" pf pid i
  pf="$(pid_file "$name")"
  if ! running "$name"; then
    rm -f "$pf"
    return 0
  fi
  pid="$(cat "$pf")"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$pf"
  say "$name stopped"
}
