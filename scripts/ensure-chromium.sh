#!/bin/sh
# Make sure headless Chromium and its driver are installed for the browser tests of the HTML view:
# apt-get where we can. When they cannot be installed, say so and carry on (the browser tests then
# skip with the same advice), except on CI (CI set), where a missing browser is a failure.
if { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; } \
   && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
ADVICE="Install them with: sudo apt-get install chromium chromium-driver"
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; fi
  if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
    echo "Installing Chromium and chromedriver (for the HTML view's browser tests) with apt-get..." >&2
    $SUDO apt-get update -qq >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1
    if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then exit 0; fi
  fi
fi
if [ -n "$CI" ]; then
  echo "Chromium or chromedriver is missing and could not be installed, and CI runs every test. $ADVICE" >&2
  exit 1
fi
echo "Chromium or chromedriver is missing and could not be installed: the browser tests will be skipped. $ADVICE" >&2
exit 0
