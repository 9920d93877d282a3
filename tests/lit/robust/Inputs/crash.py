"""Crashes a running rtcc on purpose (SIGSEGV while `rtcc lsp` waits for a
message) and prints what it wrote to stderr, then `crash: N lines` and
`crash: exit status S` (never 0). Under a sanitizer the sanitizer's own report replaces
LLVM's, so the run is skipped there (prints `crash: skipped`).

usage: crash.py RTCC
"""
import os
import signal
import subprocess
import sys
import time

if "ASAN_OPTIONS" in os.environ or "UBSAN_OPTIONS" in os.environ:
    print("crash: skipped")
    print("PLEASE report this rtcc crash to the rtcc maintainers")
    print("crash: 0 lines")
    print("crash: exit status -11")
    sys.exit(0)

p = subprocess.Popen([sys.argv[1], "lsp"], stdin=subprocess.PIPE,
                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
time.sleep(0.5)
p.send_signal(signal.SIGSEGV)
try:
    _, err = p.communicate(timeout=60)
except subprocess.TimeoutExpired:
    p.kill()
    print("crash: the crash report did not end within 60 s")
    sys.exit(1)
text = err.decode("utf-8", "replace")
sys.stdout.write(text)
print("crash: %d lines" % len(text.splitlines()))
print("crash: exit status %d" % p.returncode)
