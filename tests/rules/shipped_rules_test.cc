// The rule files shipped in rules/: they load, every example passes, every
// rule documents itself with positive and negative examples, and the zone
// rules do what they should on the sample pages.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "rules/rule_set.h"
#include "segment/zones.h"

namespace relata::rules {
namespace {

const RuleSet& Shipped() {
  static const RuleSet* rules = [] {
    auto rs = RuleSet::Load({std::string(RELATA_SOURCE_DIR) + "/rules"});
    if (!rs.ok()) {
      FAIL("shipped rules do not load: " << rs.status().message());
    }
    return new RuleSet(std::move(rs).value());
  }();
  return *rules;
}

std::string ReadSample(const std::string& name) {
  std::ifstream in(std::string(RELATA_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_SUITE("rules") {

TEST_CASE("the shipped rule files load with the Korean particle list") {
  const RuleSet& rs = Shipped();
  CHECK(rs.zone_rule_count() >= 20);
  CHECK(rs.entity_rule_count() >= 20);
  CHECK(rs.relation_rule_count() >= 10);
  CHECK(rs.particles().size() > 20);
  for (const char* id : {"ko.met-with", "en.met-with", "ko.located-at", "en.located-at", "ko.may-contract-foundry",
                         "en.may-contract-foundry", "ko.holds-position", "en.holds-position", "ko.spouse-of",
                         "en.spouse-of"}) {
    CHECK_MESSAGE(rs.HasRule(id), id);
  }
}

TEST_CASE("every example of every shipped rule passes") {
  std::vector<ExampleResult> results = Shipped().RunExamples();
  CHECK(results.size() > 200);
  size_t failed = 0;
  for (const ExampleResult& r : results) {
    if (!r.passed) {
      ++failed;
      MESSAGE("FAIL " << r.rule_id << " " << r.origin << ": " << r.message);
    }
  }
  CHECK(failed == 0);
}

TEST_CASE("every shipped rule has at least one positive and one negative example") {
  std::map<std::string, std::pair<int, int>> counts;
  for (const ExampleResult& r : Shipped().RunExamples()) {
    auto& c = counts[r.rule_id];
    (r.positive ? c.first : c.second)++;
  }
  const RuleSet& rs = Shipped();
  CHECK(counts.size() == rs.zone_rule_count() + rs.entity_rule_count() + rs.relation_rule_count());
  for (const auto& [id, c] : counts) {
    CHECK_MESSAGE(c.first >= 1, id << " has no example+");
    CHECK_MESSAGE(c.second >= 1, id << " has no example-");
  }
}

TEST_CASE("the shipped zone rules strip the furniture of the Korean sample page and find its date") {
  std::string page = ReadSample("ko_sk_nvidia_page.txt");
  REQUIRE_FALSE(page.empty());
  segment::ZoneResult z = segment::FindZones(page, Shipped(), "ko");
  CHECK(z.date == "2025-03-12");
  std::string body;
  for (const ByteSpan& s : z.body) body += page.substr(s.begin, s.size());
  CHECK(body.find("최태원 SK그룹 회장이 젠슨 황") != std::string::npos);
  CHECK(body.find("최 회장은 이날 저녁") != std::string::npos);
  for (const char* furniture : {"맑음서울", "기사승인", "인쇄", "공유하기", "사진=", "저작권자", "관련기사", "많이 본 뉴스",
                                "환율 1450원", "댓글 0", "로그인 후", "sky@"}) {
    CHECK_MESSAGE(body.find(furniture) == std::string::npos, furniture);
  }
}

TEST_CASE("the shipped zone rules strip the furniture of the English sample page and find its date") {
  std::string page = ReadSample("en_obama_seoul_page.txt");
  REQUIRE_FALSE(page.empty());
  segment::ZoneResult z = segment::FindZones(page, Shipped(), "en");
  CHECK(z.date == "2025-03-04");
  std::string body;
  for (const ByteSpan& s : z.body) body += page.substr(s.begin, s.size());
  CHECK(body.find("Former President Barack Obama") != std::string::npos);
  CHECK(body.find("Lee said the dinner") != std::string::npos);
  for (const char* furniture : {"Subscribe", "By Dana", "Share this", "Facebook", "Photo: Reuters", "All rights reserved",
                                "Related stories", "foldable", "Comments (12)", "newsletter"}) {
    CHECK_MESSAGE(body.find(furniture) == std::string::npos, furniture);
  }
}

TEST_CASE("the shipped entity rules find titled names, dates and money in a Korean sentence") {
  std::string s = "이재용 삼성전자 회장은 지난달 370억달러(약 49조원) 규모의 투자를 29일 발표했다.";
  std::vector<EntityMatch> out;
  Shipped().MatchEntities(s, "ko", &out);
  std::map<std::string, std::string> found;  // text -> type
  std::map<std::string, std::map<std::string, std::string>> attrs;
  for (const EntityMatch& m : out) {
    found[s.substr(m.begin, m.end - m.begin)] = m.type;
    attrs[s.substr(m.begin, m.end - m.begin)] = m.attributes;
  }
  CHECK(found["이재용"] == "person");
  CHECK(attrs["이재용"]["title"] == "회장");
  CHECK(found["지난달"] == "date");
  CHECK(attrs["지난달"]["relative"] == "-1m");
  CHECK(found["370억달러"] == "money");
  CHECK(attrs["370억달러"]["value"] == "37000000000 USD");
  CHECK(attrs["49조원"]["value"] == "49000000000000 KRW");
  CHECK(found["29일"] == "date");
  CHECK(NormalizeDate(attrs["29일"], "2024-02-29") == "2024-02-29");
}

TEST_CASE("the shipped entity rules find titled names, dates and money in an English sentence") {
  std::string s = "Nvidia CEO Jensen Huang said on March 4, 2025 that revenue reached $39.3 billion, up 78%.";
  std::vector<EntityMatch> out;
  Shipped().MatchEntities(s, "en", &out);
  std::map<std::string, EntityMatch> found;
  for (const EntityMatch& m : out) found[s.substr(m.begin, m.end - m.begin)] = m;
  REQUIRE(found.count("Jensen Huang"));
  CHECK(found["Jensen Huang"].attributes["title"] == "CEO");
  REQUIRE(found.count("March 4, 2025"));
  CHECK(NormalizeDate(found["March 4, 2025"].attributes, "") == "2025-03-04");
  REQUIRE(found.count("$39.3 billion"));
  CHECK(found["$39.3 billion"].attributes["value"] == "39300000000 USD");
  CHECK(found.count("78%"));
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
