#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "gazetteer/gazetteer.h"
#include "test_util.h"

namespace relata::gazetteer {
namespace {

using testing::BuildTsv;
using testing::Found;
using testing::MatchText;

const char kGazetteer[] =
    "# id\ttype\tname\taliases\tattributes\n"
    "company:meta\tcompany\tMeta\t메타|Meta Platforms\n"
    "company:samsung\tcompany\t삼성\t\n"
    "company:samsung-electronics\tcompany\t삼성전자\tSamsung Electronics\n"
    "company:tsmc\tcompany\tTSMC\t\n"
    "place:india\tplace\t인도\tIndia\n"
    "place:seoul\tplace\t서울\tSeoul\n"
    "place:korea\tplace\t한국\t\n"
    "person:lee-jae-yong\tperson\t이재용\t\ttitle=회장;organization=company:samsung-electronics\n";

const Gazetteer& G() {
  static const Gazetteer* g = new Gazetteer(BuildTsv(kGazetteer));
  return *g;
}

std::vector<Found> One(const char* id, const char* surface, const char* particle) {
  return {Found{id, surface, particle}};
}

TEST_SUITE("gazetteer") {

TEST_CASE("a Hangul name followed by a particle matches and reports the particle") {
  CHECK(MatchText(G(), "메타가") == One("company:meta", "메타", "가"));
  CHECK(MatchText(G(), "인도로") == One("place:india", "인도", "로"));
  CHECK(MatchText(G(), "서울에서는") == One("place:seoul", "서울", "에서는"));
  CHECK(MatchText(G(), "메타와의") == One("company:meta", "메타", "와의"));
  CHECK(MatchText(G(), "삼성과의") == One("company:samsung", "삼성", "과의"));
  CHECK(MatchText(G(), "서울로") == One("place:seoul", "서울", "로"));
  CHECK(MatchText(G(), "한국으로") == One("place:korea", "한국", "으로"));
  CHECK(MatchText(G(), "삼성전자다") == One("company:samsung-electronics", "삼성전자", "다"));
  CHECK(MatchText(G(), "삼성전자이다") == One("company:samsung-electronics", "삼성전자", "이다"));
  CHECK(MatchText(G(), "이재용 회장") == One("person:lee-jae-yong", "이재용", ""));
}

TEST_CASE("a Hangul name inside a longer word does not match") {
  CHECK(MatchText(G(), "메타버스").empty());
  CHECK(MatchText(G(), "인도하는").empty());
  CHECK(MatchText(G(), "인도네시아").empty());
  CHECK(MatchText(G(), "한국인").empty());
  CHECK(MatchText(G(), "전삼성").empty());  // no start inside an eojeol
}

TEST_CASE("particle allomorphs must agree with the name's last syllable") {
  CHECK(MatchText(G(), "서울은") == One("place:seoul", "서울", "은"));
  CHECK(MatchText(G(), "서울는").empty());
  CHECK(MatchText(G(), "서울으로").empty());
  CHECK(MatchText(G(), "한국로").empty());
  CHECK(MatchText(G(), "메타로") == One("company:meta", "메타", "로"));
  // 삼성전자이 is no chain, but 삼성 + 전자이 is not one either: nothing at all.
  CHECK(MatchText(G(), "삼성전자이").empty());
  CHECK(MatchText(G(), "삼성전자가") == One("company:samsung-electronics", "삼성전자", "가"));
}

TEST_CASE("a Latin name ends at a non-word character, a possessive or a particle chain") {
  CHECK(MatchText(G(), "Meta's plan") == One("company:meta", "meta", ""));
  CHECK(MatchText(G(), "Meta’s plan") == One("company:meta", "meta", ""));
  CHECK(MatchText(G(), "the Metaverse").empty());
  CHECK(MatchText(G(), "TSMC는") == One("company:tsmc", "tsmc", "는"));
  CHECK(MatchText(G(), "TSMC은") == One("company:tsmc", "tsmc", "은"));
  CHECK(MatchText(G(), "Meta가") == One("company:meta", "meta", "가"));
  CHECK(MatchText(G(), "Meta버스").empty());
  CHECK(MatchText(G(), "TSMCs").empty());
  CHECK(MatchText(G(), "(TSMC)") == One("company:tsmc", "tsmc", ""));
}

TEST_CASE("all overlapping candidates at one start are reported, shorter first") {
  const std::vector<Found> found = MatchText(G(), "삼성전자는");
  // 삼성 + 전자는 is no chain, so only the long name survives here ...
  CHECK(found == One("company:samsung-electronics", "삼성전자", "는"));
  // ... while with a separator both names end on a boundary.
  const Gazetteer g = BuildTsv(
      "company:samsung\tcompany\t삼성\n"
      "company:samsung-electronics\tcompany\t삼성 전자\n"
      "org:samsung-group\torganization\t삼성\n");
  const std::vector<Found> both = MatchText(g, "삼성 전자가");
  REQUIRE(both.size() == 3);
  CHECK(both[0] == Found{"company:samsung", "삼성", ""});
  CHECK(both[1] == Found{"org:samsung-group", "삼성", ""});
  CHECK(both[2] == Found{"company:samsung-electronics", "삼성 전자", "가"});
}

TEST_CASE("matches are ordered by begin then end and carry byte offsets into the folded text") {
  const std::string folded = testing::Folder().NormalizeString("이재용 회장은 서울에서 Meta Platforms와 만났다");
  std::vector<GazetteerMatch> matches;
  G().Match(folded, testing::Particles(), &matches);
  REQUIRE(matches.size() == 4);
  CHECK(G().entry(matches[0].entry).id() == "person:lee-jae-yong");
  CHECK(matches[0].begin == 0);
  CHECK(matches[0].end == std::string("이재용").size());
  CHECK(matches[0].particle_end == matches[0].end);
  CHECK(G().entry(matches[1].entry).id() == "place:seoul");
  CHECK(folded.substr(matches[1].end, matches[1].particle_end - matches[1].end) == "에서");
  CHECK(G().entry(matches[2].entry).id() == "company:meta");  // "meta"
  CHECK(G().entry(matches[3].entry).id() == "company:meta");  // "meta platforms" + 와
  CHECK(matches[2].begin == matches[3].begin);
  CHECK(matches[2].end < matches[3].end);
  CHECK(folded.substr(matches[3].end, matches[3].particle_end - matches[3].end) == "와");
  for (size_t i = 1; i < matches.size(); ++i) {
    const bool ordered = matches[i - 1].begin < matches[i].begin ||
                         (matches[i - 1].begin == matches[i].begin && matches[i - 1].end <= matches[i].end);
    CHECK(ordered);
  }
}

TEST_CASE("matching is case and width insensitive through the normalizer") {
  CHECK(MatchText(G(), "ＴＳＭＣ와") == One("company:tsmc", "tsmc", "와"));
  CHECK(MatchText(G(), "tsmc") == One("company:tsmc", "tsmc", ""));
  CHECK(MatchText(G(), "META") == One("company:meta", "meta", ""));
  CHECK(MatchText(G(), "SAMSUNG ELECTRONICS") == One("company:samsung-electronics", "samsung electronics", ""));
  // A no-break space between a name's words is a space after normalization.
  CHECK(MatchText(G(), "Samsung\u00A0Electronics") ==
        One("company:samsung-electronics", "samsung electronics", ""));
  // Decomposed jamo compose to the same syllables.
  CHECK(MatchText(G(), "\u1106\u1166\u1110\u1161\u1100\u1161") == One("company:meta", "메타", "가"));
}

TEST_CASE("an entry is found under its name and every alias") {
  CHECK(MatchText(G(), "메타") == One("company:meta", "메타", ""));
  CHECK(MatchText(G(), "meta") == One("company:meta", "meta", ""));
  CHECK(MatchText(G(), "India") == One("place:india", "india", ""));
  CHECK(MatchText(G(), "인도") == One("place:india", "인도", ""));
}

TEST_CASE("Find and Lookup answer by id and by normalized surface") {
  const int64_t meta = G().Find("company:meta");
  REQUIRE(meta >= 0);
  CHECK(G().entry(static_cast<uint32_t>(meta)).name() == "Meta");
  CHECK(G().Find("company:nope") == -1);
  CHECK(G().Lookup("meta platforms") == std::vector<uint32_t>{static_cast<uint32_t>(meta)});
  CHECK(G().Lookup("메타") == std::vector<uint32_t>{static_cast<uint32_t>(meta)});
  CHECK(G().Lookup("Meta").empty());  // not normalized: no match
  CHECK(G().Lookup("met").empty());
  CHECK(G().Lookup("").empty());
}

TEST_CASE("an empty or moved-from gazetteer matches nothing and never crashes") {
  Gazetteer empty;
  std::vector<GazetteerMatch> out;
  empty.Match("메타가", testing::Particles(), &out);
  CHECK(out.empty());
  CHECK(empty.Find("x") == -1);
  CHECK(empty.empty());

  Gazetteer g = BuildTsv("company:meta\tcompany\tMeta\n");
  Gazetteer moved = std::move(g);
  g.Match("meta", testing::Particles(), &out);  // NOLINT: use after move is the point
  CHECK(out.empty());
  CHECK(g.empty());
  moved.Match("meta", testing::Particles(), &out);
  CHECK(out.size() == 1);
}

TEST_CASE("text that breaks the UTF-8 contract is matched without crashing") {
  std::vector<GazetteerMatch> out;
  const std::string junk = std::string("meta\xFF") + "\xEB\xA9" + " meta \xF0\x9F" + "삼성" + "\xC0";
  G().Match(junk, testing::Particles(), &out);
  for (const GazetteerMatch& m : out) {
    CHECK(m.begin < m.end);
    CHECK(m.end <= m.particle_end);
    CHECK(m.particle_end <= junk.size());
  }
  CHECK(out.size() >= 1);  // the " meta " in the middle
  G().Match("", testing::Particles(), &out);
}

TEST_CASE("the particle set given to Match decides what may follow a Hangul name") {
  segment::ParticleSet none;
  std::vector<GazetteerMatch> out;
  G().Match("메타가 메타", none, &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].begin == std::string("메타가 ").size());
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::gazetteer
