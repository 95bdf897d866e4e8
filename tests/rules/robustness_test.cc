// Rule loading and matching never crash or hang, whatever the input.
#include <doctest/doctest.h>

#include <chrono>
#include <random>

#include "rules/rule_set.h"
#include "rules_test_util.h"

namespace relata::rules {
namespace {

// Valid UTF-8 made of pieces that rules care about, in random order.
std::string RandomSentence(std::mt19937* rng, size_t pieces) {
  static const char* const kPieces[] = {"이재용", " ", "회장", "이", "과", "와", "는", "삼성전자", "(주)", "2024",
                                        "년", "월", "일", "-", ".", "억", "달러", "원", "$", "37", " billion", "%",
                                        "CEO", "Mr.", "Lee", "met", "\xEE\x80\x80", "\xEE\x80\x81", "\xEE\x84\x80",
                                        "\xEE\x80\x90", "\n", "…", "ⓒ", "A", "a", "[", "]", "{", "}", "@", "\\"};
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::string s;
  for (size_t i = 0; i < pieces; ++i) s += kPieces[pick(*rng)];
  return s;
}

TEST_SUITE("rules") {

TEST_CASE("random sentences and random mentions never crash the matchers") {
  auto rs = RuleSet::Load({std::string(RELATA_SOURCE_DIR) + "/rules"});
  REQUIRE(rs.ok());
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::string s = RandomSentence(&rng, 1 + round % 60);
    std::vector<EntityMatch> entities;
    rs->MatchEntities(s, round % 2 ? "ko" : "en", &entities);
    for (const EntityMatch& m : entities) {
      CHECK(m.begin < m.end);
      CHECK(m.end <= m.particle_end);
      CHECK(m.particle_end <= s.size());
    }
    std::vector<RelationMention> mentions;
    std::uniform_int_distribution<size_t> offset(0, s.size() + 2);
    static const char* const kTypes[] = {"person", "company", "place", "date", "unknown-type"};
    for (int k = 0; k < 6; ++k) {
      size_t a = offset(rng), b = offset(rng);
      mentions.push_back({std::min(a, b), std::max(a, b), kTypes[(round + k) % 5]});
    }
    for (const EntityMatch& m : entities) mentions.push_back({m.begin, m.end, m.type});
    std::vector<RelationMatch> relations;
    rs->MatchRelations(s, mentions, round % 2 ? "ko" : "en", &relations);
    for (const RelationMatch& m : relations) {
      CHECK(m.source < mentions.size());
      CHECK(m.target < mentions.size());
      CHECK(m.match_begin <= m.match_end);
      CHECK(m.match_end <= s.size());
    }
    rs->ExplainRelation("ko.met-with", s, mentions, "ko");
    rs->Classify(s, "ko");
  }
}

TEST_CASE("random rule texts give a result or an error, never a crash") {
  static const char* const kLines[] = {
      "entity e", "relation r", "zone z", "  type person", "  type met-with", "  pattern {a:person} {b:*}",
      "  pattern (?P<n>x+)", "  source a", "  target b", "  mention n", "  attr x = $n", "  attr y = ${",
      "  reject n y", "  line ^x$", "  block ^y$", "  until ^z$", "  example+ x", "  example- y",
      "define M @M", "define N x@N2", "define N2 y", "  pattern @N", "lang en", "lang xx", "  symmetric",
      "  confidence 0.3", "  priority -2", "type product", "  pattern {a:product}(", "  pattern \\1", "#",
      "", "  example+ [x|person] [y|person] => a=x b=y", "  example+ [unclosed"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, std::size(kLines) - 1);
  int compiled = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int i = 0; i < 1 + round % 25; ++i) text += std::string(kLines[pick(rng)]) + "\n";
    auto rs = RuleSet::FromText(text, "r.rules");
    if (!rs.ok()) {
      CHECK(rs.status().message().find("r.rules") != std::string::npos);
      continue;
    }
    ++compiled;
    rs->RunExamples();
    std::vector<EntityMatch> out;
    rs->MatchEntities("x xx y", "en", &out);
  }
  CHECK(compiled > 0);
}

TEST_CASE("matching a long document stays fast") {
  auto rs = RuleSet::Load({std::string(RELATA_SOURCE_DIR) + "/rules"});
  REQUIRE(rs.ok());
  std::string sentence =
      "이재용 삼성전자 회장이 29일 마크 저커버그 메타 최고경영자(CEO)를 만나 370억달러(약 49조원) 규모의 협력을 "
      "논의했다. ";
  std::string text;
  while (text.size() < (256u << 10)) text += sentence;
  auto start = std::chrono::steady_clock::now();
  std::vector<EntityMatch> out;
  rs->MatchEntities(text, "ko", &out);
  std::vector<RelationMention> mentions;
  for (const EntityMatch& m : out) {
    if (!mentions.empty() && m.begin < mentions.back().end) continue;
    mentions.push_back({m.begin, m.end, m.type});
  }
  std::vector<RelationMatch> relations;
  rs->MatchRelations(text, mentions, "ko", &relations);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(out.size() > 1000);
  CHECK(seconds < 30.0);  // generous: debug build on a shared machine
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
