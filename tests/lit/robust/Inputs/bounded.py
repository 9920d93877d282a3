"""Runs a command under the bounds every input must respect: at most 200 MB
resident at peak (checked after the run; during it, 2 GB of address space
stop a runaway early; both skipped under AddressSanitizer, which reserves
terabytes and doubles memory) and a 60 s backstop against hangs (a failure,
not a timing assertion). Prints `bounded: peak N MB` and exits 97 when over
the memory bound. Prints
`bounded: killed by signal N` and exits 99 if the command died of a signal,
so that a crash can never look like an ordinary error exit.

usage: bounded.py [--stdin FILE] -- command args...
"""
import os
import resource
import subprocess
import sys

args = sys.argv[1:]
stdin = None
if args[:1] == ["--stdin"]:
    stdin = open(args[1], "rb")
    args = args[2:]
if args[:1] == ["--"]:
    args = args[1:]


def limit():
    if "ASAN_OPTIONS" not in os.environ:
        cap = 2048 * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


try:
    p = subprocess.run(args, stdin=stdin, preexec_fn=limit, timeout=60)
except subprocess.TimeoutExpired:
    print("bounded: still running after 60 s")
    sys.exit(98)
if p.returncode < 0:
    print("bounded: killed by signal %d" % -p.returncode)
    sys.exit(99)
peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
if "ASAN_OPTIONS" not in os.environ and peak_mb > 200:
    print("bounded: peak %d MB" % peak_mb)
    sys.exit(97)
sys.exit(p.returncode)
