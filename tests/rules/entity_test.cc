// Entity rules: mention groups, rejects, attributes, boundaries and languages.
#include <doctest/doctest.h>

#include "rules/rule_set.h"
#include "rules_test_util.h"

namespace relata::rules {
namespace {

using testing::MustCompile;
using testing::SmallParticles;

std::string Text(std::string_view s, const EntityMatch& m) { return std::string(s.substr(m.begin, m.end - m.begin)); }

const char kPersonRules[] = R"(lang ko
define TITLE 회장|부회장|사장|대표
entity ko.person-title
  type person
  pattern (?P<name>\p{Hangul}{2,4}) (?P<title>@TITLE)
  mention name
  reject name 이날|당시|그룹
  attr title = $title
  attr name = ${name}
  attr kind = titled
  priority 5
)";

TEST_SUITE("rules") {

TEST_CASE("an entity rule reports its mention group, attributes and priority") {
  RuleSet rs = MustCompile(kPersonRules, SmallParticles());
  std::string s = "이재용 회장이 말했다";
  std::vector<EntityMatch> out;
  rs.MatchEntities(s, "ko", &out);
  REQUIRE(out.size() == 1);
  CHECK(Text(s, out[0]) == "이재용");
  CHECK(out[0].type == "person");
  CHECK(out[0].rule_id == "ko.person-title");
  CHECK(out[0].priority == 5);
  CHECK(out[0].particle_end == out[0].end);
  CHECK(out[0].attributes.at("title") == "회장");
  CHECK(out[0].attributes.at("name") == "이재용");
  CHECK(out[0].attributes.at("kind") == "titled");
}

TEST_CASE("reject drops a match whose group fully matches a stop word, and the scan goes on") {
  RuleSet rs = MustCompile(kPersonRules, SmallParticles());
  std::vector<EntityMatch> out;
  std::string s = "당시 회장 자리는 비었고 이날 사장 최수연 대표가 왔다";
  rs.MatchEntities(s, "ko", &out);
  REQUIRE(out.size() == 1);
  CHECK(Text(s, out[0]) == "최수연");
  // Only full matches reject: 당시아 is not the stop word 당시.
  out.clear();
  std::string t = "당시아 사장";
  rs.MatchEntities(t, "ko", &out);
  REQUIRE(out.size() == 1);
  CHECK(Text(t, out[0]) == "당시아");
}

TEST_CASE("rule mentions follow the shared name boundary: a particle may follow, other syllables may not") {
  RuleSet rs = MustCompile(R"(entity ko.company
  type company
  pattern (?P<n>\p{Hangul}{2,6})\(주\)|\(주\)(?P<m>\p{Hangul}{2,6})
entity ko.name
  type person
  pattern 최수연
)",
                           SmallParticles());
  std::string s = "최수연과 최수연씨 그리고 최수연의 말";
  std::vector<EntityMatch> out;
  rs.MatchEntities(s, "ko", &out);
  REQUIRE(out.size() == 2);  // 최수연씨: 씨 is not a particle in the small list
  CHECK(out[0].begin == 0);
  CHECK(out[0].particle_end == std::string("최수연과").size());
  CHECK(Text(s, out[1]) == "최수연");
  CHECK(s.substr(out[1].end, out[1].particle_end - out[1].end) == "의");

  // A mention must start at a word start: 김최수연 does not contain the name.
  out.clear();
  rs.MatchEntities("김최수연이 왔다", "ko", &out);
  CHECK(out.empty());
}

TEST_CASE("attributes referring to a group that did not participate are omitted") {
  RuleSet rs = MustCompile(R"(entity ko.short
  type person
  pattern (?P<s>[김이박최정])(?: (?P<given>\p{Hangul}{2}))? (?P<t>회장|사장)
  attr surname = $s
  attr given = $given
  attr surname_only = true when short
  attr title = $t 직함
  pattern (?P<short>(?P<s>[김이박최정])) (?P<t>회장|사장)
)",
                           SmallParticles());
  std::vector<EntityMatch> out;
  std::string s = "이 회장은";
  rs.MatchEntities(s, "ko", &out);
  REQUIRE_FALSE(out.empty());
  const EntityMatch& m = out[0];
  CHECK(m.attributes.at("surname") == "이");
  CHECK(m.attributes.count("given") == 0);
  CHECK(m.attributes.at("title") == "회장 직함");
  CHECK(m.attributes.count("surname_only") == 0);  // pattern 1 has no group 'short'
  REQUIRE(out.size() == 2);
  CHECK(out[1].attributes.at("surname_only") == "true");
  CHECK(out[1].attributes.at("surname") == "이");
}

TEST_CASE("money matches carry a normalized value") {
  RuleSet rs = MustCompile(R"(entity ko.money
  type money
  pattern (?P<amount>\d[\d,.]*)(?P<scale>억|조|만)?\s?(?P<currency>달러|원)
  attr amount = $amount
  attr scale = $scale
  attr currency = $currency
)",
                           SmallParticles());
  std::vector<EntityMatch> out;
  std::string s = "올해 370억달러(약 49조원) 규모";
  rs.MatchEntities(s, "ko", &out);
  REQUIRE(out.size() == 2);
  CHECK(Text(s, out[0]) == "370억달러");
  CHECK(out[0].attributes.at("value") == "37000000000 USD");
  CHECK(out[1].attributes.at("value") == "49000000000000 KRW");
}

TEST_CASE("rules apply to their language and to every language with *") {
  RuleSet rs = MustCompile(R"(lang en
entity en.inc
  type company
  pattern [A-Z][a-z]+ Inc\.
entity any.pct
  type percent
  lang *
  pattern \d+(?:\.\d+)?%
)");
  std::vector<EntityMatch> en, ko, fr;
  std::string s = "Acme Inc. grew 12.5%";
  rs.MatchEntities(s, "en", &en);
  rs.MatchEntities(s, "ko", &ko);
  rs.MatchEntities(s, "fr", &fr);
  CHECK(en.size() == 2);
  REQUIRE(ko.size() == 1);
  CHECK(ko[0].rule_id == "any.pct");
  CHECK(fr.size() == 1);
}

TEST_CASE("several patterns of one rule are alternatives, each scanned over the whole sentence") {
  RuleSet rs = MustCompile(R"(entity ko.date
  type date
  pattern (?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})
  pattern (?P<year>\d{4})년 (?P<month>\d{1,2})월 (?P<day>\d{1,2})일
  attr year = $year
  attr month = $month
  attr day = $day
)",
                           SmallParticles());
  std::vector<EntityMatch> out;
  std::string s = "2024-02-29와 2024년 3월 1일에";
  rs.MatchEntities(s, "ko", &out);
  REQUIRE(out.size() == 2);
  CHECK(NormalizeDate(out[0].attributes, "") == "2024-02-29");
  CHECK(NormalizeDate(out[1].attributes, "") == "2024-03-01");
  CHECK(out[1].particle_end == s.size());  // 에 is a particle
}

TEST_CASE("matching never fails on odd input") {
  RuleSet rs = MustCompile(kPersonRules, SmallParticles());
  std::vector<EntityMatch> out;
  rs.MatchEntities("", "ko", &out);
  rs.MatchEntities(std::string("\0\0 회장", 8), "ko", &out);
  rs.MatchEntities("\xEE\x80\x80 회장 \xEE\x80\x81", "ko", &out);
  std::string long_text;
  for (int i = 0; i < 2000; ++i) long_text += "가나다라 회장";
  rs.MatchEntities(long_text, "ko", &out);
  // Only the first 가나다라 starts a word; every later one is glued to 장.
  CHECK(out.size() == 1);
  RuleSet empty;
  empty.MatchEntities("이재용 회장", "ko", &out);
  CHECK(empty.entity_rule_count() == 0);
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
