// The matching primitives' edge cases (src/rules/matchers.cc): the relation
// type prefilter's counting of distinct mentions, entity patterns with more
// groups or rejects than fit the matcher's inline buffers, rejects naming a
// group one pattern lacks, and the rescan inside a dropped match.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "rules/rule_set.h"
#include "rules_test_util.h"

namespace relata::rules {
namespace {

using testing::Contains;
using testing::MentionsIn;
using testing::MustCompile;

std::string Text(std::string_view s, const EntityMatch& m) { return std::string(s.substr(m.begin, m.end - m.begin)); }

// Source and target both accept a person; the second pattern accepts a place
// as source or target (either role), the third any type as target.
const char kPrefilterRules[] = R"(relation en.met
  type met-with
  symmetric
  source a
  target b
  pattern {a:person} met {b:person}
relation en.visited
  type visited
  source a
  target b
  pattern {a:person} visited {b:place}
  pattern {a:place} hosted {b:place}
relation en.said
  type said
  source a
  target b
  pattern {a:organization} said {b:*}
)";

bool Tried(const RuleSet& rs, const std::string& rule, const std::string& s,
           const std::vector<RelationMention>& mentions) {
  return !Contains(rs.ExplainRelation(rule, s, mentions, "en"), "not tried");
}

TEST_SUITE("rules") {

TEST_CASE("relation prefilter: source and target need two distinct mentions of their types") {
  RuleSet rs = MustCompile(kPrefilterRules);
  const std::string s = "Lee met Cook in Seoul";
  // One person fills source or target, not both.
  CHECK_FALSE(Tried(rs, "en.met", s, MentionsIn(s, {{"Lee", "person"}, {"Seoul", "place"}})));
  // Two people: one for each role.
  CHECK(Tried(rs, "en.met", s, MentionsIn(s, {{"Lee", "person"}, {"Cook", "person"}})));
  CHECK(Tried(rs, "en.met", s, MentionsIn(s, {{"Lee", "person"}, {"Cook", "person"}, {"Seoul", "place"}})));
  // en.visited: a person and a place satisfy the first pattern; two places the
  // second; one place alone neither.
  CHECK(Tried(rs, "en.visited", s, MentionsIn(s, {{"Lee", "person"}, {"Seoul", "place"}})));
  CHECK(Tried(rs, "en.visited", s, MentionsIn(s, {{"Cook", "place"}, {"Seoul", "place"}})));
  CHECK_FALSE(Tried(rs, "en.visited", s, MentionsIn(s, {{"Lee", "company"}, {"Seoul", "place"}})));
  CHECK_FALSE(Tried(rs, "en.visited", s, MentionsIn(s, {{"Lee", "person"}, {"Cook", "person"}})));
  // {b:*}: the organization may count for the target too, but it is one
  // mention; a second mention of any type completes the pair.
  CHECK_FALSE(Tried(rs, "en.said", s, MentionsIn(s, {{"Lee", "organization"}})));
  CHECK(Tried(rs, "en.said", s, MentionsIn(s, {{"Lee", "organization"}, {"Seoul", "date"}})));
  CHECK(Tried(rs, "en.said", s, MentionsIn(s, {{"Lee", "organization"}, {"Cook", "organization"}})));
  CHECK_FALSE(Tried(rs, "en.said", s, MentionsIn(s, {{"Lee", "person"}, {"Cook", "person"}})));
  // A type no rule file declares still counts as a mention for {b:*}.
  CHECK(Tried(rs, "en.said", s, MentionsIn(s, {{"Lee", "organization"}, {"Cook", "no-such-type"}})));
}

TEST_CASE("an entity pattern with more groups and rejects than the matcher keeps inline") {
  // 18 groups (past the 16 kept without allocation) and 9 rejects (past 8);
  // the last reject names a group only the second pattern has.
  RuleSet rs = MustCompile(R"(entity en.code
  type company
  pattern (?P<g1>A)(?P<g2>B)(?P<g3>C)(?P<g4>D)(?P<g5>E)(?P<g6>F)(?P<g7>G)(?P<g8>H)(?P<g9>I)(?P<g10>J)(?P<g11>K)(?P<g12>L)(?P<g13>M)(?P<g14>N)(?P<g15>O)(?P<g16>P)(?P<g17>Q)-(?P<name>[0-9]+)
  pattern code (?P<name>[0-9]+)(?: (?P<suffix>[a-z]+))?
  mention name
  reject name 1
  reject name 2
  reject name 3
  reject name 4
  reject name 5
  reject name 6
  reject name 7
  reject name 8
  reject suffix x
  attr first = $g1
  attr last = $g17
)");
  std::vector<EntityMatch> out;
  std::string s = "ABCDEFGHIJKLMNOPQ-42 ABCDEFGHIJKLMNOPQ-7 ABCDEFGHIJKLMNOPQ-9";
  rs.MatchEntities(s, "en", &out);
  REQUIRE(out.size() == 2);  // 7 is rejected by the eighth reject
  CHECK(Text(s, out[0]) == "42");
  CHECK(out[0].attributes.at("first") == "A");
  CHECK(out[0].attributes.at("last") == "Q");
  CHECK(Text(s, out[1]) == "9");

  // The suffix reject applies to the second pattern only; the first lacks the group.
  out.clear();
  std::string t = "code 77 x code 78 y";
  rs.MatchEntities(t, "en", &out);
  REQUIRE(out.size() == 1);
  CHECK(Text(t, out[0]) == "78");
  CHECK(out[0].attributes.count("first") == 0);
}

TEST_CASE("a dropped entity match is rescanned from its next character") {
  // The first match "Mr Lee Cook" is dropped (reject), and the scan must find
  // "Lee Cook" inside it, which the reject does not cover.
  RuleSet rs = MustCompile(R"(entity en.pair
  type person
  pattern (?P<first>[A-Z][a-z]+) (?P<second>[A-Z][a-z]+)
  mention first
  reject first Mr
  attr second = $second
)");
  std::vector<EntityMatch> out;
  std::string s = "Mr Lee Cook";
  rs.MatchEntities(s, "en", &out);
  REQUIRE(out.size() == 1);
  CHECK(Text(s, out[0]) == "Lee");
  CHECK(out[0].attributes.at("second") == "Cook");
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
