#!/usr/bin/env python3
"""Deterministic news-like corpus and gazetteers for relata's benchmarks.

Writes into OUT_DIR:
  gaz_1k.tsv, gaz_100k.tsv, gaz_1m.tsv   nested: each is a prefix of the next
  corpus.jsonl                            {"id","lang","text"} per line, ~SIZE MB

Names are synthetic but shaped like the real thing: Korean person names
(surname + one or two given syllables, a few two-syllable surnames), Korean
company names (two to four syllables, often with 전자/바이오/건설...), Latin
person names (first [initial] last), Latin company names (one or two words +
Inc./Corp./Group...), organizations and places. Because two-syllable Korean
names are drawn from common syllables, many of them also occur inside ordinary
words (경제학, 시장성): the accidental substring hits a raw matcher pays for and
a boundary-aware one should reject cheaply.

Sentences put names before the particle that agrees with their last syllable
(삼성전자는, 김민준이), and carry numbers, money, dates and quotes. Same seed,
same bytes: the figures of two runs are comparable.
"""
import argparse
import json
import os
import random

SURNAMES = list("김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염석선설마길연위표명기반왕금옥육인맹제모탁국여어은편용예경봉사부가복태목형피두감음빈동온호범좌팽승간상갈시")
SURNAMES2 = ["남궁", "제갈", "선우", "황보", "독고", "사공", "서문"]
GIVEN = list("민서준지현우수영진하은예도윤재호성연주아유정원혜경승태희동규빈상석채인훈나린소한다미세율가시온보람찬슬기송철광명순남")
# Common syllables of ordinary news vocabulary: company names made of them
# collide with words, as real ones do.
COMMON = list("대한국가정부시장경제기업투자발표관계자계획산업기술개발회사사업전자금융증권은행보험건설통신에너지화학바이오제약자동차반도체디스플레이물산상사중공업해운항공유통식품게임엔터미디어소재부품장비신한우리하나미래새한성동서남북중앙평화통일세계글로벌코리아")
CO_SUFFIX = ["전자", "바이오", "건설", "제약", "테크", "홀딩스", "물산", "증권", "은행", "화학", "중공업", "에너지", "소프트", "로보틱스", "모빌리티", "", "", "", ""]
ORG_SUFFIX = ["위원회", "연구원", "협회", "재단", "공사", "대학교", "청", "부"]
FIRST = ["james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "william", "elizabeth", "david", "barbara",
         "richard", "susan", "joseph", "jessica", "thomas", "sarah", "charles", "karen", "daniel", "nancy", "matthew", "lisa",
         "anthony", "betty", "mark", "sandra", "donald", "ashley", "steven", "kimberly", "paul", "emily", "andrew", "donna",
         "joshua", "michelle", "kenneth", "carol", "kevin", "amanda", "brian", "melissa", "george", "deborah", "timothy",
         "stephanie", "ronald", "rebecca", "jason", "laura", "edward", "helen", "jeffrey", "sharon", "ryan", "cynthia",
         "jacob", "kathleen", "gary", "amy", "nicholas", "angela", "eric", "shirley", "jonathan", "anna", "stephen", "ruth",
         "larry", "brenda", "justin", "pamela", "scott", "nicole", "brandon", "katherine", "benjamin", "virginia", "samuel",
         "catherine", "gregory", "christine", "alexander", "samantha", "patrick", "debra", "frank", "janet", "raymond",
         "rachel", "jack", "carolyn", "dennis", "emma", "jerry", "maria", "tyler", "heather", "aaron", "diane", "jose",
         "julie", "adam", "joyce", "nathan", "victoria", "henry", "kelly", "zachary", "christina", "douglas", "lauren",
         "peter", "joan", "kyle", "evelyn", "noah", "olivia", "ethan", "judith", "jeremy", "megan", "walter", "cheryl",
         "christian", "andrea", "keith", "hannah", "roger", "martha", "terry", "jacqueline", "austin", "frances", "sean",
         "gloria", "gerald", "ann", "carl", "teresa", "harold", "kathryn", "dylan", "sara", "arthur", "janice", "lawrence",
         "jean", "jordan", "alice", "jesse", "madison", "bryan", "doris", "billy", "abigail", "bruce", "julia", "gabriel",
         "judy", "joe", "grace", "logan", "denise", "albert", "amber", "willie", "marilyn", "alan", "beverly", "eugene",
         "danielle", "russell", "theresa", "vincent", "sophia", "philip", "marie", "bobby", "diana", "johnny", "brittany",
         "bradley", "natalie", "roy", "isabella", "wei", "jensen", "satya", "sundar", "tim", "lisa", "masayoshi", "jun"]
LAST_SYL = ["son", "man", "ton", "ley", "ford", "field", "wood", "berg", "stein", "er", "ers", "ski", "ez", "ov", "ova",
            "well", "worth", "ham", "by", "land", "more", "hill", "brook", "dale", "ridge", "shaw", "wick", "ling", "en"]
LAST_HEAD = ["john", "ander", "wil", "rob", "har", "mar", "car", "thom", "gar", "ed", "wal", "char", "bak", "cart",
             "row", "fish", "cook", "bell", "ward", "mor", "kel", "tay", "grif", "gold", "sil", "rosen", "fein", "kow",
             "petr", "ivan", "hern", "gonz", "rodr", "mart", "lop", "per", "san", "ram", "tor", "nak", "tan", "yam",
             "hay", "sato", "kim", "park", "lee", "chen", "wang", "zhang", "liu", "huang", "zhao", "wu", "zhou", "xu"]
CO_WORDS = ["apex", "nova", "vertex", "quantum", "summit", "atlas", "orion", "pioneer", "horizon", "fusion", "zenith",
            "stellar", "vector", "matrix", "nexus", "pulse", "vista", "crest", "harbor", "bridge", "silver", "golden",
            "blue", "green", "red", "north", "south", "east", "west", "united", "global", "pacific", "atlantic",
            "digital", "micro", "nano", "bio", "gen", "tech", "data", "cloud", "cyber", "solar", "wind", "hydro",
            "iron", "steel", "copper", "cobalt", "lithium", "neon", "argon", "delta", "sigma", "omega", "alpha", "beta"]
CO_LATIN_SUFFIX = ["inc.", "corp.", "group", "holdings", "systems", "labs", "technologies", "partners", "capital",
                   "motors", "semiconductor", "pharma", "energy", "networks", "", ""]
PLACES_KO = ["서울", "부산", "인천", "대구", "광주", "대전", "울산", "세종", "수원", "성남", "용인", "평택", "판교",
             "도쿄", "베이징", "상하이", "워싱턴", "뉴욕", "런던", "파리", "베를린", "타이베이", "하노이", "싱가포르"]
PLACES_EN = ["seoul", "busan", "tokyo", "beijing", "shanghai", "washington", "new york", "london", "paris", "berlin",
             "taipei", "hanoi", "singapore", "austin", "phoenix", "dresden", "hsinchu", "osaka", "mumbai", "sydney"]
WORDS_KO = ["경제학", "시장성", "기업가", "투자자", "발표회", "관계자들", "계획안", "산업계", "기술력", "개발자", "회사채",
            "사업부", "전자상거래", "금융권", "증권가", "은행장", "보험료", "건설업", "통신망", "에너지원", "화학물질",
            "바이오헬스", "반도체업계", "정부청사", "대한민국", "국가대표", "세계화", "미래형", "새해", "중앙은행",
            "평화롭게", "통일부", "글로벌화", "코리아세일", "서울시민", "한국인", "미국인", "동서양", "남북관계"]
VERBS_KO = ["밝혔다", "발표했다", "전했다", "설명했다", "강조했다", "덧붙였다", "예상했다", "합의했다", "체결했다"]
NOUNS_KO = ["공급 계약", "합작 법인", "투자 계획", "신규 공장", "연구 개발", "인수 합병", "전략적 제휴", "실적 발표"]
WORDS_EN = ["market", "investment", "semiconductor", "foundry", "agreement", "quarter", "revenue", "analysts", "shares",
            "percent", "capacity", "factory", "production", "announcement", "officials", "regulators", "competition",
            "supply", "chain", "demand", "growth", "forecast", "profit", "earnings", "billion", "million", "deal"]
VERBS_EN = ["said", "announced", "told reporters", "confirmed", "added", "noted", "estimated", "warned"]


def has_batchim(ch):
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7A3 and (o - 0xAC00) % 28 != 0


def josa(name, pair):
    """Particle agreeing with the name's last syllable: pair = (after consonant, after vowel)."""
    last = name[-1]
    if not (0xAC00 <= ord(last) <= 0xD7A3):
        return pair[1]
    if pair == ("으로", "로"):
        o = ord(last) - 0xAC00
        return "로" if o % 28 in (0, 8) else "으로"
    return pair[0] if has_batchim(last) else pair[1]


class Names:
    """An endless, deterministic, duplicate-free stream of gazetteer entries."""

    def __init__(self, rng):
        self.rng = rng
        self.seen = set()
        self.n = 0

    def _ko_syl(self, k):
        return "".join(self.rng.choice(COMMON) for _ in range(k))

    def candidate(self):
        r = self.rng.random()
        rng = self.rng
        if r < 0.40:
            if rng.random() < 0.05:
                name = rng.choice(SURNAMES2) + "".join(rng.choice(GIVEN) for _ in range(2))
            else:
                name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
            return "person", name, [], "lang=ko"
        if r < 0.62:
            k = rng.choice((2, 2, 3, 3, 4))
            name = self._ko_syl(k) + rng.choice(CO_SUFFIX)
            return "company", name, [], ""
        if r < 0.82:
            first = rng.choice(FIRST)
            last = rng.choice(LAST_HEAD) + rng.choice(LAST_SYL)
            mid = (" " + chr(97 + rng.randrange(26)) + ".") if rng.random() < 0.2 else ""
            name = (first + mid + " " + last).title()
            return "person", name, [last.title()] if rng.random() < 0.3 else [], ""
        if r < 0.95:
            words = [rng.choice(CO_WORDS) for _ in range(rng.choice((1, 2, 2)))]
            suffix = rng.choice(CO_LATIN_SUFFIX)
            name = " ".join(words + ([suffix] if suffix else [])).title()
            return "company", name, [" ".join(words).title()] if suffix and rng.random() < 0.5 else [], ""
        name = self._ko_syl(rng.choice((2, 3))) + rng.choice(ORG_SUFFIX)
        return "organization", name, [], ""

    def next(self):
        while True:
            typ, name, aliases, attrs = self.candidate()
            if name in self.seen:
                continue
            self.seen.add(name)
            self.n += 1
            return "%s:g%07d" % (typ, self.n), typ, name, aliases, attrs


def write_gazetteers(out, sizes, rng):
    names = Names(rng)
    entries = []
    total = max(sizes.values())
    for _ in range(total):
        entries.append(names.next())
    for label, size in sizes.items():
        with open(os.path.join(out, "gaz_%s.tsv" % label), "w", encoding="utf-8") as f:
            f.write("id\ttype\tname\taliases\tattributes\n")
            for e in entries[:size]:
                f.write("%s\t%s\t%s\t%s\t%s\n" % (e[0], e[1], e[2], "|".join(e[3]), e[4]))
    return entries


def ko_sentence(rng, pick):
    t, name = pick("person", True)
    _, co = pick("company", True)
    _, co2 = pick("company", True)
    place = rng.choice(PLACES_KO)
    n = rng.randrange(2, 999)
    y, m, d = rng.randrange(2019, 2026), rng.randrange(1, 13), rng.randrange(1, 29)
    w = rng.choice(WORDS_KO)
    forms = [
        lambda: "%s %s%s %d일 %s에서 %s%s %s을 맺었다고 %s." % (co, "회장인" if rng.random() < 0.3 else "대표", "" if True else "", d, place, co2, josa(co2, ("과", "와")), rng.choice(NOUNS_KO), rng.choice(VERBS_KO)),
        lambda: "%s%s %s%s %d억 원 규모의 %s를 %s." % (co, josa(co, ("은", "는")), place + "에", " 위치한 공장에", n, rng.choice(NOUNS_KO), rng.choice(VERBS_KO)),
        lambda: "\"%s의 %s 전망은 밝다\"고 %s %s%s %s." % (w, rng.choice(WORDS_KO), co, name, josa(name, ("이", "가")), rng.choice(VERBS_KO)),
        lambda: "%s%s %d년 %d월 %d일 %s%s 만나 %s 문제를 논의했다." % (name, josa(name, ("은", "는")), y, m, d, co2, josa(co2, ("과", "와")) + " 함께", w),
        lambda: "%s 주가는 전날보다 %d.%d%% 오른 %d,%03d원에 마감했으며 %s 분석이 나왔다." % (co, rng.randrange(1, 30), rng.randrange(10), rng.randrange(1, 900), rng.randrange(1000), w),
        lambda: "%s에 따르면 %s%s %s%s %s 조 원을 투자할 계획이다." % (w, co, josa(co, ("은", "는")), place, josa(place, ("으로", "로")), n),
        lambda: "%s %s%s \"%s 시장에서 %s%s 경쟁은 불가피하다\"고 말했다." % (rng.choice(WORDS_KO), name, josa(name, ("은", "는")), place, co2, josa(co2, ("과", "와"))),
    ]
    return rng.choice(forms)()


def en_sentence(rng, pick):
    _, name = pick("person", False)
    _, co = pick("company", False)
    _, co2 = pick("company", False)
    place = rng.choice(PLACES_EN).title()
    n = rng.randrange(2, 999)
    forms = [
        lambda: "%s, chief executive of %s, %s on Tuesday that the company would invest $%d.%d billion in %s." % (name, co, rng.choice(VERBS_EN), rng.randrange(1, 90), rng.randrange(10), place),
        lambda: "\"We expect %s %s to pick up in the second half,\" %s %s." % (rng.choice(WORDS_EN), rng.choice(WORDS_EN), name, rng.choice(VERBS_EN)),
        lambda: "%s's shares rose %d.%d%% to $%d after %s signed a %s %s with %s." % (co, rng.randrange(1, 20), rng.randrange(10), n, co, rng.choice(WORDS_EN), rng.choice(WORDS_EN), co2),
        lambda: "%s met %s in %s on March %d, %d, to discuss the %s." % (name, co2, place, rng.randrange(1, 29), rng.randrange(2019, 2026), rng.choice(WORDS_EN)),
        lambda: "Analysts at %s said %s %s could reach %d million units by %d." % (co2, co, rng.choice(WORDS_EN), n, rng.randrange(2026, 2031)),
    ]
    return rng.choice(forms)()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", help="output directory")
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20; the issue's figure is 100)")
    ap.add_argument("--seed", type=int, default=20260301)
    ap.add_argument("--gazetteers", default="1k=1000,100k=100000,1m=1000000")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    sizes = {}
    for part in args.gazetteers.split(","):
        k, v = part.split("=")
        sizes[k] = int(v)
    entries = write_gazetteers(args.out, sizes, rng)

    # Mentions come mostly from the first 1k entries (in every gazetteer), some
    # from the 100k and 1M tails, so the larger gazetteers find more.
    by_kind = {}
    for e in entries:
        ko = any(0xAC00 <= ord(ch) <= 0xD7A3 for ch in e[2])
        by_kind.setdefault((e[1], ko), []).append(e[2])
    def pick(typ, ko):
        pool = by_kind.get((typ, ko)) or by_kind[("company", ko)]
        r = rng.random()
        limit = len(pool) // 1000 if r < 0.7 else len(pool) // 10 if r < 0.9 else len(pool)
        return typ, pool[rng.randrange(max(1, limit))]

    target = int(args.mb * 1e6)
    written = 0
    doc = 0
    with open(os.path.join(args.out, "corpus.jsonl"), "w", encoding="utf-8") as f:
        while written < target:
            doc += 1
            ko = rng.random() < 0.6
            paragraphs = []
            for _ in range(rng.randrange(3, 8)):
                sents = [(ko_sentence if ko else en_sentence)(rng, pick) for _ in range(rng.randrange(2, 5))]
                paragraphs.append(" ".join(sents))
            text = "\n".join(paragraphs)
            line = json.dumps({"id": "d%06d" % doc, "lang": "ko" if ko else "en", "text": text}, ensure_ascii=False)
            f.write(line + "\n")
            written += len(text.encode("utf-8"))
    print("corpus: %d documents, %.1f MB of text; gazetteers: %s" % (doc, written / 1e6, ", ".join(sizes)))


if __name__ == "__main__":
    main()
