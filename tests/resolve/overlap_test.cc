#include "resolve/overlap.h"

#include <doctest/doctest.h>

#include <algorithm>

namespace relata::resolve {
namespace {

Candidate Make(size_t b, size_t e, const std::string& type, MentionSource src, const std::string& id, int priority = 0) {
  Candidate c;
  c.span = {b, e};
  c.type = type;
  c.source = src;
  c.source_id = id;
  c.priority = priority;
  return c;
}

TEST_SUITE("resolve") {
TEST_CASE("the longest candidate wins and the shorter one is kept as an alternative") {
  std::vector<Candidate> cs = {Make(0, 6, "company", MentionSource::kGazetteer, "company:samsung-group"),
                               Make(0, 12, "company", MentionSource::kGazetteer, "company:samsung-electronics")};
  std::vector<Mention> ms = ChooseMentions(cs, 3);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].candidate.source_id == "company:samsung-electronics");
  CHECK(ms[0].sentence == 3);
  REQUIRE(ms[0].alternatives.size() == 1);
  CHECK(ms[0].alternatives[0].candidate.source_id == "company:samsung-group");
  CHECK(ms[0].alternatives[0].reason == "shorter than the overlapping winner");
}

TEST_CASE("on equal length a higher priority wins") {
  std::vector<Candidate> cs = {Make(0, 6, "place", MentionSource::kGazetteer, "place:india", 0),
                               Make(0, 6, "company", MentionSource::kRule, "r1", 5)};
  std::vector<Mention> ms = ChooseMentions(cs, 0);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].candidate.source_id == "r1");
  CHECK(ms[0].alternatives[0].reason == "same length as the winner but lower priority");
}

TEST_CASE("on equal length and priority a gazetteer entry beats a rule") {
  std::vector<Candidate> cs = {Make(0, 12, "person", MentionSource::kRule, "ko.person"),
                               Make(0, 12, "company", MentionSource::kGazetteer, "company:samsung-electronics")};
  std::vector<Mention> ms = ChooseMentions(cs, 0);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].candidate.type == "company");
  CHECK(ms[0].alternatives[0].reason.find("gazetteer candidate wins over a rule one") != std::string::npos);
}

TEST_CASE("on a full tie the leftmost candidate wins") {
  std::vector<Candidate> cs = {Make(3, 9, "person", MentionSource::kRule, "a"),
                               Make(0, 6, "person", MentionSource::kRule, "b")};
  std::vector<Mention> ms = ChooseMentions(cs, 0);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].candidate.span == ByteSpan{0, 6});
  CHECK(ms[0].alternatives[0].reason == "same length, priority and source; the leftmost wins");
}

TEST_CASE("a same-span same-type loser gives its attributes to the winner") {
  Candidate rule = Make(0, 12, "person", MentionSource::kRule, "ko.person-title");
  rule.attributes["title"] = "CEO";
  rule.particle = "가";
  Candidate gaz = Make(0, 12, "person", MentionSource::kGazetteer, "person:mark-zuckerberg");
  std::vector<Mention> ms = ChooseMentions({rule, gaz}, 0);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].candidate.source_id == "person:mark-zuckerberg");
  CHECK(ms[0].candidate.attributes.at("title") == "CEO");
  CHECK(ms[0].candidate.particle == "가");
}

TEST_CASE("disjoint candidates are all chosen and come back in text order") {
  std::vector<Candidate> cs = {Make(10, 15, "place", MentionSource::kGazetteer, "x"),
                               Make(0, 5, "person", MentionSource::kGazetteer, "y"),
                               Make(5, 10, "company", MentionSource::kRule, "z")};
  std::vector<Mention> ms = ChooseMentions(cs, 0);
  REQUIRE(ms.size() == 3);
  CHECK(ms[0].candidate.source_id == "y");
  CHECK(ms[1].candidate.source_id == "z");
  CHECK(ms[2].candidate.source_id == "x");
}

TEST_CASE("the choice does not depend on the order candidates arrive in") {
  std::vector<Candidate> cs = {Make(0, 9, "person", MentionSource::kRule, "a"),
                               Make(3, 12, "company", MentionSource::kGazetteer, "b"),
                               Make(6, 15, "place", MentionSource::kGazetteer, "c"),
                               Make(0, 3, "person", MentionSource::kGazetteer, "d")};
  std::vector<Mention> first = ChooseMentions(cs, 0);
  std::reverse(cs.begin(), cs.end());
  std::vector<Mention> second = ChooseMentions(cs, 0);
  REQUIRE(first.size() == second.size());
  for (size_t i = 0; i < first.size(); ++i) CHECK(first[i].candidate.source_id == second[i].candidate.source_id);
}
}

}  // namespace
}  // namespace relata::resolve
