// The pattern scanner behind the literal prefilter (literal_prefilter.h): the
// tree it reads from each construct, that it never hides a pattern RE2 would
// match (hand-written traps, and every shipped pattern against the evaluation
// texts), and that its capture groups are RE2's.
#include <doctest/doctest.h>
#include <re2/filtered_re2.h>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "base/files.h"
#include "base/markup.h"
#include "rules/atom_matcher.h"
#include "rules/literal_prefilter.h"
#include "rules/rule_set_internal.h"

namespace relata::rules {
namespace {

using internal::AnalyzePattern;
using internal::LiteralRequirement;
using internal::PatternAnalysis;

std::string Tree(std::string_view pattern) {
  PatternAnalysis a = AnalyzePattern(pattern);
  return a.understood ? a.required.ToString() : "NOT UNDERSTOOD";
}

// Does `text` (not yet folded) satisfy the pattern's tree?
bool Candidate(const LiteralRequirement& req, std::string_view text) {
  std::string folded;
  internal::FoldForPrefilter(text, &folded);
  return req.HoldsIn(folded);
}

RE2::Options Utf8() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_log_errors(false);
  return o;
}

TEST_SUITE("rules") {

TEST_CASE("scanner: literals, concatenation, alternation and exact sets") {
  CHECK(Tree("회동했다") == "\"회동했다\"");
  CHECK(Tree("Samsung") == "\"samsung\"");  // atoms are folded, as the text is
  CHECK(Tree("a") == "ALL");                // shorter than kMinAtomBytes
  CHECK(Tree("ab|cd") == "OR(\"ab\",\"cd\")");
  CHECK(Tree("ab|c") == "ALL");
  CHECK(Tree("(?:만났|회동했)다") == "OR(\"만났다\",\"회동했다\")");
  CHECK(Tree("x(?:ab|abc)y") == "OR(\"xabcy\",\"xaby\")");
  CHECK(Tree("ab|abc") == "\"ab\"");  // abc contains ab
  CHECK(Tree("[가나]다") == "OR(\"가다\",\"나다\")");
  CHECK(Tree("[a-c]x") == "OR(\"ax\",\"bx\",\"cx\")");
  CHECK(Tree("[^a]bc") == "\"bc\"");
  CHECK(Tree("[가-힣]+다") == "\"다\"");
  CHECK(Tree("ab.cd") == "AND(\"ab\",\"cd\")");
  CHECK(Tree("ab\\d+cd") == "AND(\"ab\",\"cd\")");
  CHECK(Tree("ab\\pLcd") == "AND(\"ab\",\"cd\")");
  CHECK(Tree("ab\\p{Hangul}cd") == "AND(\"ab\",\"cd\")");
  CHECK(Tree("\\bab\\b") == "\"ab\"");
  CHECK(Tree("^ab$") == "\"ab\"");
  CHECK(Tree("\\Aab\\z") == "\"ab\"");
}

TEST_CASE("scanner: repetitions") {
  CHECK(Tree("(?:ab)*cd") == "\"cd\"");
  CHECK(Tree("(?:ab)?cd") == "\"cd\"");  // abcd contains cd
  CHECK(Tree("(?:ab)?c") == "ALL");
  CHECK(Tree("x(?:ab)?") == "ALL");  // "x" alone is too short
  CHECK(Tree("(?:ab)+cd") == "AND(\"ab\",\"cd\")");
  CHECK(Tree("(?:ab){0,3}cd") == "\"cd\"");
  CHECK(Tree("(?:ab){2,}cd") == "AND(\"ab\",\"cd\")");
  CHECK(Tree("(?:ab){1}cd") == "\"abcd\"");
  CHECK(Tree("(?:ab){0}cd") == "\"cd\"");
  CHECK(Tree("ab.{0,80}?cd") == "AND(\"ab\",\"cd\")");
  CHECK(Tree("ab*?c") == "ALL");
  CHECK(Tree("ab+?cd") == "\"cd\"");  // as in re2: a, b+ are single bytes
  CHECK(Tree("a{,3}b") == "\"a{,3}b\"");  // not a repetition in RE2: literal braces
}

TEST_CASE("scanner: escapes, case folding and mention tokens") {
  CHECK(Tree("\\.\\(ab\\)") == "\".(ab)\"");
  CHECK(Tree("\\x41\\x{42}") == "\"ab\"");
  CHECK(Tree("\\Qa.b\\E") == "\"a.b\"");
  CHECK(Tree("\\Qa.b") == "\"a.b\"");
  CHECK(Tree("(?i)ACME") == "\"acme\"");
  CHECK(Tree("(?i:AB)CD") == "\"abcd\"");
  CHECK(Tree("(?i)ÄB") == "ALL");  // a cased non-ASCII letter's variants are RE2's business
  CHECK(Tree("(?i)삼성") == "\"삼성\"");
  CHECK(Tree("\\x{E000}\\x{E101}[\\x{E010}-\\x{E019}]+\\x{E001}") ==
        "AND(\"\xee\x80\x80\xee\x84\x81\",OR(" + [] {
          std::string s;
          for (int d = 0; d < 10; ++d) s += std::string(d ? "," : "") + "\"\xee\x80" + static_cast<char>(0x90 + d) + "\"";
          return s;
        }() + "),\"\xee\x80\x81\")");
  CHECK(Tree("\\012") == "NOT UNDERSTOOD");  // octal: left to RE2
  CHECK(Tree("(?=ab)") == "NOT UNDERSTOOD");
  CHECK(Tree("ab)") == "NOT UNDERSTOOD");
}

TEST_CASE("scanner: capture groups as RE2 numbers them") {
  for (const char* p : {"(a)(?:b)(?P<x>c(d))", "(?P<n>a)|(b)", "[(](a)\\(", "\\Q(\\E(a)", "(?i)(?P<Name_1>a)(b)"}) {
    RE2 re(p, Utf8());
    REQUIRE(re.ok());
    PatternAnalysis a = AnalyzePattern(p);
    INFO(p);
    REQUIRE(a.understood);
    CHECK(a.num_groups == re.NumberOfCapturingGroups());
    CHECK(a.named_groups == re.NamedCapturingGroups());
    PatternAnalysis groups_only = AnalyzePattern(p, /*literals=*/false);
    REQUIRE(groups_only.understood);
    CHECK(groups_only.num_groups == re.NumberOfCapturingGroups());
    CHECK(groups_only.named_groups == re.NamedCapturingGroups());
  }
}

// Groups of 24 bytes or more are remembered by their text across patterns
// (macro expansions repeat them); a remembered group must give what scanning
// it would: the same tree, its capture groups numbered where it now stands,
// and a name clash with an earlier group still refused.
TEST_CASE("scanner: a group met again gives what scanning it gives") {
  const std::string group = "(?:(?P<who>[a-z]+) met the chairman)";
  REQUIRE(group.size() >= 24);
  for (int round = 0; round < 2; ++round) {  // the second round meets every group again
    INFO("round " << round);
    CHECK(Tree(group) == "\" met the chairman\"");
    for (const std::string& p : {group, "(a)(?:b)(c)" + group + "(d)", "(?P<first>a)" + group + group.substr(0, 3) + "x)"}) {
      INFO(p);
      RE2 re(p, Utf8());
      REQUIRE(re.ok());
      const PatternAnalysis a = AnalyzePattern(p);
      REQUIRE(a.understood);
      CHECK(a.num_groups == re.NumberOfCapturingGroups());
      CHECK(a.named_groups == re.NamedCapturingGroups());
    }
    // RE2 refuses a name used twice, so the scanner must too.
    CHECK(Tree("(?P<who>x)" + group) == "NOT UNDERSTOOD");
    CHECK(Tree(group + group) == "NOT UNDERSTOOD");
    // The same text under (?i): a cased non-ASCII letter tells nothing there.
    const std::string cased = "(?:Élysée Palace and the ministry)";
    CHECK(Tree(cased) == "\"élysée palace and the ministry\"");
    CHECK(Tree("(?i)" + cased) == "AND(\"lys\",\"e palace and the ministry\")");
    CHECK(Tree("(?i:" + cased + ")") == "AND(\"lys\",\"e palace and the ministry\")");
    // A different text of the same length is not taken for it.
    CHECK(Tree("(?:Élysée Palace and the ministrx)") == "\"élysée palace and the ministrx\"");
  }
}

// Each pair: a pattern and a text RE2 finds it in; a scanner that requires
// something the match lacks would hide the pattern.
TEST_CASE("scanner: the traps — whenever RE2 matches, the pattern is a candidate") {
  const std::pair<const char*, const char*> cases[] = {
      {"(?:abc)?def", "def"},
      {"ab(?:cd|)ef", "abef"},
      {"(?i)kelvin", "\xe2\x84\xaa" "ELVIN"},  // KELVIN SIGN
      {"(?i)s", "\xc5\xbf"},                  // LONG S
      {"(?i)straße", "STRASSE straße"},
      {"(?i)ΣΊΣΥΦΟΣ", "σίσυφος"},
      {"(?i)[k-m]ab", "\xe2\x84\xaa" "ab"},
      {"(?i:ab)|CD", "AB"},
      {"(?i)ab|cd", "CD"},  // the flag lasts past the |
      {"x(?i)ab", "xAB"},
      {"(?-i:ab)", "ab"},
      {"a{0}bc", "bc"},
      {"(?:ab){0,2}?cd", "cd"},
      {"[]a]bc", "]bc"},
      {"[a-]bc", "-bc"},
      {"\\x{E000}\\x{E101}", "\xee\x80\x80\xee\x84\x81"},
      {"Ab", "Ab"},
      {"İstanbul", "İstanbul"},
      {"(?i)İstanbul", "İSTANBUL"},
      {"[\\d]{2}년", "24년"},
      {"\\bIBM\\b", "IBM."},
      {"(?U)ab+c", "abbc"},
      {"(?s:a.b)cd", "a\nbcd"},
      {"^$|ab", ""},
  };
  for (const auto& [pattern, text] : cases) {
    INFO(pattern, " / ", text);
    RE2 re(pattern, Utf8());
    REQUIRE(re.ok());
    REQUIRE(RE2::PartialMatch(text, re));
    PatternAnalysis a = AnalyzePattern(pattern);
    CHECK(Candidate(a.required, text));
  }
}

// Every shipped pattern, as the compiler sees it (macros expanded,
// placeholders compiled).
struct ShippedPattern {
  std::string origin;
  std::string pattern;
  bool relation = false;
};

std::vector<ShippedPattern> ShippedPatterns(std::map<std::string, int>* type_index) {
  auto files = ListFiles({std::string(RELATA_SOURCE_DIR) + "/rules"},
                         [](const std::filesystem::path& f) { return f.extension() == ".rules"; });
  REQUIRE(files.ok());
  internal::ParsedRules parsed;
  internal::ErrorList errors;
  for (const std::string& file : *files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    internal::ParseRuleFile(text.str(), file, LoadOptions(), &parsed, &errors);
  }
  REQUIRE(errors.empty());
  for (const char* t : {"person", "company", "organization", "place", "date", "money", "percent", "quantity"})
    type_index->emplace(t, static_cast<int>(type_index->size()));
  for (const auto& d : parsed.types) type_index->emplace(d.name, static_cast<int>(type_index->size()));
  internal::MacroTable macros;
  macros.Define(parsed.macros, &errors);
  std::vector<ShippedPattern> out;
  auto expand = [&](const internal::PatternSpec& spec, std::string* expanded) {
    return macros.Expand(spec.text, spec.origin, LoadOptions().max_pattern_bytes, expanded, &errors);
  };
  for (const auto& z : parsed.zones)
    for (const auto& p : z.patterns) {
      std::string e;
      REQUIRE(expand(p.spec, &e));
      out.push_back({p.spec.origin.ToString(), e, false});
    }
  for (const auto& en : parsed.entities)
    for (const auto& p : en.patterns) {
      std::string e;
      REQUIRE(expand(p.spec, &e));
      out.push_back({p.spec.origin.ToString(), e, false});
    }
  for (const auto& r : parsed.relations)
    for (const auto& p : r.patterns) {
      std::string e, compiled;
      std::vector<internal::Placeholder> placeholders;
      REQUIRE(expand(p.spec, &e));
      REQUIRE(internal::CompilePlaceholders(e, p.spec.origin, *type_index, &compiled, &placeholders, &errors));
      out.push_back({p.spec.origin.ToString(), compiled, true});
    }
  REQUIRE(errors.empty());
  return out;
}

TEST_CASE("scanner: every shipped pattern is understood, with RE2's capture groups") {
  std::map<std::string, int> types;
  const std::vector<ShippedPattern> patterns = ShippedPatterns(&types);
  CHECK(patterns.size() > 500);
  for (const ShippedPattern& p : patterns) {
    INFO(p.origin);
    PatternAnalysis a = AnalyzePattern(p.pattern);
    REQUIRE(a.understood);
    // The skeleton has the pattern's groups and compiles fast.
    RE2 re(p.relation ? internal::RelaxCountedRepetitions(p.pattern).pattern : p.pattern, Utf8());
    REQUIRE(re.ok());
    CHECK(a.num_groups == re.NumberOfCapturingGroups());
    CHECK(a.named_groups == re.NamedCapturingGroups());
    PatternAnalysis groups_only = AnalyzePattern(p.pattern, /*literals=*/false);
    REQUIRE(groups_only.understood);
    CHECK(groups_only.num_groups == re.NumberOfCapturingGroups());
    CHECK(groups_only.named_groups == re.NamedCapturingGroups());
  }
}

TEST_CASE("scanner: on the evaluation texts, every shipped pattern RE2 matches is a candidate") {
  std::map<std::string, int> types;
  const std::vector<ShippedPattern> patterns = ShippedPatterns(&types);
  // Plain lines for zone and entity patterns; for relation patterns, the same
  // lines tokenized with their gold mentions, as the relation stage sees them.
  std::vector<std::string> plain, tokenized;
  for (const char* set : {"/eval/dev.jsonl", "/eval/heldout.jsonl"}) {
    std::ifstream in(std::string(RELATA_SOURCE_DIR) + set);
    REQUIRE(in);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      auto doc = nlohmann::json::parse(line);
      std::istringstream paragraphs(doc.at("text").get<std::string>());
      std::string paragraph;
      while (std::getline(paragraphs, paragraph)) {
        MarkedText marked;
        std::string error;
        if (!ParseMarkup(paragraph, &marked, &error)) continue;
        plain.push_back(marked.text);
        std::vector<RelationMention> mentions;
        for (const MarkedMention& m : marked.mentions) mentions.push_back({m.span.begin, m.span.end, m.type});
        if (mentions.size() >= 2) tokenized.push_back(internal::Tokenize(marked.text, mentions, types).text);
      }
    }
  }
  REQUIRE(plain.size() > 100);
  REQUIRE(tokenized.size() > 20);
  size_t matched = 0, hidden = 0;
  for (const ShippedPattern& p : patterns) {
    RE2::Options options = Utf8();
    options.set_max_mem(8 << 20);
    RE2 re(p.pattern, options);
    if (!re.ok()) continue;  // over the memory budget: the pipeline skips it as well
    const PatternAnalysis a = AnalyzePattern(p.pattern);
    for (const std::string& text : p.relation ? tokenized : plain) {
      if (!RE2::PartialMatch(text, re)) continue;
      ++matched;
      if (!Candidate(a.required, text)) {
        ++hidden;
        FAIL_CHECK(p.origin << ": RE2 matches but the prefilter hides it in: " << text);
      }
    }
  }
  MESSAGE("matches checked: " << matched);
  CHECK(matched > 100);
  CHECK(hidden == 0);

  // How selective the trees are, against re2::FilteredRE2 on the skeletons
  // (what the prefilter used before): relation candidates per tokenized text.
  re2::FilteredRE2 filtered(static_cast<int>(internal::kMinAtomBytes));
  std::vector<LiteralRequirement> ours;
  for (const ShippedPattern& p : patterns) {
    if (!p.relation) continue;
    int id = 0;
    if (filtered.Add(internal::RelaxCountedRepetitions(p.pattern).pattern, Utf8(), &id) != RE2::NoError) continue;
    ours.push_back(AnalyzePattern(p.pattern).required);
  }
  std::vector<std::string> atoms;
  filtered.Compile(&atoms);
  for (std::string& atom : atoms) {
    std::string folded;
    internal::FoldForPrefilter(atom, &folded);
    atom = folded;
  }
  size_t theirs_total = 0, ours_total = 0;
  for (const std::string& text : tokenized) {
    std::string folded;
    internal::FoldForPrefilter(text, &folded);
    std::vector<int> found, potentials;
    for (size_t a = 0; a < atoms.size(); ++a)
      if (folded.find(atoms[a]) != std::string::npos) found.push_back(static_cast<int>(a));
    filtered.AllPotentials(found, &potentials);
    theirs_total += potentials.size();
    for (const LiteralRequirement& r : ours) ours_total += Candidate(r, text) ? 1 : 0;
  }
  MESSAGE("relation candidates per text: FilteredRE2 " << static_cast<double>(theirs_total) / tokenized.size()
                                                        << ", scanner " << static_cast<double>(ours_total) / tokenized.size()
                                                        << " of " << ours.size() << " patterns");
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
