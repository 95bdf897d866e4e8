#!/usr/bin/env python3
"""Checks the people and organization gazetteers.

Usage: python3 tools/check_people_orgs.py [--root DIR] [--quiet]

Loads gazetteers/people/*.tsv and gazetteers/organizations/*.tsv (and every
other gazetteer file under gazetteers/, for id uniqueness and references) and
checks the conventions of docs/gazetteers.md, "People and positions":

  * at least 1,000 people and 300 organizations;
  * every id is unique across all files under gazetteers/ (the loader rejects
    duplicates), shaped person:<slug> / org:<slug>, with the matching type;
  * every data line has at least 3 tab-separated columns and a non-empty name;
  * attributes are key=value, no key twice; since/until are YYYY or YYYY-MM and
    since <= until; organization= values start with company:/org:/place:,
    party= with org:, homonym= with person:/org:, and every id an attribute
    names is defined somewhere under gazetteers/;
  * no alias is a bare surname or given name: a single Hangul syllable, a
    romanized Korean surname (Lee, Kim ...), the last or first token of a
    person's multi-token name (Huang, 트럼프, 젠슨), or a Korean person's given
    name (재용 for 이재용);
  * no surface form (NFKC casefold, white space collapsed) is shared by two
    people or by two organizations unless one lists the other in homonym=;
  * an all-letter acronym alias that spells a common lower-case English word
    (WHO, AP, SEC ...) needs context=; where context_names= names the ambiguous
    names, every other name must contain a context word so it still matches;
  * context words are not single Hangul syllables or Latin strings under 3
    letters (they would occur in almost every sentence).

Prints counts per file and exits 1 on any error. Python 3 standard library only.
"""

import argparse
import glob
import json
import os
import re
import sys
import unicodedata

MIN_PEOPLE = 1000
MIN_ORGS = 300

# Romanized Korean surnames as news writes them. An alias that is one of
# these alone is a bare surname.
KOREAN_SURNAMES = {
    "lee", "yi", "rhee", "ri", "kim", "gim", "park", "pak", "bak", "choi", "choe", "chey",
    "jung", "jeong", "chung", "cheong", "cho", "jo", "kang", "yoon", "yun", "youn",
    "jang", "chang", "lim", "im", "yim", "han", "oh", "seo", "suh", "shin", "sin",
    "kwon", "kweon", "hwang", "ahn", "an", "song", "ryu", "yoo", "yu", "hong", "jeon",
    "jun", "chun", "koh", "ko", "go", "moon", "mun", "yang", "son", "sohn", "bae",
    "baek", "paik", "heo", "huh", "hur", "nam", "noh", "roh", "no", "ha", "kwak",
    "sung", "cha", "joo", "ju", "woo", "koo", "ku", "min", "na", "jin", "ji", "um",
    "eom", "chae", "won", "bang", "pyo", "myung", "yeo", "wi", "tak", "ma", "goh",
}

# Lower-case English words that an upper-case acronym alias would also match.
COMMON_WORDS = set("""
a an am as at be by do go he if in is it me my no of on or so to up us we
ace act add age ago aid aim air all and any ape apt arc are ark arm art ask ate
bad bag ban bar bat bed bee bet bid big bin bit bow box boy bud bug bus but buy
cab can cap car cat cod cop cow cry cub cue cup cut dad day den dew did die dig
dim doe dog don dot dry due dug dye ear eat egg ego elf elm end era eve eye fan
far fat fed fee few fig fin fit fix flu fly foe fog for fox fry fun fur gap gas
gel gem get gig gin god got gum gun gut guy gym had ham has hat hay hem hen her
hid him hip his hit hog hop hot how hub hue hug hut ice icy ill imp ink inn ion
its ivy jam jar jaw jet job jog joy jug key kid kin kit lab lad lag lap law lay
lea led leg let lid lie lip lit log lot low mad man map mat may men met mid mix
mob mod mop mud mug nab nag nap net new nib nil nit nod nor not now nun nut oak
oar oat odd ode off oft oil old one opt orb ore our out owe owl own pad pal pan
par pat paw pay pea peg pen pep per pet pew pie pig pin pit ply pod pop pot pro
pry pub pun pup put rag ram ran rap rat raw ray red rib rid rig rim rip rob rod
rot row rub rug rum run rut sac sad sag sap sat saw say sea sec see set sew she
shy sin sip sir sit six ski sky sly sob sod son sow soy spa spy sty sub sum sun
tab tad tag tan tap tar tax tea ten the tie tin tip toe ton too top tow toy try
tub tug two urn use van vat vet via vie vow wad wag war was wax way web wed wet
who why wig win wit woe wok won woo wow yak yam yap yes yet you zap zip zoo
also back band bank base bass bell best bill bird blue boat body bold bond book
boom born boss both care case cash cast cell chip city club code cold come cool
core cost crew dark data date deal dean deep desk disk does done door down draw
drop drug each east easy edge else even ever face fact fair fall farm fast fear
file fill find fine fire firm fish five flag flat flow food foot form free from
fuel full fund gain game gate gift girl give glad goal gold golf gone good grow
half hall hand hard have head hear heat help here hero high hill hire hold hole
home hope host hour huge idea into iron item join jump just keep kind king land
last late lead left less life lift like line link list live load loan lock long
look lord lose loss lost love luck made mail main make male many mark mass meal
mean meet menu mind mine miss mode more most move much must name near neck need
news next nice nine none note open over pace pack page paid pain pair park part
pass past path peak pick plan play plus poll pool poor port post pull pure push
quad race rain rand rate read real rest rice rich ride ring rise risk road rock
role roll room root rule safe said sale salt same sand save seat seed seek seem
self sell semi send ship shop shot show shut sick side sign sing site size skin
slow snow soft soil sold sole some song soon sort soul spot star stay step stop
such suit sure take tale talk tall tank tape task team tell tend term test text
than that them then they thin this tide tier time tiny told tone tool tour town
tree trip true tune turn type unit upon used user vast very view vote wage wait
wake walk wall want warm wash wave weak wear week well went were west what when
wide wife wild will wind wine wing wire wise wish with wood word wore work yard
year your zero zone gist ft wp ap imo sia
""".split())

DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
ID_RE = re.compile(r"^[a-z]+:[a-z0-9]+(-[a-z0-9]+)*$")
HANGUL_SYLLABLE = re.compile(r"^[\uac00-\ud7a3]$")
HANGUL_NAME3 = re.compile(r"^[\uac00-\ud7a3]{3}$")
REF_PREFIXES = {
    "organization": ("company:", "org:", "place:"),
    "party": ("org:",),
    "homonym": ("person:", "org:"),
    "predecessor": ("org:", "company:"),
    "successor": ("org:", "company:"),
}


def norm(s):
    s = unicodedata.normalize("NFKC", s).casefold()
    return " ".join(s.split())


class Entry:
    def __init__(self, where, eid, etype, name, aliases, attrs):
        self.where = where
        self.id = eid
        self.type = etype
        self.name = name
        self.aliases = aliases
        self.attrs = attrs

    def surfaces(self):
        return [self.name] + self.aliases


def read_tsv(path, errors, kind):
    entries = []
    with open(path, encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            where = f"{path}:{n}"
            if len(cols) < 3:
                if kind:
                    errors.append(f"{where}: expected at least 3 tab-separated columns, found {len(cols)}")
                continue
            eid, etype, name = (c.strip() for c in cols[:3])
            if eid == "id" and not entries:
                continue  # header
            aliases = [a.strip() for a in cols[3].split("|")] if len(cols) > 3 else []
            aliases = [a for a in aliases if a]
            attrs = {}
            if len(cols) > 4 and cols[4].strip():
                for seg in cols[4].split(";"):
                    seg = seg.strip()
                    if not seg:
                        continue
                    if "=" not in seg:
                        if kind:
                            errors.append(f"{where}: attribute '{seg}' is not key=value")
                        continue
                    k, v = (x.strip() for x in seg.split("=", 1))
                    if k in attrs and kind:
                        errors.append(f"{where}: attribute '{k}' given twice")
                    attrs[k] = v
            if kind and not name:
                errors.append(f"{where}: empty name for id '{eid}'")
            entries.append(Entry(where, eid, etype.lower(), name, aliases, attrs))
    return entries


def read_jsonl(path):
    entries = []
    with open(path, encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                o = json.loads(line)
            except ValueError:
                continue
            if isinstance(o, dict) and "id" in o:
                entries.append(Entry(f"{path}:{n}", str(o["id"]), str(o.get("type", "")).lower(),
                                     str(o.get("name", "")), [str(a) for a in o.get("aliases", []) or []],
                                     {k: str(v) for k, v in (o.get("attributes") or {}).items()}))
    return entries


def ids_in(value):
    return [v.strip() for v in value.split("|") if v.strip()]


def check_attrs(e, errors, all_ids):
    a = e.attrs
    for key in ("since", "until"):
        if key in a and not DATE_RE.match(a[key]):
            errors.append(f"{e.where}: {key}={a[key]} is not YYYY or YYYY-MM ({e.id})")
    if "since" in a and "until" in a and DATE_RE.match(a["since"]) and DATE_RE.match(a["until"]):
        if a["since"][:4] > a["until"][:4]:
            errors.append(f"{e.where}: since={a['since']} is after until={a['until']} ({e.id})")
    for key, prefixes in REF_PREFIXES.items():
        if key not in a:
            continue
        for ref in ids_in(a[key]):
            if not ref.startswith(prefixes):
                errors.append(f"{e.where}: {key}={ref} must start with {'/'.join(prefixes)} ({e.id})")
            elif ref not in all_ids:
                errors.append(f"{e.where}: {key}={ref} is not defined under gazetteers/ ({e.id})")
            elif ref == e.id:
                errors.append(f"{e.where}: {key} names the entry itself ({e.id})")
    if "title" in a and not a["title"].strip("|"):
        errors.append(f"{e.where}: empty title ({e.id})")
    if "context" in a:
        words = [w for w in (norm(x) for x in a["context"].split("|")) if w]
        if not words:
            errors.append(f"{e.where}: empty context ({e.id})")
        for w in words:
            if HANGUL_SYLLABLE.match(w) or (w.isascii() and len(w) < 3):
                errors.append(f"{e.where}: context word '{w}' is too short to be specific ({e.id})")
        if "context_names" in a:
            ambiguous = {norm(x) for x in a["context_names"].split("|") if x.strip()}
            names = {norm(s) for s in e.surfaces()}
            for amb in ambiguous - names:
                errors.append(f"{e.where}: context_names lists '{amb}', which is no name of {e.id}")
            for s in names - ambiguous:
                if not any(w in s for w in words):
                    errors.append(f"{e.where}: name '{s}' of {e.id} contains no context word, so it would "
                                  f"need context too (add it to context or to context_names)")
    elif "context_names" in a:
        errors.append(f"{e.where}: context_names without context ({e.id})")


def homonym_ok(a, b):
    return b.id in ids_in(a.attrs.get("homonym", "")) or a.id in ids_in(b.attrs.get("homonym", ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    ap.add_argument("--quiet", action="store_true", help="print only errors and the summary")
    args = ap.parse_args()
    gaz = os.path.join(args.root, "gazetteers")
    errors = []

    people_files = sorted(glob.glob(os.path.join(gaz, "people", "*.tsv")))
    org_files = sorted(glob.glob(os.path.join(gaz, "organizations", "*.tsv")))
    own = set(people_files + org_files)

    # Every gazetteer file, for id uniqueness and references.
    everything = []
    for dirpath, _, files in os.walk(gaz):
        for fn in sorted(files):
            p = os.path.join(dirpath, fn)
            if fn.endswith(".tsv"):
                everything.extend(read_tsv(p, errors if p in own else [], p in own))
            elif fn.endswith((".jsonl", ".ndjson")):
                everything.extend(read_jsonl(p))
    first = {}
    for e in everything:
        if e.id in first:
            errors.append(f"{e.where}: duplicate id '{e.id}' (first defined at {first[e.id].where})")
        else:
            first[e.id] = e
    all_ids = set(first)

    counts = {}
    groups = {"person": [], "organization": []}
    for e in everything:
        path = e.where.rsplit(":", 1)[0]
        if path not in own:
            continue
        counts[path] = counts.get(path, 0) + 1
        want = "person" if path in people_files else "organization"
        prefix = "person:" if want == "person" else "org:"
        if e.type != want:
            errors.append(f"{e.where}: type '{e.type}' in a {want} file ({e.id})")
        if not e.id.startswith(prefix) or not ID_RE.match(e.id):
            errors.append(f"{e.where}: id '{e.id}' is not {prefix}<lowercase-slug>")
        groups[want].append(e)
        check_attrs(e, errors, all_ids)

    # Bare surnames and given names.
    last_tokens, first_tokens = set(), set()
    for e in groups["person"]:
        for s in e.surfaces():
            toks = norm(s).replace(".", " ").split()
            if len(toks) >= 2:
                last_tokens.add(toks[-1])
                first_tokens.add(toks[0])
    for e in groups["person"]:
        given = e.name[1:] if HANGUL_NAME3.match(e.name) else None
        for al in e.aliases:
            n = norm(al)
            if " " in n:
                continue
            why = None
            if HANGUL_SYLLABLE.match(n):
                why = "a single Hangul syllable"
            elif n in KOREAN_SURNAMES:
                why = "a bare Korean surname"
            elif given and n == given:
                why = "a bare given name"
            elif n in last_tokens:
                why = "the last token (surname) of a full name"
            elif n in first_tokens:
                why = "the first token (given name) of a full name"
            if why:
                errors.append(f"{e.where}: alias '{al}' of {e.id} is {why}")
    for e in groups["organization"]:
        for al in e.aliases:
            if HANGUL_SYLLABLE.match(norm(al)):
                errors.append(f"{e.where}: alias '{al}' of {e.id} is a single Hangul syllable")

    # Acronyms that spell lower-case words.
    for e in groups["person"] + groups["organization"]:
        for s in e.surfaces():
            if re.fullmatch(r"[A-Za-z]{2,5}", s) and s.lower() in COMMON_WORDS and "context" not in e.attrs:
                errors.append(f"{e.where}: '{s}' of {e.id} also spells the word '{s.lower()}'; "
                              f"add context= or drop it")

    # Shared surface forms within people and within organizations.
    for kind, entries in groups.items():
        by_surface = {}
        for e in entries:
            for s in {norm(x) for x in e.surfaces()}:
                by_surface.setdefault(s, []).append(e)
        for s, es in sorted(by_surface.items()):
            for i in range(len(es)):
                for j in range(i + 1, len(es)):
                    if not homonym_ok(es[i], es[j]):
                        errors.append(f"{es[j].where}: '{s}' is a name of both {es[i].id} ({es[i].where}) "
                                      f"and {es[j].id}; mark them homonym= or drop one")

    n_people, n_orgs = len(groups["person"]), len(groups["organization"])
    if n_people < MIN_PEOPLE:
        errors.append(f"only {n_people} people (need at least {MIN_PEOPLE})")
    if n_orgs < MIN_ORGS:
        errors.append(f"only {n_orgs} organizations (need at least {MIN_ORGS})")

    if not args.quiet:
        for path in people_files + org_files:
            print(f"{counts.get(path, 0):6d}  {os.path.relpath(path, args.root)}")
    with_title = sum(1 for e in groups["person"] if "title" in e.attrs)
    with_org = sum(1 for e in groups["person"] if "organization" in e.attrs)
    print(f"people: {n_people} ({with_title} with title, {with_org} with organization); "
          f"organizations: {n_orgs}; ids under gazetteers/: {len(all_ids)}")
    for err in errors:
        print("error: " + err, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
