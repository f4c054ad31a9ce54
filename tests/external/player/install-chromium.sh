#!/usr/bin/env bash
# Installs what the player browser test needs from Debian, when missing: headless Chromium and ffmpeg
# (ffprobe checks the sandbox's clip in the .NET tests). Runs as root, as CI does; Chromium then needs --no-sandbox,
# which the test passes.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-chromium: chromium and ffmpeg are already installed"
  exit 0
fi

echo "install-chromium: installing ${missing[*]}"
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
chromium --version 2>/dev/null | head -1 || true
