#!/usr/bin/env python3
"""Prints bench/run.sh's results (key value=... lines) as side-by-side tables.

Usage: report.py RESULTS.txt [STAGES.txt]
Repeated keys (whole-program runs) are reduced to their median.
"""
import statistics
import sys


def parse(path):
    rows = {}
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if not parts:
            continue
        if "=" in parts[0]:
            key, fields = "meta", parts
        else:
            key, fields = parts[0], parts[1:]
        kv = {}
        for f in fields:
            if "=" in f:
                k, v = f.split("=", 1)
                try:
                    kv[k] = float(v)
                except ValueError:
                    kv[k] = v
        rows.setdefault(key, []).append(kv)
    return rows


def med(rows, key, field):
    vals = [r[field] for r in rows.get(key, []) if isinstance(r.get(field), float)]
    return statistics.median(vals) if vals else None


def fmt(v, unit="", digits=1):
    if v is None:
        return "—"
    if v >= 100:
        return "%.0f%s" % (v, unit)
    return ("%." + str(digits) + "f%s") % (v, unit)


def main():
    rows = parse(sys.argv[1])
    meta = {}
    for r in rows.get("meta", []):
        meta.update(r)
    text_bytes = meta.get("text_bytes")
    print("corpus: %.1f MB of article text (%.1f MB casefolded); medians of %d runs; load average %s → %s"
          % (text_bytes / 1e6, meta.get("folded_bytes", 0) / 1e6, meta.get("runs", 0),
             meta.get("load_start", "?"), meta.get("load_end", "?")))
    print()
    print("Gazetteer matching (same casefolded bytes, one core)")
    print("Ratios are relata's MB/s over the peer's: 'vs Hyperscan' uses Hyperscan's fastest mode (end offsets only).")
    print("| names | matcher | MB/s | relata vs Hyperscan | relata vs pyahocorasick | build s | build peak MB | load ms | scan peak MB | matches |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in ("1k", "100k", "1m"):
        if "relata_match_" + s not in rows:
            continue
        hs = med(rows, "hsnosom_scan_" + s, "mbps") or med(rows, "hs_scan_" + s, "mbps")
        aho = med(rows, "aho_scan_" + s, "mbps")
        lines = [
            ("relata", med(rows, "relata_match_" + s, "mbps"), med(rows, "relata_build_" + s, "wall_s"),
             med(rows, "relata_build_" + s, "rss_kb"), med(rows, "relata_match_" + s, "load_ms"),
             med(rows, "relata_match_" + s, "rss_kb"), med(rows, "relata_match_" + s, "matches")),
            ("Hyperscan literal, end offsets only", med(rows, "hsnosom_scan_" + s, "mbps"),
             med(rows, "hsnosom_build_" + s, "build_s"), med(rows, "hsnosom_build_" + s, "rss_kb"),
             med(rows, "hsnosom_scan_" + s, "load_ms"), med(rows, "hsnosom_scan_" + s, "rss_kb"),
             med(rows, "hsnosom_scan_" + s, "raw_matches")),
            ("Hyperscan literal, SOM leftmost", med(rows, "hs_scan_" + s, "mbps"), med(rows, "hs_build_" + s, "build_s"),
             med(rows, "hs_build_" + s, "rss_kb"), med(rows, "hs_scan_" + s, "load_ms"),
             med(rows, "hs_scan_" + s, "rss_kb"), med(rows, "hs_scan_" + s, "raw_matches")),
            ("pyahocorasick iter_long", aho, med(rows, "aho_build_" + s, "build_s"),
             med(rows, "aho_build_" + s, "rss_kb"), med(rows, "aho_scan_" + s, "load_ms"),
             med(rows, "aho_scan_" + s, "rss_kb"), med(rows, "aho_scan_" + s, "raw_matches")),
            ("naive find per name (extrapolated from %s kB)" % fmt((med(rows, "naive_" + s, "slice_bytes") or 0) / 1e3),
             med(rows, "naive_" + s, "mbps"), None, None, None, med(rows, "naive_" + s, "rss_kb"),
             None),
        ]
        for name, mbps, build, brss, load, srss, matches in lines:
            print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                s, name, fmt(mbps, digits=4 if mbps is not None and mbps < 0.1 else 2 if mbps is not None and mbps < 1 else 1),
                fmt(mbps / hs, "×", 2) if name == "relata" and mbps and hs else "",
                fmt(mbps / aho, "×", 2) if name == "relata" and mbps and aho else "",
                fmt(build, "", 2), fmt(brss / 1024 if brss else None), fmt(load, "", 2),
                fmt(srss / 1024 if srss else None), "%d" % matches if matches else "—"))
    print()
    print("Whole program: relata annotate corpus.jsonl -o /dev/null (wall clock, includes start-up)")
    print("| resources | threads | MB/s | peak MB |")
    print("|---|---|---|---|")
    for key, res, th in (("annotate_shipped", "shipped", 1), ("annotate_shipped_t2", "shipped", 2),
                         ("annotate_1m", "1M-name image", 1)):
        w = med(rows, key, "wall_s")
        if w:
            print("| %s | %d | %s | %s |" % (res, th, fmt(text_bytes / 1e6 / w), fmt(med(rows, key, "rss_kb") / 1024)))
    print()
    print("Start-up: relata annotate of one 2 kB article (wall clock, median of 5)")
    print("| resources | ms | peak MB |")
    print("|---|---|---|")
    for key, res in (("startup_shipped", "shipped"), ("startup_1m", "compiled 1M-name image"),
                     ("startup_1m_tsv", "1M-name TSV, image cached (first start builds it)")):
        w = med(rows, key, "wall_s")
        if w is not None:
            print("| %s | %s | %s |" % (res, fmt(w * 1e3), fmt(med(rows, key, "rss_kb") / 1024)))
    if len(sys.argv) > 2:
        try:
            stages = open(sys.argv[2], encoding="utf-8").read().strip()
        except OSError:
            stages = ""
        if stages:
            print()
            print("Stages (Google Benchmark, ~2 MB of the corpus, median of runs; bytes_per_second is article text)")
            print("```")
            print(stages)
            print("```")


if __name__ == "__main__":
    main()
