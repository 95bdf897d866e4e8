#include "resolve/entity_resolver.h"

#include <doctest/doctest.h>

namespace relata::resolve {
namespace {

struct Fixture {
  text::Normalizer folder = text::Normalizer::Create(text::NormalForm::kNfkcCasefold).value();
  segment::ParticleSet particles =
      segment::ParticleSet::Parse("는\tvowel\n은\tconsonant\n가\tvowel\n이\tconsonant\n", "test.tsv").value();
  gazetteer::Gazetteer gaz;
  std::string text;
  std::vector<text::NormalizedText> folded;
  std::vector<SentenceView> views;

  explicit Fixture(const std::string& tsv) {
    gazetteer::GazetteerBuilder b;
    REQUIRE(b.AddText(tsv, "test.tsv", false).ok());
    gaz = b.Build(folder).value();
  }
  // One sentence per line of `t`.
  void SetText(const std::string& t) {
    text = t;
    size_t start = 0;
    folded.clear();
    std::vector<ByteSpan> spans;
    while (start < t.size()) {
      size_t nl = t.find('\n', start);
      if (nl == std::string::npos) nl = t.size();
      spans.push_back({start, nl});
      start = nl + 1;
    }
    folded.reserve(spans.size());
    views.clear();
    for (const ByteSpan& s : spans) {
      folded.push_back(folder.Normalize(std::string_view(t).substr(s.begin, s.size())));
      views.push_back({s, &folded.back()});
    }
  }
  size_t SentenceOf(size_t pos) const {
    for (size_t i = 0; i < views.size(); ++i) {
      if (pos >= views[i].span.begin && pos <= views[i].span.end) return i;
    }
    return 0;
  }
  Mention At(const std::string& surface, size_t occurrence, const std::string& type, MentionSource src,
             const std::string& id) {
    size_t pos = text.find(surface);
    for (size_t k = 0; k < occurrence; ++k) pos = text.find(surface, pos + 1);
    REQUIRE(pos != std::string::npos);
    Mention m;
    m.candidate.span = {pos, pos + surface.size()};
    m.candidate.type = type;
    m.candidate.source = src;
    m.candidate.source_id = id;
    if (src == MentionSource::kGazetteer) m.candidate.canonical_id = id;
    m.sentence = SentenceOf(pos);
    return m;
  }
  Resolution Run(std::vector<Mention>* ms) {
    EntityResolver r(&gaz, &folder, &particles);
    return r.Resolve(text, views, ms);
  }
};

const char kPeople[] =
    "person:lee-jae-yong\tperson\t이재용\tLee Jae-yong\ttitle=회장\n"
    "person:lee-boo-jin\tperson\t이부진\t\ttitle=사장\n"
    "person:mark-zuckerberg\tperson\t마크 저커버그\tMark Zuckerberg\ttitle=CEO\n";

TEST_SUITE("resolve") {
TEST_CASE("a surname and title joins the one earlier person who has both") {
  Fixture f(kPeople);
  f.SetText("이재용 회장이 말했다\n이 회장은 웃었다");
  std::vector<Mention> ms = {f.At("이재용", 0, "person", MentionSource::kGazetteer, "person:lee-jae-yong"),
                             f.At("이 회장", 0, "person", MentionSource::kRule, "ko.surname-title")};
  ms[1].candidate.attributes = {{"surname_only", "true"}, {"surname", "이"}, {"title", "회장"}};
  Resolution r = f.Run(&ms);
  REQUIRE(r.entity_of.size() == 2);
  REQUIRE(r.entity_of[1].has_value());
  CHECK(r.entities[*r.entity_of[1]].id == "person:lee-jae-yong");
  CHECK(r.how[1] == "surname+title");
}

TEST_CASE("a surname and title shared by two earlier persons is not guessed") {
  Fixture f("person:a\tperson\t이재용\t\ttitle=회장\nperson:b\tperson\t이건희\t\ttitle=회장\n");
  f.SetText("이재용 회장과 이건희 회장\n이 회장은 웃었다");
  std::vector<Mention> ms = {f.At("이재용", 0, "person", MentionSource::kGazetteer, "person:a"),
                             f.At("이건희", 0, "person", MentionSource::kGazetteer, "person:b"),
                             f.At("이 회장", 0, "person", MentionSource::kRule, "ko.surname-title")};
  ms[2].candidate.attributes = {{"surname_only", "true"}, {"surname", "이"}, {"title", "회장"}};
  Resolution r = f.Run(&ms);
  CHECK_FALSE(r.entity_of[2].has_value());
  CHECK(r.how[2].find("2 earlier persons") != std::string::npos);
}

TEST_CASE("a surname and title with no earlier person stays unresolved") {
  Fixture f(kPeople);
  f.SetText("이 회장은 웃었다");
  std::vector<Mention> ms = {f.At("이 회장", 0, "person", MentionSource::kRule, "ko.surname-title")};
  ms[0].candidate.attributes = {{"surname_only", "true"}, {"surname", "이"}, {"title", "회장"}};
  Resolution r = f.Run(&ms);
  CHECK_FALSE(r.entity_of[0].has_value());
}

TEST_CASE("the title must agree: 이 사장 does not join 이재용 회장") {
  Fixture f(kPeople);
  f.SetText("이재용 회장이 말했다\n이 사장은 웃었다");
  std::vector<Mention> ms = {f.At("이재용", 0, "person", MentionSource::kGazetteer, "person:lee-jae-yong"),
                             f.At("이 사장", 0, "person", MentionSource::kRule, "ko.surname-title")};
  ms[1].candidate.attributes = {{"surname_only", "true"}, {"surname", "이"}, {"title", "사장"}};
  Resolution r = f.Run(&ms);
  CHECK_FALSE(r.entity_of[1].has_value());
}

TEST_CASE("a rule mention whose name is a gazetteer alias joins that entry") {
  Fixture f(kPeople);
  f.SetText("Lee Jae-yong said");
  std::vector<Mention> ms = {f.At("Lee Jae-yong", 0, "person", MentionSource::kRule, "en.person-title")};
  Resolution r = f.Run(&ms);
  REQUIRE(r.entity_of[0].has_value());
  CHECK(r.entities[*r.entity_of[0]].canonical_id == "person:lee-jae-yong");
  CHECK(r.how[0] == "gazetteer-alias");
}

TEST_CASE("a rule mention of a name no list knows becomes an entity of its own") {
  Fixture f(kPeople);
  f.SetText("김하늘 기자가 썼다");
  std::vector<Mention> ms = {f.At("김하늘", 0, "person", MentionSource::kRule, "ko.person-title")};
  Resolution r = f.Run(&ms);
  REQUIRE(r.entity_of[0].has_value());
  CHECK(r.entities[*r.entity_of[0]].id == "person:김하늘");
  CHECK(r.entities[*r.entity_of[0]].canonical_id.empty());
}

TEST_CASE("a bare last name after the full name is found and joined") {
  Fixture f(kPeople);
  f.SetText("Mark Zuckerberg arrived\nZuckerberg said hello\nZuckerbergs are many");
  std::vector<Mention> ms = {f.At("Mark Zuckerberg", 0, "person", MentionSource::kGazetteer, "person:mark-zuckerberg")};
  Resolution r = f.Run(&ms);
  REQUIRE(ms.size() == 2);  // "Zuckerbergs" is not the name
  CHECK(ms[1].candidate.source == MentionSource::kResolution);
  CHECK(f.text.substr(ms[1].candidate.span.begin, ms[1].candidate.span.size()) == "Zuckerberg");
  CHECK(ms[1].sentence == 1);
  REQUIRE(r.entity_of[1].has_value());
  CHECK(r.entities[*r.entity_of[1]].id == "person:mark-zuckerberg");
}

TEST_CASE("a Korean last name with a particle is found after the full name") {
  Fixture f(kPeople);
  f.SetText("마크 저커버그가 왔다\n저커버그는 웃었다");
  std::vector<Mention> ms = {f.At("마크 저커버그", 0, "person", MentionSource::kGazetteer, "person:mark-zuckerberg")};
  Resolution r = f.Run(&ms);
  REQUIRE(ms.size() == 2);
  CHECK(ms[1].candidate.particle == "는");
  CHECK(r.entities[*r.entity_of[1]].id == "person:mark-zuckerberg");
}

TEST_CASE("a single-word rule person equal to an earlier last name joins it") {
  Fixture f(kPeople);
  f.SetText("마크 저커버그가 왔다\n저커버그 CEO는 웃었다");
  std::vector<Mention> ms = {f.At("마크 저커버그", 0, "person", MentionSource::kGazetteer, "person:mark-zuckerberg"),
                             f.At("저커버그", 1, "person", MentionSource::kRule, "ko.person-title")};
  Resolution r = f.Run(&ms);
  REQUIRE(r.entity_of[1].has_value());
  CHECK(r.entities[*r.entity_of[1]].id == "person:mark-zuckerberg");
}

TEST_CASE("values are keyed by their normalized value") {
  Fixture f(kPeople);
  f.SetText("전날 그리고 2월 28일");
  std::vector<Mention> ms = {f.At("전날", 0, "date", MentionSource::kRule, "ko.date"),
                             f.At("2월 28일", 0, "date", MentionSource::kRule, "ko.date")};
  ms[0].candidate.attributes["value"] = "2024-02-28";
  ms[1].candidate.attributes["value"] = "2024-02-28";
  Resolution r = f.Run(&ms);
  CHECK(r.entity_of[0] == r.entity_of[1]);
  CHECK(r.entities[*r.entity_of[0]].id == "date:2024-02-28");
}
}

}  // namespace
}  // namespace relata::resolve

namespace relata::resolve {
namespace {
TEST_SUITE("resolve") {
TEST_CASE("a headline's bare last name joins the full name the article gives later") {
  Fixture f(kPeople);
  f.SetText("저커버그 CEO, 서울 도착\n마크 저커버그가 왔다");
  std::vector<Mention> ms = {f.At("저커버그", 0, "person", MentionSource::kRule, "ko.person-title"),
                             f.At("마크 저커버그", 0, "person", MentionSource::kGazetteer, "person:mark-zuckerberg")};
  Resolution r = f.Run(&ms);
  REQUIRE(r.entity_of[0].has_value());
  CHECK(r.entities[*r.entity_of[0]].id == "person:mark-zuckerberg");
  CHECK(r.how[0] == "last-name");
}
}
}  // namespace
}  // namespace relata::resolve

namespace relata::resolve {
namespace {
const char kKoreanAndBidens[] =
    "person:moon-jae-in\tperson\t문재인\tMoon Jae-in|Moon Jae In\ttitle=전 대통령\n"
    "person:chey-tae-won\tperson\t최태원\tChey Tae-won\ttitle=회장\n"
    "person:joe-biden\tperson\tJoe Biden\t조 바이든\ttitle=전 대통령\n"
    "person:mark-zuckerberg\tperson\t마크 저커버그\tMark Zuckerberg\ttitle=CEO\n";

// The surfaces of the mentions the last-name scan added, in text order.
std::vector<std::string> Added(const Fixture& f, const std::vector<Mention>& ms, const Resolution& r,
                               const std::string& id) {
  std::vector<std::string> out;
  for (size_t i = 0; i < ms.size(); ++i) {
    if (ms[i].candidate.source != MentionSource::kResolution || r.how[i] != "last-name") continue;
    REQUIRE(r.entity_of[i].has_value());
    CHECK(r.entities[*r.entity_of[i]].id == id);
    out.push_back(std::to_string(ms[i].sentence) + ":" +
                  f.text.substr(ms[i].candidate.span.begin, ms[i].candidate.span.size()));
  }
  return out;
}

TEST_SUITE("resolve") {
TEST_CASE("the short form of a romanized Korean name is its first word") {
  CHECK(ShortFormOf("lee jae-yong", false) == "lee");
  CHECK(ShortFormOf("chey tae-won", false) == "chey");
  CHECK(ShortFormOf("moon jae in", true) == "moon");
  CHECK(ShortFormOf("moon jae in", false) == "in");  // without knowing it is Korean: Western order
  CHECK(ShortFormOf("mark zuckerberg", false) == "zuckerberg");
  CHECK(ShortFormOf("jean-pierre martin", false) == "martin");
  CHECK(ShortFormOf("마크 저커버그", false) == "저커버그");
  CHECK(ShortFormOf("이재용", true).empty());
}

TEST_CASE("Moon Jae In is found again as Moon, never as the word in") {
  Fixture f(kKoreanAndBidens);
  f.SetText("Moon Jae In spoke in Seoul\nMoon said in June the moon plan was in doubt\nChey Tae-won came in, as Tae-won does");
  std::vector<Mention> ms = {f.At("Moon Jae In", 0, "person", MentionSource::kGazetteer, "person:moon-jae-in"),
                             f.At("Chey Tae-won", 0, "person", MentionSource::kGazetteer, "person:chey-tae-won")};
  Resolution r = f.Run(&ms);
  CHECK(Added(f, ms, r, "person:moon-jae-in") == std::vector<std::string>{"1:Moon"});
}

TEST_CASE("Jill Biden's Biden is not Joe Biden; President Biden is") {
  Fixture f(kKoreanAndBidens);
  f.SetText("Joe Biden spoke\nJill Biden smiled, President Biden nodded and Biden-era rules stayed\nBut Biden left");
  std::vector<Mention> ms = {f.At("Joe Biden", 0, "person", MentionSource::kGazetteer, "person:joe-biden")};
  Resolution r = f.Run(&ms);
  REQUIRE(ms.size() == 4);
  // Jill Biden is a person of her own.
  CHECK(f.text.substr(ms[1].candidate.span.begin, ms[1].candidate.span.size()) == "Jill Biden");
  REQUIRE(r.entity_of[1].has_value());
  CHECK(r.entities[*r.entity_of[1]].id == "person:jill biden");
  CHECK(r.how[1] == "given-name+surname");
  for (size_t i : {size_t{2}, size_t{3}}) {
    CHECK(f.text.substr(ms[i].candidate.span.begin, ms[i].candidate.span.size()) == "Biden");
    CHECK(r.entities[*r.entity_of[i]].id == "person:joe-biden");
    CHECK(r.how[i] == "last-name");
  }
  CHECK(ms[2].sentence == 1);
  CHECK(ms[3].sentence == 2);
}

TEST_CASE("a headline's bare surname before the full name is tagged once the name is in the document") {
  Fixture f(kKoreanAndBidens);
  f.SetText("저커버그는 서울로\n마크 저커버그가 왔다\n저커버그는 웃었다");
  std::vector<Mention> ms = {f.At("마크 저커버그", 0, "person", MentionSource::kGazetteer, "person:mark-zuckerberg")};
  Resolution r = f.Run(&ms);
  CHECK(Added(f, ms, r, "person:mark-zuckerberg") == std::vector<std::string>{"0:저커버그", "2:저커버그"});
  CHECK(ms[0].candidate.particle == "는");
}

TEST_CASE("a surname two people of the document share is not tagged before either name") {
  Fixture f(kKoreanAndBidens + std::string("person:priscilla-zuckerberg\tperson\t프리실라 저커버그\t\t\n"));
  f.SetText("저커버그는 서울로\n마크 저커버그와 프리실라 저커버그가 왔다");
  std::vector<Mention> ms = {
      f.At("마크 저커버그", 0, "person", MentionSource::kGazetteer, "person:mark-zuckerberg"),
      f.At("프리실라 저커버그", 0, "person", MentionSource::kGazetteer, "person:priscilla-zuckerberg")};
  Resolution r = f.Run(&ms);
  CHECK(ms.size() == 2);
}
}
}  // namespace
}  // namespace relata::resolve

namespace relata::resolve {
namespace {
TEST_SUITE("resolve") {
TEST_CASE("a company name a rule found is tagged at its other bare occurrences") {
  Fixture f(kPeople);
  f.SetText("에너솔은 자금을 모았다\nAI 스타트업 에너솔이 상장한다\n#에너솔 #투자\n에너솔라는 말");
  std::vector<Mention> ms = {f.At("에너솔", 1, "company", MentionSource::kRule, "ko.company.startup")};
  Resolution r = f.Run(&ms);
  REQUIRE(ms.size() == 2);  // not the hashtag, not inside 에너솔라
  CHECK(ms[0].sentence == 0);
  CHECK(ms[0].candidate.source == MentionSource::kResolution);
  CHECK(ms[0].candidate.source_id == "propagated");
  CHECK(ms[0].candidate.particle == "은");
  CHECK(r.how[0] == "propagated");
  CHECK(r.entity_of[0] == r.entity_of[1]);
  CHECK(r.entities[*r.entity_of[0]].id == "company:에너솔");
}

TEST_CASE("a longer rule name spreads whole before its first word does") {
  Fixture f(kPeople);
  f.SetText("에코볼트를 인수\n업체는 에코볼트 리사이클링을 인수한다\n에코볼트 리사이클링 지분");
  std::vector<Mention> ms = {f.At("에코볼트", 0, "company", MentionSource::kRule, "ko.company"),
                             f.At("에코볼트 리사이클링", 0, "company", MentionSource::kRule, "ko.company")};
  Resolution r = f.Run(&ms);
  REQUIRE(ms.size() == 3);
  CHECK(f.text.substr(ms[2].candidate.span.begin, ms[2].candidate.span.size()) == "에코볼트 리사이클링");
  CHECK(r.how[2] == "propagated");
}

TEST_CASE("Latin names spread only as written, and not when the document uses them as a word") {
  Fixture f(kPeople);
  f.SetText("Saigon Polymer Recycling Co. grew\nA deal for Saigon Polymer Recycling Co. closed\nNova said no\nThey saw a nova");
  std::vector<Mention> ms = {f.At("Saigon Polymer Recycling Co.", 1, "company", MentionSource::kRule, "en.company"),
                             f.At("Nova", 0, "company", MentionSource::kRule, "en.company")};
  Resolution r = f.Run(&ms);
  REQUIRE(ms.size() == 3);
  CHECK(ms[0].sentence == 0);
  CHECK(f.text.substr(ms[0].candidate.span.begin, ms[0].candidate.span.size()) == "Saigon Polymer Recycling Co.");
  CHECK(r.how[0] == "propagated");
  CHECK(r.how[2] == "rule");  // Nova, the only one: "nova" is a word of the document
}

TEST_CASE("gazetteer names and people are not spread") {
  Fixture f(kPeople);
  f.SetText("이부진은 웃었다\n이부진 사장이 왔다");
  std::vector<Mention> ms = {f.At("이부진", 1, "person", MentionSource::kRule, "ko.person-title")};
  f.Run(&ms);
  CHECK(ms.size() == 1);
}
}
}  // namespace
}  // namespace relata::resolve
