// Relation rules' `reject GROUP` and `require A within B`.
#include <doctest/doctest.h>

#include "rules/rule_set.h"
#include "rules_test_util.h"

namespace relata::rules {
namespace {

using testing::MentionsIn;
using testing::MustCompile;

const char kRules[] = R"(lang ko
relation ko.met
  type met-with
  symmetric
  source a
  target b
  pattern {a:person}(?:과|와) {b:person}(?:이|가)? (?:만나|회동)(?P<neg>지 않|지 못)?
  reject neg
relation ko.chain
  type located-at
  source inner
  target outer
  pattern {outer:place} {inner:place}
  require inner within outer
)";

TEST_SUITE("rules") {
TEST_CASE("a relation match in which a reject group took part is dropped") {
  RuleSet rs = MustCompile(kRules);
  std::vector<RelationMatch> out;
  std::string yes = "이재용과 저커버그가 만나 논의했다";
  rs.MatchRelations(yes, MentionsIn(yes, {{"이재용", "person"}, {"저커버그", "person"}}), "ko", &out);
  CHECK(out.size() == 1);
  out.clear();
  std::string no = "이재용과 저커버그가 만나지 않았다";
  rs.MatchRelations(no, MentionsIn(no, {{"이재용", "person"}, {"저커버그", "person"}}), "ko", &out);
  CHECK(out.empty());
}

TEST_CASE("require within is handed to the caller as mention indices") {
  RuleSet rs = MustCompile(kRules);
  std::vector<RelationMatch> out;
  std::string s = "미국 캘리포니아주에서";
  rs.MatchRelations(s, MentionsIn(s, {{"미국", "place"}, {"캘리포니아주", "place"}}), "ko", &out);
  REQUIRE(out.size() == 1);
  REQUIRE(out[0].within.size() == 1);
  CHECK(out[0].within[0] == std::make_pair(size_t{1}, size_t{0}));
}

TEST_CASE("reject and require name groups and roles the patterns have") {
  auto bad_reject = RuleSet::FromText("relation r\n  type met-with\n  source a\n  target b\n"
                                      "  pattern {a:person} {b:person}\n  reject nope\n",
                                      "bad.rules");
  REQUIRE_FALSE(bad_reject.ok());
  CHECK(bad_reject.status().message().find("bad.rules:6") != std::string::npos);
  auto bad_require = RuleSet::FromText("relation r\n  type met-with\n  source a\n  target b\n"
                                       "  pattern {a:person} {b:person}\n  require a within c\n",
                                       "bad.rules");
  REQUIRE_FALSE(bad_require.ok());
  CHECK(bad_require.status().message().find("role 'c'") != std::string::npos);
}
}

}  // namespace
}  // namespace relata::rules
