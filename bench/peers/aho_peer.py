#!/usr/bin/python3
"""pyahocorasick peer for the gazetteer-matching stage.

  aho_peer.py build SURFACES.txt OUT.pickle   build the automaton, pickle it
  aho_peer.py scan OUT.pickle FOLDED.txt [R]  unpickle (timed), iter_long() R times

iter_long() is pyahocorasick's leftmost-longest, non-overlapping scan. Speed is
reported in MB/s of UTF-8 input, the same unit as every other row.
"""
import pickle
import sys
import time

import ahocorasick


def main():
    cmd = sys.argv[1]
    if cmd == "build":
        t0 = time.perf_counter()
        a = ahocorasick.Automaton()
        with open(sys.argv[2], encoding="utf-8") as f:
            for i, line in enumerate(f):
                s = line.rstrip("\n")
                if s:
                    a.add_word(s, i)
        a.make_automaton()
        build = time.perf_counter() - t0
        with open(sys.argv[3], "wb") as f:
            pickle.dump(a, f, protocol=pickle.HIGHEST_PROTOCOL)
        print("build_s=%.3f" % build)
    elif cmd == "scan":
        repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 3
        with open(sys.argv[3], encoding="utf-8") as f:
            text = f.read()
        nbytes = len(text.encode("utf-8"))
        t0 = time.perf_counter()
        with open(sys.argv[2], "rb") as f:
            a = pickle.load(f)
        load = time.perf_counter() - t0
        runs, cpu_runs = [], []
        for _ in range(repeat):
            t, c = time.perf_counter(), time.thread_time()
            n = 0
            for _ in a.iter_long(text):
                n += 1
            runs.append(nbytes / 1e6 / (time.perf_counter() - t))
            cpu_runs.append(nbytes / 1e6 / (time.thread_time() - c))
        runs.sort()
        cpu_runs.sort()
        print("load_ms=%.3f mbps=%.1f cpu_mbps=%.1f raw_matches=%d bytes=%d"
              % (load * 1e3, runs[len(runs) // 2], cpu_runs[len(cpu_runs) // 2], n, nbytes))


if __name__ == "__main__":
    main()
