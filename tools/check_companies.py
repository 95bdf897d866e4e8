#!/usr/bin/env python3
"""Checks the companies gazetteer (gazetteers/companies/*.tsv). Stdlib only.

Checks:
  * at least MIN_ENTRIES entries in total;
  * every data line has at least 3 tab-separated columns, type 'company',
    a non-empty name and an id of the form company:<lowercase-slug>;
  * ids are unique across the companies files, and not defined again in any
    other gazetteer file under gazetteers/ (the loader rejects duplicates);
  * attributes are key=value, no key twice;
  * no surface form (name or alias, NFKC + casefold, white space collapsed)
    is shared by two company ids, and none is repeated within one entry;
  * no alias or name is a lowercase common word from STOPLIST (acronyms like
    "MS", "US", "IT" would match "Ms.", "us", "it");
  * names that are common words (CONTEXT_WORDS) carry a context= attribute;
  * tickers are EXCHANGE:CODE with a known exchange and a well-formed code;
    group=/parent= values are ids of company entries that exist;
    headquarters= values look like place:<slug>; country= is two letters.
Prints the number of entries per file; exits 1 on any error.

Usage: python3 tools/check_companies.py [repo-root]
"""
import glob
import os
import re
import sys
import unicodedata

MIN_ENTRIES = 1500

# Casefolded surface forms that must never be a name or alias: short
# acronyms that are ordinary English words in lower case.
STOPLIST = {
    "a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if",
    "in", "is", "it", "me", "ms", "my", "no", "of", "oh", "ok", "on", "or",
    "so", "to", "up", "us", "we", "all", "and", "any", "are", "but", "can",
    "for", "her", "him", "his", "its", "new", "not", "now", "one", "our",
    "out", "see", "she", "the", "two", "via", "was", "who", "why", "you",
    "ai", "ip", "pc", "tv", "id", "hr", "pr", "ev", "fx", "db", "kb",
    "tel", "line", "x", "box", "zoom", "snap", "sun", "key", "well", "best",
    "buy", "next", "tap", "ti", "st", "adi", "hd", "sm", "ha", "lot",
}

# Common words (English or Korean) that may be company names only when the
# entry restricts matches with context=.
CONTEXT_WORDS = {
    "apple", "amazon", "meta", "oracle", "shell", "target", "gap", "visa",
    "square", "block", "alphabet", "arm", "orion", "canon", "sharp", "ford",
    "disco", "runway", "snowflake", "lucid", "coherent", "microchip", "credo",
    "perplexity", "unity", "slack", "shield", "anthem", "progressive", "sentinel",
    "legend", "pioneer", "mosaic", "corona", "total", "dominion", "southern",
    "fortune", "halo",
    "애플", "아마존", "메타", "오라클", "기아", "한화", "카카오", "신세계",
    "비자", "오리온", "빙그레", "대상", "효성", "쉘", "셸", "타깃", "알파벳",
    "암", "런웨이", "디스코", "캐논", "샤프", "포드", "현대", "대우",
    "동원", "bp", "ups", "lambda", "circle", "grab", "vale", "giant", "emirates",
}

TICKER_CODE = {
    "KRX": r"\d{6}",
    "NASDAQ": r"[A-Z]{1,5}",
    "NYSE": r"[A-Z]{1,5}(\.[A-Z])?",
    "TWSE": r"\d{4}",
    "TPEX": r"\d{4}",
    "TYO": r"\d{3}[0-9A-Z]",
    "HKEX": r"\d{4}",
    "SSE": r"6\d{5}",
    "SZSE": r"[03]\d{5}",
    "EPA": r"[A-Z0-9]{2,5}",
    "ETR": r"[A-Z0-9]{2,5}",
    "AMS": r"[A-Z]{2,6}",
    "LSE": r"[A-Z0-9]{2,5}",
    "SWX": r"[A-Z]{3,5}",
    "BIT": r"[A-Z]{2,6}",
    "BME": r"[A-Z]{2,5}",
    "STO": r"[A-Z]{2,6}(-[AB])?",
    "CPH": r"[A-Z]{2,10}(-[AB])?",
    "HEL": r"[A-Z]{2,10}",
    "OSL": r"[A-Z]{2,6}",
    "TSX": r"[A-Z]{1,5}",
    "ASX": r"[A-Z0-9]{3}",
    "NSE": r"[A-Z&-]{2,12}",
    "TADAWUL": r"\d{4}",
    "SGX": r"[A-Z0-9]{3}",
    "B3": r"[A-Z]{4}\d{1,2}",
}

ID_RE = re.compile(r"^company:[a-z0-9]+(-[a-z0-9]+)*$")
PLACE_RE = re.compile(r"^place:[a-z0-9]+(-[a-z0-9]+)*$")


def norm(s):
    s = unicodedata.normalize("NFKC", s).casefold()
    s = unicodedata.normalize("NFKC", s)
    return " ".join(s.split())


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    gaz = os.path.join(root, "gazetteers")
    files = sorted(glob.glob(os.path.join(gaz, "companies", "*.tsv")))
    errors = []
    if not files:
        errors.append("no files in gazetteers/companies/")
    entries = []  # (file, line, id, name, aliases, attrs)
    ids = {}
    counts = {}
    for path in files:
        rel = os.path.relpath(path, root)
        counts[rel] = 0
        with open(path, encoding="utf-8-sig") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\r\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                cols = [c.strip() for c in line.split("\t")]
                where = f"{rel}:{n}"
                if len(cols) < 3:
                    errors.append(f"{where}: expected at least 3 columns, found {len(cols)}")
                    continue
                if cols[0] == "id" and counts[rel] == 0:
                    continue
                cid, typ, name = cols[0], cols[1], cols[2]
                if not ID_RE.match(cid):
                    errors.append(f"{where}: bad id '{cid}'")
                if typ.lower() != "company":
                    errors.append(f"{where}: type is '{typ}', expected 'company'")
                if not name:
                    errors.append(f"{where}: empty name")
                if cid in ids:
                    errors.append(f"{where}: duplicate id '{cid}' (first at {ids[cid]})")
                else:
                    ids[cid] = where
                aliases = [a.strip() for a in cols[3].split("|")] if len(cols) > 3 else []
                aliases = [a for a in aliases if a]
                attrs = {}
                if len(cols) > 4:
                    for seg in cols[4].split(";"):
                        seg = seg.strip()
                        if not seg:
                            continue
                        if "=" not in seg:
                            errors.append(f"{where}: attribute '{seg}' is not key=value")
                            continue
                        k, v = (x.strip() for x in seg.split("=", 1))
                        if k in attrs:
                            errors.append(f"{where}: attribute '{k}' given twice")
                        attrs[k] = v
                entries.append((where, cid, name, aliases, attrs))
                counts[rel] += 1

    # ids defined in other gazetteer files
    for path in sorted(glob.glob(os.path.join(gaz, "**", "*.tsv"), recursive=True)):
        if os.path.dirname(os.path.abspath(path)) == os.path.abspath(os.path.join(gaz, "companies")):
            continue
        rel = os.path.relpath(path, root)
        with open(path, encoding="utf-8-sig") as f:
            for n, line in enumerate(f, 1):
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                oid = line.split("\t", 1)[0].strip()
                if oid in ids:
                    errors.append(f"{rel}:{n}: id '{oid}' also defined at {ids[oid]}")

    surface = {}
    for where, cid, name, aliases, attrs in entries:
        seen = set()
        ctx = "context" in attrs
        for form in [name] + aliases:
            key = norm(form)
            if not key:
                errors.append(f"{where}: surface form '{form}' normalizes to nothing")
                continue
            if key in seen:
                errors.append(f"{where}: surface form '{form}' repeated in {cid}")
            seen.add(key)
            if key in surface and surface[key][0] != cid:
                errors.append(f"{where}: surface form '{form}' of {cid} also belongs to {surface[key][0]} ({surface[key][1]})")
            else:
                surface.setdefault(key, (cid, where))
            if key in STOPLIST:
                errors.append(f"{where}: '{form}' of {cid} is a common word in lower case; drop it")
            if key in CONTEXT_WORDS and not ctx:
                errors.append(f"{where}: '{form}' of {cid} is a common word; add context=")
        if ctx and not [w for w in attrs["context"].split("|") if w.strip()]:
            errors.append(f"{where}: empty context")
        for k in ("ticker",):
            if k in attrs:
                for t in attrs[k].split("|"):
                    ex, _, code = t.partition(":")
                    if ex not in TICKER_CODE:
                        errors.append(f"{where}: ticker '{t}': unknown exchange '{ex}'")
                    elif not re.fullmatch(TICKER_CODE[ex], code):
                        errors.append(f"{where}: ticker '{t}': malformed code for {ex}")
        for k in ("group", "parent"):
            if k in attrs:
                for v in attrs[k].split("|"):
                    if v not in ids:
                        errors.append(f"{where}: {k}={v} is not a company id in gazetteers/companies/")
                    if v == cid:
                        errors.append(f"{where}: {k} points to itself")
        if "headquarters" in attrs and not PLACE_RE.match(attrs["headquarters"]):
            errors.append(f"{where}: headquarters '{attrs['headquarters']}' is not place:<slug>")
        if "country" in attrs and not re.fullmatch(r"[A-Z]{2}", attrs["country"]):
            errors.append(f"{where}: country '{attrs['country']}' is not a 2-letter code")

    tickers = {}
    for where, cid, name, aliases, attrs in entries:
        for t in attrs.get("ticker", "").split("|"):
            if t:
                if t in tickers and tickers[t] != cid:
                    errors.append(f"{where}: ticker {t} of {cid} also on {tickers[t]}")
                tickers.setdefault(t, cid)

    total = len(entries)
    for rel, c in counts.items():
        print(f"{c:6d}  {rel}")
    print(f"{total:6d}  total ({len(surface)} surface forms, {len(tickers)} tickers, "
          f"{sum(1 for e in entries if 'context' in e[4])} with context)")
    if total < MIN_ENTRIES:
        errors.append(f"only {total} entries, need at least {MIN_ENTRIES}")
    for e in errors:
        print("error: " + e, file=sys.stderr)
    if errors:
        print(f"FAILED: {len(errors)} error(s)", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
