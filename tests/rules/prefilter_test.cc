// The literal prefilter: case folding as re2 folds pattern literals, the
// Aho–Corasick atom matcher, and rule sets whose patterns the prefilter must
// not hide (case-insensitive literals, patterns without any literal).
#include <doctest/doctest.h>

#include <re2/filtered_re2.h>

#include <string>
#include <vector>

#include "rules/atom_matcher.h"
#include "rules/rule_set.h"
#include "rules_test_util.h"

namespace relata::rules {
namespace {

using internal::AtomMatcher;
using internal::FoldForPrefilter;
using testing::MustCompile;

std::string Fold(std::string_view s) {
  std::string out;
  FoldForPrefilter(s, &out);
  return out;
}

std::vector<int> Find(const AtomMatcher& m, std::string_view text) {
  std::vector<int> found;
  m.FindAll(text, &found);
  return found;
}

TEST_SUITE("rules") {

TEST_CASE("prefilter folding: ASCII, Unicode simple case folding, caseless scripts and bad bytes") {
  CHECK(Fold("Samsung SDI") == "samsung sdi");
  CHECK(Fold("ΣΊΣΥΦΟΣ ς") == "σίσυφοσ σ");  // final sigma folds to sigma
  CHECK(Fold("\xe2\x84\xaa") == "k");          // KELVIN SIGN
  CHECK(Fold("\xc5\xbf") == "s");              // LONG S
  CHECK(Fold("\xc4\xb0") == "\xc4\xb0");       // I WITH DOT ABOVE: no simple folding
  CHECK(Fold("삼성전자는 \xee\x80\x80\xee\x84\x81\xee\x80\x90\xee\x80\x81") ==
        "삼성전자는 \xee\x80\x80\xee\x84\x81\xee\x80\x90\xee\x80\x81");  // Hangul and mention tokens unchanged
  CHECK(Fold("A\xff\xc3(B\xe2\x82") == "a\xff\xc3(b\xe2\x82");        // invalid UTF-8 copied
  CHECK(Fold("\xc0\x81Z") == "\xc0\x81z");                              // overlong form copied
}

TEST_CASE("prefilter folding agrees with re2's lowercasing of pattern literals") {
  // re2 lowercases the atoms it returns; folding them again must change nothing.
  for (const char* literal : {"SAMSUNG", "Σ", "ÄÖÜ", "Ǆ", "ᏸ", "ꭰ", "Ω", "İ"}) {
    re2::FilteredRE2 filter(1);
    int id = 0;
    REQUIRE(filter.Add(literal, RE2::Options(), &id) == RE2::NoError);
    std::vector<std::string> atoms;
    filter.Compile(&atoms);
    REQUIRE(atoms.size() == 1);
    CHECK(Fold(atoms[0]) == Fold(literal));
  }
}

TEST_CASE("the atom matcher reports every atom that occurs, overlapping or nested") {
  AtomMatcher m({"he", "she", "his", "hers", "usher", "e"});
  CHECK(Find(m, "ushers") == std::vector<int>{0, 1, 3, 4, 5});
  CHECK(Find(m, "this") == std::vector<int>{2});
  CHECK(Find(m, "xyz").empty());
  CHECK(Find(m, "").empty());
  CHECK(Find(AtomMatcher(), "anything").empty());
  // Multi-byte atoms; a failure link into the middle of a syllable's bytes.
  AtomMatcher ko({"회동", "동했", "만났다"});
  CHECK(Find(ko, "두 사람은 회동했다") == std::vector<int>{0, 1});
  CHECK(Find(ko, "만나 만났다") == std::vector<int>{2});
}

TEST_CASE("the atom matcher reports atoms with the same text and the empty atom") {
  AtomMatcher m({"ab", "", "ab", "b"});
  CHECK(Find(m, "xaby") == std::vector<int>{0, 1, 2, 3});
  CHECK(Find(m, "x") == std::vector<int>{1});
}

TEST_CASE("patterns with case-insensitive literals and patterns without literals are still tried") {
  RuleSet rs = MustCompile(R"(lang en
entity en.company.case
  type company
  pattern (?i)\bacme robotics\b
entity en.company.shape
  type company
  pattern \b[A-Z]{2,3}\b
)");
  std::vector<EntityMatch> out;
  rs.MatchEntities("ACME ROBOTICS met XYZ.", "en", &out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].rule_id == "en.company.case");
  CHECK(out[1].rule_id == "en.company.shape");
}

TEST_CASE("relation patterns are prefiltered per language and by their literals") {
  RuleSet rs = MustCompile(R"(relation met
  type met-with
  symmetric
  source a
  target b
  pattern {a:person} MET WITH {b:person}
)");
  std::vector<RelationMention> mentions = {{0, 3, "person"}, {13, 16, "person"}};
  std::vector<RelationMatch> out;
  rs.MatchRelations("Kim met with Lee", mentions, "en", &out);
  CHECK(out.empty());  // the pattern is case-sensitive
  rs.MatchRelations("Kim MET WITH Lee", mentions, "ko", &out);
  REQUIRE(out.size() == 1);  // a rule for every language
  CHECK(out[0].relation == "met-with");
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
