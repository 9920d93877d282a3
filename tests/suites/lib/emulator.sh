# Sourced by the end-to-end suites: starts and stops `rtcc emulator serve`
# as a separate process, the documented one-step way (docs/emulator.md):
# a key pair and an admin token on the command line, an optional --seed.
# Needs RTCC (the binary), WORK (a scratch folder) and
# RTCC_EMULATOR_ADMIN_TOKEN; sets EMU_PID and URL.
# The key pair the suites sign with.
export ALIBABA_CLOUD_ACCESS_KEY_ID=e2e-key ALIBABA_CLOUD_ACCESS_KEY_SECRET=e2e-secret
EMU_PID=""
URL=""

# emulator_start [serve flags...]: a fresh emulator with an empty database
# (EMU_KEEP_DB=1: the same world again, e.g. with other flags).
emulator_start() {
  emulator_stop
  # emu.out is emptied here, not by the redirection below: that runs in the
  # child, maybe after the loop has read the last emulator's URL (a dead
  # port: "Connection refused").
  [[ -n ${EMU_KEEP_DB:-} ]] || rm -f "$WORK/emu.db"*
  rm -f "$WORK/emu.out"
  "$RTCC" emulator serve --listen 127.0.0.1:0 --db "$WORK/emu.db" --time-scale 0.0005 \
    --admin-token "$RTCC_EMULATOR_ADMIN_TOKEN" \
    --access-key-id "$ALIBABA_CLOUD_ACCESS_KEY_ID" --access-key-secret "$ALIBABA_CLOUD_ACCESS_KEY_SECRET" \
    "$@" >"$WORK/emu.out" 2>"$WORK/emu.err" &
  EMU_PID=$!
  URL=""
  for _ in $(seq 1 100); do
    URL=$(sed -n 's/^emulator listening on //p' "$WORK/emu.out" | head -1)
    [[ -n $URL ]] && return 0
    kill -0 "$EMU_PID" 2>/dev/null || break
    sleep 0.1
  done
  emulator_report "it printed no address"
  return 1
}

emulator_stop() {
  [[ -n $EMU_PID ]] && { kill -TERM "$EMU_PID" 2>/dev/null; wait "$EMU_PID" 2>/dev/null; }
  EMU_PID=""
}

# emulator_report WHAT: why a start failed, with the process's own words.
emulator_report() {
  echo "emulator: $1 (pid $EMU_PID $(kill -0 "$EMU_PID" 2>/dev/null && echo alive || echo gone))"
  sed 's/^/    emu.out: /' "$WORK/emu.out" 2>/dev/null
  sed 's/^/    emu.err: /' "$WORK/emu.err" 2>/dev/null
}
