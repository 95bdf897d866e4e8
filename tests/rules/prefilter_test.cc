// The literal prefilter: case folding as re2 folds pattern literals, the
// Aho–Corasick atom matcher, and rule sets whose patterns the prefilter must
// not hide (case-insensitive literals, patterns without any literal).
#include <doctest/doctest.h>

#include <re2/filtered_re2.h>

#include <string>
#include <vector>

#include "rules/atom_matcher.h"
#include "rules/rule_set.h"
#include "rules/rule_set_internal.h"
#include "rules_test_util.h"

namespace relata::rules {
namespace {

using internal::AtomMatcher;
using testing::Fold;
using testing::MustCompile;

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

// Relation patterns reach the prefilter as skeletons; the skeleton must keep
// every literal and group and only loosen counted repetitions.
TEST_CASE("skeleton: counted repetitions loosen, everything else is kept") {
  auto RelaxCountedRepetitions = [](std::string_view p) { return internal::RelaxCountedRepetitions(p).pattern; };
  CHECK(RelaxCountedRepetitions("a{0,80}b{1,8}c{2}d{3,}e{0,}?") == "a*b+c+d+e*?");
  CHECK(RelaxCountedRepetitions(R"((?:[^.\x{E000}]|\x{E000}[\x{E101}-\x{E1FF}]){0,40}?만났)") ==
        R"((?:[^.\x{E000}]|\x{E000}[\x{E101}-\x{E1FF}])*?만났)");
  // Braces that are not quantifiers: inside classes, \p{..}, \x{..}, \Q..\E, or not digits.
  CHECK(RelaxCountedRepetitions(R"([{1,2}]\p{Hangul}{2,3}\x{41}\Q{1,2}\Ex{a}y{1)") ==
        R"([{1,2}]\p{Hangul}+\x{41}\Q{1,2}\Ex{a}y{1)");
  CHECK(RelaxCountedRepetitions(R"([]{0,3}]{0,3}[[:alpha:]{]{1,2})") == R"([]{0,3}]*[[:alpha:]{]+)");
  CHECK(RelaxCountedRepetitions(R"(\{1,2\}(?P<g>x){0,2})") == R"(\{1,2\}(?P<g>x)*)");
}

TEST_CASE("skeleton: the same groups, and empty matches exactly when the pattern has them") {
  for (const char* p : {R"((?P<a>\w{1,3}) (?P<b>x){0,2}y)", R"((?P<a>x{0,3})(?P<b>y{0,2}))", R"(a{2,5}?)"}) {
    RE2 re(p), skeleton(internal::RelaxCountedRepetitions(p).pattern);
    REQUIRE(re.ok());
    REQUIRE(skeleton.ok());
    CHECK(re.NamedCapturingGroups() == skeleton.NamedCapturingGroups());
    CHECK(re.NumberOfCapturingGroups() == skeleton.NumberOfCapturingGroups());
    CHECK(RE2::FullMatch("", re) == RE2::FullMatch("", skeleton));
  }
}

TEST_CASE("skeleton: nested counted repetitions multiply, as RE2 counts them") {
  auto product = [](std::string_view p) { return internal::RelaxCountedRepetitions(p).max_repetition_product; };
  CHECK(product("abc") == 1);
  CHECK(product("a{0,80}b{3}") == 80);
  CHECK(product("(?:(?:x{2,5}){0,4}y){10}") == 200);
  CHECK(product("(?:a{0,200}){0,200}") == 40000);
  CHECK(product("(?:a{3,})+[{9}]") == 3);
  // Huge counts, nested: the product saturates instead of overflowing (UBSan
  // found the overflow through fuzz_rule_parser) and stays over the limit.
  CHECK(product("(x{9999999999}){9999999999}") > 1000);
  CHECK(product("(((x{9999999999}){9999999999}){9999999999}){9999999999}") > 1000);
  // The rule compiler turns a product over RE2's limit into a load error at the pattern's line.
  auto loaded = RuleSet::FromText("relation r\n  type t\n  source a\n  target b\n"
                                  "  pattern {a:person}(?:[^.]{0,200}){0,200}{b:person}\n", "r.rules");
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.status().message().find("r.rules:5") != std::string::npos);
  CHECK(loaded.status().message().find("more than RE2's 1000") != std::string::npos);
}

TEST_CASE("relation patterns compile on first use; compile_all_at_load makes a too-large one a load error") {
  const std::string rules =
      "relation r\n  type t\n  source a\n  target b\n"
      "  pattern {a:person}(?:[^.]|\\pL\\pN){0,900}{b:person}\n";
  // Skeleton fine, pattern over the budget: lazily it is skipped, eagerly it fails the load.
  LoadOptions lazy;
  lazy.max_program_memory = 1 << 20;
  CHECK(RuleSet::FromText(rules, "r.rules", segment::ParticleSet(), lazy).ok());
  LoadOptions eager = lazy;
  eager.compile_all_at_load = true;
  auto loaded = RuleSet::FromText(rules, "r.rules", segment::ParticleSet(), eager);
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.status().message().find("r.rules:5") != std::string::npos);
  CHECK(loaded.status().message().find("too large") != std::string::npos);
}

}  // namespace
}  // namespace relata::rules
