// PatternFilter with literals: the candidates it names for a text must be
// exactly the patterns whose requirement tree holds on the folded text, as
// LiteralRequirement::HoldsIn judges by plain substring search. The patterns
// share subtrees the way macro-expanded relation patterns do, so the shared
// nodes of the filter's graph are exercised.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "rules/atom_matcher.h"
#include "rules/literal_prefilter.h"
#include "rules/rule_set_internal.h"
#include "rules_test_util.h"

namespace relata::rules {
namespace {

using internal::AnalyzePattern;
using testing::Fold;
using internal::PatternFilter;

// Building blocks, some of them repeated across patterns as macros repeat.
const std::string kWho = "(?:Kim|Lee|Park)";
const std::string kVerb = "(?:met|visited|called)";
const std::string kKoVerb = "(?:만났다|회동했다)";

std::vector<std::string> Patterns() {
  return {
      kWho + " " + kVerb + " " + kWho,
      kWho + " " + kVerb + " " + kWho,  // the same tree twice
      kWho + ".{0,20}" + kKoVerb,
      "(?i)acme.*" + kWho,
      "[A-Z]{2,3}",                      // no literal: always tried
      "(?:ab|.)cd",                      // an OR with a branch that needs nothing
      "xy.*xy.*" + kVerb,                // the same atom twice under one AND
      "(?:" + kWho + "|" + kVerb + ")zz",  // an OR over two shared subtrees
      kKoVerb + "|" + kWho + " 측",
      "Q",                               // one byte: below the atom length
  };
}

std::vector<std::pair<int, int>> Expected(const std::vector<std::string>& patterns, std::string_view text,
                                          const std::vector<bool>* rules) {
  std::vector<std::pair<int, int>> out;
  const std::string folded = Fold(text);
  for (size_t i = 0; i < patterns.size(); ++i) {
    if (rules != nullptr && !(*rules)[i]) continue;
    if (AnalyzePattern(patterns[i]).required.HoldsIn(folded)) out.emplace_back(static_cast<int>(i), 0);
  }
  return out;
}

std::vector<std::pair<int, int>> Candidates(const PatternFilter& filter, std::string_view text,
                                            const std::vector<bool>* rules = nullptr) {
  std::vector<std::pair<int, int>> out;
  filter.AppendCandidates(text, Fold(text), rules, &out);
  return out;
}

void AddAll(PatternFilter* filter, const std::vector<std::string>& patterns) {
  for (size_t i = 0; i < patterns.size(); ++i)
    filter->Add(patterns[i], internal::PatternOptions(LoadOptions()), static_cast<int>(i), 0);
}

// Texts made of pieces that do and do not complete the trees.
std::vector<std::string> Texts(size_t count, unsigned seed) {
  const std::vector<std::string> pieces = {"Kim", "Lee", "Park", " met ", "visited", "called", "만났다", "회동했다",
                                           "ACME", "Acme", "cd", "ab", "xy", "zz", " 측", "Q", "the", " ", "PAR", "회동"};
  std::mt19937 rng(seed);
  std::vector<std::string> texts = {"", "nothing here", "Kim met Lee", "xyxy met", "Park 측"};
  while (texts.size() < count) {
    std::string t;
    const size_t n = 1 + rng() % 6;
    for (size_t k = 0; k < n; ++k) t += pieces[rng() % pieces.size()];
    texts.push_back(t);
  }
  return texts;
}

TEST_SUITE("rules") {
TEST_CASE("pattern filter: the candidates are the patterns whose literal trees hold") {
  const std::vector<std::string> patterns = Patterns();
  PatternFilter filter(PatternFilter::Strategy::kLiterals);
  AddAll(&filter, patterns);
  for (const std::string& text : Texts(3000, 7)) {
    CAPTURE(text);
    CHECK(Candidates(filter, text) == Expected(patterns, text, nullptr));
  }
  CHECK(filter.atom_count() > 0);
}

TEST_CASE("pattern filter: rules left out are not named, the others are judged as before") {
  const std::vector<std::string> patterns = Patterns();
  PatternFilter filter(PatternFilter::Strategy::kLiterals);
  AddAll(&filter, patterns);
  std::vector<bool> rules(patterns.size());
  for (size_t i = 0; i < rules.size(); ++i) rules[i] = i % 3 != 1;
  for (const std::string& text : Texts(500, 11)) {
    CAPTURE(text);
    CHECK(Candidates(filter, text, &rules) == Expected(patterns, text, &rules));
  }
}

TEST_CASE("pattern filter: filters used in turn on one thread do not see each other's texts") {
  // Per-text state is kept per thread and shared by every filter: a filter
  // must not read what another one left.
  const std::vector<std::string> patterns = Patterns();
  const std::vector<std::string> other = {kKoVerb + " " + kWho, "zz" + kVerb, "(?:ab|cd)ef"};
  PatternFilter first(PatternFilter::Strategy::kLiterals);
  PatternFilter second(PatternFilter::Strategy::kLiterals);
  AddAll(&first, patterns);
  AddAll(&second, other);
  const std::vector<std::string> texts = Texts(600, 13);
  for (size_t i = 0; i + 1 < texts.size(); ++i) {
    CAPTURE(texts[i]);
    CHECK(Candidates(first, texts[i]) == Expected(patterns, texts[i], nullptr));
    CHECK(Candidates(second, texts[i + 1]) == Expected(other, texts[i + 1], nullptr));
  }
}

TEST_CASE("pattern filter: threads sharing one filter get the answers one thread gets") {
  const std::vector<std::string> patterns = Patterns();
  PatternFilter filter(PatternFilter::Strategy::kLiterals);
  AddAll(&filter, patterns);
  const std::vector<std::string> texts = Texts(2000, 17);
  std::vector<std::vector<std::pair<int, int>>> expected;
  for (const std::string& text : texts) expected.push_back(Expected(patterns, text, nullptr));
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (size_t round = 0; round < 3; ++round)
        for (size_t i = static_cast<size_t>(t); i < texts.size(); i += 2)
          if (Candidates(filter, texts[i]) != expected[i]) ++wrong[static_cast<size_t>(t)];
    });
  }
  for (std::thread& th : threads) th.join();
  for (int w : wrong) CHECK(w == 0);
}
}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
