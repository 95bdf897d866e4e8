#!/usr/bin/env python3
"""Validate eval/dev.jsonl (or another gold file in the same format) and count
its gold mentions and relations.

    python3 eval/count_gold.py [eval/dev.jsonl]

Exit status 0 when every check passes, 1 when there is an error (each one is
printed). Warnings (type constraints that look odd, duplicate relations,
articles whose approximate body length is outside 5-15 sentences) do not fail.

Markup: every entity mention in the article body is written [surface|type].
The script only reads the file; it never runs relata.
"""
import collections
import json
import re
import sys

ENTITY_TYPES = ["person", "company", "organization", "place", "date", "money", "percent"]
RELATIONS = [
    "met-with", "located-at", "may-contract-foundry", "contracts-foundry",
    "holds-position", "spouse-of", "visited", "alumnus-of", "develops",
    "invests-in", "acquires", "partners-with",
]
SYMMETRIC = {"met-with", "spouse-of", "partners-with"}
ORGS = {"company", "organization"}
# relation -> (allowed source types, allowed target types); only warnings
CONSTRAINTS = {
    "met-with": ({"person"}, {"person"}),
    "located-at": ({"person", "company", "organization", "place"}, {"place"}),
    "may-contract-foundry": ({"company"}, {"company"}),
    "contracts-foundry": ({"company"}, {"company"}),
    "holds-position": ({"person"}, ORGS),
    "spouse-of": ({"person"}, {"person"}),
    "visited": ({"person"}, {"place"} | ORGS),
    "alumnus-of": ({"person"}, ORGS),
    "develops": (ORGS, ORGS),
    "invests-in": ({"person"} | ORGS | {"place"}, ORGS | {"place"}),
    "acquires": (ORGS, ORGS),
    "partners-with": (ORGS, ORGS),
}
ATTRIBUTE_KEYS = {"title", "modality"}
MODALITIES = {"speculative"}

MARK = re.compile(r"\[([^\[\]|\n]+)\|([a-z]+)\]")
ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|St|Co|Inc|Corp|Jr|Sr|vs|No)|\b[A-Z])\.$")
SENT_END = re.compile(r"[.!?](?=[\"'”’)]*(?:\s|$))")


def approx_body_sentences(text):
    """Sentences on lines that carry markup (furniture lines carry none).
    A marked line without end punctuation (a headline) counts as one."""
    n = 0
    for line in text.split("\n"):
        if not MARK.search(line):
            continue
        plain = MARK.sub(lambda m: m.group(1), line).strip()
        ends = 0
        for m in SENT_END.finditer(plain):
            if ABBREV.search(plain[: m.end()]):
                continue
            ends += 1
        n += ends if ends else 1
    return n


def main(path):
    errors, warnings = [], []
    seen_ids = set()
    articles = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                errors.append(f"line {lineno}: empty line")
                continue
            try:
                a = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"line {lineno}: invalid JSON: {e}")
                continue
            where = f"line {lineno} ({a.get('id', '?')})"
            for key, typ in (("id", str), ("lang", str), ("date", str), ("outlet", str),
                             ("text", str), ("relations", list)):
                if not isinstance(a.get(key), typ):
                    errors.append(f"{where}: field {key!r} missing or not a {typ.__name__}")
            if errors and errors[-1].startswith(where):
                continue
            if a["id"] in seen_ids:
                errors.append(f"{where}: duplicate id")
            seen_ids.add(a["id"])
            if a["lang"] not in ("ko", "en"):
                errors.append(f"{where}: lang must be ko or en")
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["date"]):
                errors.append(f"{where}: date must be YYYY-MM-DD")

            text = a["text"]
            mentions = []  # (surface, type)
            for m in MARK.finditer(text):
                surface, typ = m.group(1), m.group(2)
                if typ not in ENTITY_TYPES:
                    errors.append(f"{where}: unknown entity type {typ!r} in {m.group(0)!r}")
                if surface != surface.strip() or not surface.strip():
                    errors.append(f"{where}: surface with surrounding space {m.group(0)!r}")
                mentions.append((surface, typ))
            rest = MARK.sub("", text)
            for ch in "[]":
                if ch in rest:
                    i = rest.index(ch)
                    errors.append(f"{where}: unbalanced or literal {ch!r} near {rest[max(0, i - 20):i + 20]!r}")
            surface_types = collections.defaultdict(set)
            for s, t in mentions:
                surface_types[s].add(t)
            for s, ts in surface_types.items():
                if len(ts) > 1:
                    warnings.append(f"{where}: surface {s!r} marked with several types {sorted(ts)}")

            keys = set()
            for r in a["relations"]:
                rel, src, tgt = r.get("relation"), r.get("source"), r.get("target")
                if rel not in RELATIONS:
                    errors.append(f"{where}: unknown relation {rel!r}")
                    continue
                for role, s in (("source", src), ("target", tgt)):
                    if s not in surface_types:
                        errors.append(f"{where}: {rel} {role} {s!r} is not a marked surface")
                attrs = r.get("attributes", {})
                if not isinstance(attrs, dict) or set(attrs) - ATTRIBUTE_KEYS:
                    errors.append(f"{where}: bad attributes {attrs!r}")
                elif "modality" in attrs and attrs["modality"] not in MODALITIES:
                    errors.append(f"{where}: bad modality {attrs['modality']!r}")
                if src in surface_types and tgt in surface_types:
                    ok_s, ok_t = CONSTRAINTS[rel]
                    if not surface_types[src] & ok_s or not surface_types[tgt] & ok_t:
                        warnings.append(f"{where}: {rel} {src!r}({'/'.join(sorted(surface_types[src]))}) -> "
                                        f"{tgt!r}({'/'.join(sorted(surface_types[tgt]))}) has unusual types")
                key = (rel, *sorted((src, tgt))) if rel in SYMMETRIC else (rel, src, tgt)
                if key in keys:
                    warnings.append(f"{where}: duplicate relation {key}")
                keys.add(key)
                if src == tgt:
                    errors.append(f"{where}: {rel} from {src!r} to itself")
            n_sent = approx_body_sentences(text)
            if not 5 <= n_sent <= 15:
                warnings.append(f"{where}: about {n_sent} body sentences (wanted 5-15)")
            articles.append((a, mentions, n_sent))

    for e in errors:
        print("ERROR", e)
    for w in warnings:
        print("WARNING", w)
    if errors:
        print(f"{len(errors)} error(s)")
        return 1

    langs = ["ko", "en"]
    by_lang = collections.Counter(a["lang"] for a, _, _ in articles)
    print(f"articles: {len(articles)} (" + ", ".join(f"{l} {by_lang[l]}" for l in langs) + ")")
    outlets = collections.Counter((a["outlet"], a["lang"]) for a, _, _ in articles)
    print("\narticles per outlet style:")
    print(f"  {'style':<16}{'ko':>4}{'en':>4}")
    for style in sorted({o for o, _ in outlets}):
        print(f"  {style:<16}{outlets[(style, 'ko')]:>4}{outlets[(style, 'en')]:>4}")
    sents = [n for _, _, n in articles]
    print(f"\napprox. body sentences per article: min {min(sents)}, max {max(sents)}, total {sum(sents)}")

    mcount = collections.Counter()
    for a, mentions, _ in articles:
        for _, t in mentions:
            mcount[(t, a["lang"])] += 1
    print("\ngold mentions per entity type:")
    print(f"  {'type':<14}{'ko':>6}{'en':>6}{'all':>6}")
    for t in ENTITY_TYPES:
        ko, en = mcount[(t, 'ko')], mcount[(t, 'en')]
        print(f"  {t:<14}{ko:>6}{en:>6}{ko + en:>6}")
    ko, en = sum(v for (t, l), v in mcount.items() if l == "ko"), sum(v for (t, l), v in mcount.items() if l == "en")
    print(f"  {'total':<14}{ko:>6}{en:>6}{ko + en:>6}")

    rcount, spec = collections.Counter(), collections.Counter()
    for a, _, _ in articles:
        for r in a["relations"]:
            rcount[(r["relation"], a["lang"])] += 1
            if r.get("attributes", {}).get("modality") == "speculative":
                spec[r["relation"]] += 1
    print("\ngold relations per type:")
    print(f"  {'relation':<22}{'ko':>5}{'en':>5}{'all':>5}{'  speculative':>13}")
    for rel in RELATIONS:
        ko, en = rcount[(rel, 'ko')], rcount[(rel, 'en')]
        print(f"  {rel:<22}{ko:>5}{en:>5}{ko + en:>5}{spec[rel]:>13}")
    ko, en = sum(v for (r, l), v in rcount.items() if l == "ko"), sum(v for (r, l), v in rcount.items() if l == "en")
    print(f"  {'total':<22}{ko:>5}{en:>5}{ko + en:>5}{sum(spec.values()):>13}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "eval/dev.jsonl"))
