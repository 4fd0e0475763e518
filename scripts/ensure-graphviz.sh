#!/bin/sh
# Make sure Graphviz's `dot` program is installed: apt-get where we can, else say what to run.
set -e
if command -v dot >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "Graphviz's 'dot' is missing. Install it with: sudo apt-get install graphviz" >&2; exit 1
    fi
  fi
  echo "Installing Graphviz (the 'dot' program) with apt-get..." >&2
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq graphviz >/dev/null
  command -v dot >/dev/null 2>&1 && exit 0
fi
if command -v brew >/dev/null 2>&1; then
  echo "Graphviz's 'dot' is missing. Install it with: brew install graphviz" >&2
else
  echo "Graphviz's 'dot' is missing. Install it with your package manager (apt-get install graphviz, brew install graphviz, ...)" >&2
fi
exit 1
