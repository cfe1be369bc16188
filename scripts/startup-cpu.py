#!/usr/bin/env python3
"""CPU time each process of an app has used by the time its first screen with data is shown.

    scripts/startup-cpu.py DATA_FOLDER RUNS APP_BINARY [APP_BINARY ...]

A companion to startup-bench.sh for comparing two builds: on a 2-core machine the wall-clock start
moves by ±30 ms from one run to the next, but the CPU each process spends before the first screen
moves far less, so a change of a few milliseconds in the page's own work shows here when the wall
clock cannot tell it from noise. Each binary is started RUNS times in turn (after one unmeasured start
each) under its own Xvfb with COUNCIL_DESK_STARTUP_PROBE=1; when it prints `startup-probe: home` the
CPU time of WebKit's web process (its main thread, and all its threads) and of the app's own process
is read from /proc/PID/task/*/schedstat and the app is stopped. Prints the medians.
"""

import glob
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time


def children(pid):
    found = []
    for path in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            found += [int(x) for x in open(path).read().split()]
        except OSError:
            pass
    return found


def name(pid):
    try:
        return open(f"/proc/{pid}/comm").read().strip()
    except OSError:
        return ""


def cpu_ms(pid, tid=None):
    """CPU time on the processor (ns in schedstat's first field), of one thread or of all."""
    paths = [f"/proc/{pid}/task/{tid}/schedstat"] if tid else glob.glob(f"/proc/{pid}/task/*/schedstat")
    try:
        return sum(int(open(p).read().split()[0]) for p in paths) / 1e6
    except OSError:
        return float("nan")


def one(binary, env):
    with tempfile.NamedTemporaryFile("w+", suffix=".err") as err:
        app = subprocess.Popen([binary], stdout=subprocess.DEVNULL, stderr=err, env=env)
        deadline = time.monotonic() + 60
        while "startup-probe: home" not in open(err.name).read():
            if time.monotonic() > deadline:
                app.kill()
                sys.exit(f"{binary} showed no first screen within 60 s")
            time.sleep(0.002)
        kids = children(app.pid)
        web = [k for k in kids if name(k).startswith("WebKitWebProces")]
        own = [app.pid] + [k for k in kids if not name(k).startswith("WebKit")]
        result = (
            cpu_ms(web[0], web[0]) if web else float("nan"),
            cpu_ms(web[0]) if web else float("nan"),
            sum(cpu_ms(p) for p in own),
        )
        app.kill()
        app.wait()
    time.sleep(0.5)
    return result


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    data, runs, binaries = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    display = f":{110 + random.randrange(20)}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        env = dict(os.environ, DISPLAY=display, NO_AT_BRIDGE="1", COUNCIL_DESK_DATA=data,
                   COUNCIL_DESK_STARTUP_PROBE="1")
        results = {b: [] for b in binaries}
        for b in binaries:
            one(b, env)
        for _ in range(runs):
            for b in binaries:
                results[b].append(one(b, env))
        print(f"| CPU until the first screen (median of {runs}) | web process, main thread | web process, all threads | app process |")
        print("|---|---:|---:|---:|")
        for b, r in results.items():
            med = [statistics.median(x[i] for x in r) for i in range(3)]
            print(f"| {b} | {med[0]:.0f} ms | {med[1]:.0f} ms | {med[2]:.0f} ms |")
    finally:
        xvfb.kill()


if __name__ == "__main__":
    main()
