#!/usr/bin/env python3
"""Checks the places gazetteer (gazetteers/places/ and any other place entries).

    python3 tools/gen_places/check_places.py [GAZETTEER_DIR]

Loads every gazetteers/**/*.tsv (all types, so that ids are checked across
files) and verifies:
  * ids are unique across all files;
  * every place's `parent` names an existing place, and parent chains have no
    cycles; every entry of korea_admin.tsv / korea_places.tsv reaches
    place:south-korea;
  * no surface form (name or alias, after NFKC casefold and white-space
    folding, as relata normalizes them) belongs to two place ids, unless it is
    listed in DELIBERATELY_AMBIGUOUS below with exactly those ids;
  * `context_names` lists only names of the entry, and an entry with
    `context_names` has `context`;
  * no name is a bare common word listed in FORBIDDEN.
Collisions between a place and a company, person or organization are not
this check's business (other gazetteers own those names).
Prints counts per category; exits 1 on any error.
"""
import collections
import os
import re
import sys
import unicodedata

# surface form -> the ids that deliberately share it. Each of them carries a
# `context` for it, or a priority decides.
DELIBERATELY_AMBIGUOUS = {
    # the country (context: Caucasus words) and the US state (context: US words)
    "georgia": {"place:georgia", "place:georgia-state"},
    "조지아": {"place:georgia", "place:georgia-state"},
    # 광주광역시 (priority 1) and 경기 광주시 (context: 경기 words); news calls both 광주시
    "광주시": {"place:gwangju", "place:gwangju-gyeonggi"},
}

# Bare surface forms that must never be a place name: common Korean words or
# forms shared by several places (these are qualified instead). A form here is
# accepted only on an entry that lists it in context_names (or has a context
# for all its names).
FORBIDDEN = set("""중구 동구 서구 남구 북구 강서구 고성군 고성 강서 구리 오산 양산 예산 수단 영광 진도 상주 보은 음성 부여 공주 장수 완주 남해
영양 고령 거창 함양 강진 장성 동작 수영 사상 기장 달성 연수 강화 광산 유성 수정 동안 수지 상당 청원 서면 관저 대통령실 메인 지난 본 메카
치타 놈 가자지구의 고양 us la gmp""".split())

KOREAN_FILES = {"korea_admin.tsv", "korea_places.tsv"}


def norm(s):
    s = unicodedata.normalize("NFKC", s)
    s = s.casefold()
    s = unicodedata.normalize("NFKC", s)
    return " ".join(s.split())


def load(root):
    entries = []
    errors = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fn in sorted(filenames):
            if not fn.endswith(".tsv"):
                continue
            path = os.path.join(dirpath, fn)
            with open(path, encoding="utf-8-sig") as f:
                for lineno, line in enumerate(f, 1):
                    line = line.rstrip("\r\n")
                    if not line.strip() or line.lstrip().startswith("#"):
                        continue
                    cols = [c.strip() for c in line.split("\t")]
                    if cols[0] == "id":
                        continue
                    where = f"{path}:{lineno}"
                    if len(cols) < 3:
                        errors.append(f"{where}: fewer than 3 columns")
                        continue
                    aliases = [a.strip() for a in cols[3].split("|")] if len(cols) > 3 else []
                    attrs = {}
                    if len(cols) > 4 and cols[4]:
                        for kv in cols[4].split(";"):
                            kv = kv.strip()
                            if not kv:
                                continue
                            if "=" not in kv:
                                errors.append(f"{where}: attribute '{kv}' is not key=value")
                                continue
                            k, v = kv.split("=", 1)
                            if k.strip() in attrs:
                                errors.append(f"{where}: attribute '{k}' given twice")
                            attrs[k.strip()] = v.strip()
                    entries.append({
                        "id": cols[0], "type": cols[1].lower(), "name": cols[2],
                        "aliases": [a for a in aliases if a], "attrs": attrs,
                        "where": where, "file": fn,
                    })
    return entries, errors


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "gazetteers")
    entries, errors = load(root)
    by_id = {}
    for e in entries:
        if e["id"] in by_id:
            errors.append(f"{e['where']}: duplicate id '{e['id']}' (first at {by_id[e['id']]['where']})")
        else:
            by_id[e["id"]] = e
        if not e["name"]:
            errors.append(f"{e['where']}: empty name")
        if re.search(r"\s", e["id"]):
            errors.append(f"{e['where']}: white space in id")
    places = [e for e in entries if e["type"] == "place"]

    # Parents and cycles.
    for e in places:
        p = e["attrs"].get("parent")
        if p is None:
            continue
        if p not in by_id:
            errors.append(f"{e['where']}: parent '{p}' of {e['id']} does not exist")
        elif by_id[p]["type"] != "place":
            errors.append(f"{e['where']}: parent '{p}' of {e['id']} is not a place")
    for e in places:
        seen = [e["id"]]
        cur = e
        while "parent" in cur["attrs"] and cur["attrs"]["parent"] in by_id:
            nxt = cur["attrs"]["parent"]
            if nxt in seen:
                errors.append(f"{e['where']}: parent cycle {' -> '.join(seen + [nxt])}")
                break
            seen.append(nxt)
            cur = by_id[nxt]
        else:
            if e["file"] in KOREAN_FILES and "place:south-korea" not in seen:
                errors.append(f"{e['where']}: {e['id']} does not reach place:south-korea ({' -> '.join(seen)})")

    # Surface forms.
    forms = collections.defaultdict(set)
    for e in places:
        names = [e["name"]] + e["aliases"]
        normed = set()
        for n in names:
            k = norm(n)
            if not k:
                errors.append(f"{e['where']}: a name of {e['id']} normalizes to nothing")
                continue
            ctx_forms = {norm(x) for x in e["attrs"].get("context_names", "").split("|") if x}
            guarded = "context" in e["attrs"] and (not ctx_forms or k in ctx_forms)
            if k in FORBIDDEN and not guarded:
                errors.append(f"{e['where']}: '{n}' on {e['id']} is a forbidden bare form")
            normed.add(k)
            forms[k].add(e["id"])
        cn = e["attrs"].get("context_names")
        if cn is not None:
            if not e["attrs"].get("context"):
                errors.append(f"{e['where']}: context_names without context on {e['id']}")
            for n in cn.split("|"):
                if norm(n) not in normed:
                    errors.append(f"{e['where']}: context_names '{n}' is not a name of {e['id']}")
    for k, ids in sorted(forms.items()):
        if len(ids) < 2:
            continue
        if DELIBERATELY_AMBIGUOUS.get(k) == ids:
            continue
        errors.append(f"surface form '{k}' is shared by {', '.join(sorted(ids))}")
    for k, ids in DELIBERATELY_AMBIGUOUS.items():
        if forms.get(k) != ids:
            errors.append(f"deliberately ambiguous '{k}' expected on {sorted(ids)}, found on {sorted(forms.get(k, []))}")

    # Counts.
    def kind(e):
        return e["attrs"].get("kind", "")
    counts = collections.Counter()
    for e in places:
        k, f = kind(e), e["file"]
        if f == "countries.tsv":
            counts["countries and territories"] += 1
            counts["  of which territories"] += k == "territory"
        elif k == "city" and f in ("cities_cldr.tsv", "world_cities.tsv"):
            counts["world cities"] += 1
            counts["  of which generated (CLDR)"] += f == "cities_cldr.tsv"
        elif f == "korea_admin.tsv" and k in ("special-city", "metropolitan-city", "special-self-governing-city", "province"):
            counts["Korean 시·도"] += 1
        elif f == "korea_admin.tsv" and k in ("si", "gun", "gu"):
            if e["id"] in ("place:jeju-city", "place:seogwipo"):
                counts["Korean 행정시 (제주)"] += 1
            else:
                counts["Korean 시·군·구"] += 1
        elif f == "korea_admin.tsv" and k == "ilban-gu":
            counts["Korean 일반구"] += 1
        elif f == "korea_places.tsv" and k == "venue":
            counts["Korean venues"] += 1
        elif f == "korea_places.tsv":
            counts["Korean 동·읍·면 and areas"] += 1
        elif f == "world_cities.tsv":
            counts[f"other world places ({k})"] += 1
        else:
            counts[f"other ({f}, {k or 'no kind'})"] += 1
    counts["place entries in total"] = len(places)
    counts["surface forms"] = len(forms)
    order = ["countries and territories", "  of which territories", "world cities", "  of which generated (CLDR)",
             "Korean 시·도", "Korean 시·군·구", "Korean 행정시 (제주)", "Korean 일반구", "Korean 동·읍·면 and areas",
             "Korean venues"]
    for k in order + sorted(k for k in counts if k not in order):
        print(f"{k:40s} {counts[k]}")
    for err in errors:
        print("ERROR:", err, file=sys.stderr)
    if errors:
        print(f"{len(errors)} errors", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
