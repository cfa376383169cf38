#!/usr/bin/env bash
# Runs a command with a PulseAudio daemon of its own that has a null source and a null sink
# (no sound card needed), in a private runtime folder removed afterwards. CI uses it to
# prove that the frozen app records from a microphone (bundle_check.py, "Qt Multimedia"):
#   FIELDAPP_REQUIRE_AUDIO_INPUT=1 packaging/with_null_audio.sh dist/fieldapp/fieldapp --check-bundle
# pulseaudio and pactl come from `make sysdeps` (the GUI tests record from the same source).
set -euo pipefail
for tool in pulseaudio pactl; do
  command -v "$tool" >/dev/null || { echo "with_null_audio.sh: $tool is missing (make sysdeps)" >&2; exit 1; }
done
run="$(mktemp -d)"
chmod 700 "$run"
export XDG_RUNTIME_DIR="$run" PULSE_SERVER="unix:$run/native"
HOME="$run" pulseaudio -n --daemonize=no --exit-idle-time=-1 --use-pid-file=no \
  -L "module-native-protocol-unix socket=$run/native auth-anonymous=1" \
  -L "module-null-source source_name=fieldapp_null" \
  -L "module-null-sink sink_name=fieldapp_sink" >/dev/null 2>&1 &
daemon=$!
cleanup() { kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; rm -rf "$run"; }
trap cleanup EXIT
for _ in $(seq 100); do
  pactl info >/dev/null 2>&1 && break
  sleep 0.1
done
pactl info >/dev/null 2>&1 || { echo "with_null_audio.sh: PulseAudio did not start" >&2; exit 1; }
"$@"
