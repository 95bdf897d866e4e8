// Helpers shared by the rules tests.
#ifndef RELATA_TESTS_RULES_RULES_TEST_UTIL_H_
#define RELATA_TESTS_RULES_RULES_TEST_UTIL_H_

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "rules/atom_matcher.h"
#include "rules/rule_set.h"
#include "segment/particles.h"

namespace relata::rules::testing {

// A small particle list, enough for the Korean examples in the tests.
inline segment::ParticleSet SmallParticles() {
  auto p = segment::ParticleSet::Parse(
      "이\tconsonant\n가\tvowel\n은\tconsonant\n는\tvowel\n을\tconsonant\n를\tvowel\n"
      "과\tconsonant\n와\tvowel\n의\tany\n에\tany\n에서\tany\n도\tany\n",
      "test-particles.tsv");
  REQUIRE(p.ok());
  return *p;
}

// `s` as the literal prefilter sees it (FoldForPrefilter).
inline std::string Fold(std::string_view s) {
  std::string out;
  internal::FoldForPrefilter(s, &out);
  return out;
}

// Compiles `text` as file "t.rules"; the test fails with the error otherwise.
inline RuleSet MustCompile(std::string_view text, const segment::ParticleSet& particles = segment::ParticleSet()) {
  auto rs = RuleSet::FromText(text, "t.rules", particles);
  const std::string error = rs.ok() ? std::string() : rs.status().message();
  INFO(error);
  REQUIRE(rs.ok());
  return std::move(rs).value();
}

// The error message of compiling `text` as "t.rules" (empty when it compiled).
inline std::string CompileError(std::string_view text, const LoadOptions& options = LoadOptions()) {
  auto rs = RuleSet::FromText(text, "t.rules", segment::ParticleSet(), options);
  return rs.ok() ? std::string() : rs.status().message();
}

inline bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// Mentions given as (text, type) in order of appearance in `s`.
inline std::vector<RelationMention> MentionsIn(const std::string& s,
                                               const std::vector<std::pair<std::string, std::string>>& items) {
  std::vector<RelationMention> out;
  size_t from = 0;
  for (const auto& [text, type] : items) {
    size_t at = s.find(text, from);
    REQUIRE(at != std::string::npos);
    out.push_back({at, at + text.size(), type});
    from = at + text.size();
  }
  return out;
}

}  // namespace relata::rules::testing

#endif  // RELATA_TESTS_RULES_RULES_TEST_UTIL_H_
