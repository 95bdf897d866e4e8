// What a pattern's matches must contain, read from the pattern text alone.
//
// The rule prefilter (PatternFilter in rule_set_internal.h) runs a pattern's
// RE2 only on texts that contain the literals every match of it contains.
// re2::FilteredRE2 derives those literals too, but only from a compiled RE2,
// and compiling every pattern at load was half of start-up. This scanner reads
// the pattern in RE2 syntax and computes the same kind of AND/OR tree of
// required literals, plus the capture groups, without compiling anything.
//
// It must be conservative: whenever RE2 finds a match of the pattern in a
// text, the text's FoldForPrefilter form satisfies the tree. Anything the
// scanner does not fully understand makes the pattern (or the part) "match
// anything".
#ifndef RELATA_RULES_LITERAL_PREFILTER_H_
#define RELATA_RULES_LITERAL_PREFILTER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace relata::rules::internal {

// A requirement on the literals of a (case-folded) text.
struct LiteralRequirement {
  enum class Kind {
    kAll,   // every text
    kAtom,  // texts containing `atom`
    kAnd,   // all children hold
    kOr,    // some child holds
  };
  Kind kind = Kind::kAll;
  std::string atom;  // folded with FoldForPrefilter; at least kMinAtomBytes long
  std::vector<LiteralRequirement> children;

  std::string ToString() const;  // for tests: ALL, "atom", AND(..), OR(..)
  // Whether the requirement holds on `folded` (FoldForPrefilter'd text), by
  // substring search: the slow, obvious reference for tests and fuzzing
  // (PatternFilter evaluates the same trees over its automaton's atom hits).
  bool HoldsIn(std::string_view folded) const;
};

// Atoms shorter than this count as always present. One byte (a space, a
// comma) filters nothing; two bytes keep short English words and the "19"/"20"
// of years. A Hangul syllable is 3 bytes, so never dropped.
constexpr size_t kMinAtomBytes = 2;

struct PatternAnalysis {
  // False when the scanner met syntax it does not know: `required` is then
  // kAll and the groups are unknown (ask a compiled RE2).
  bool understood = false;
  LiteralRequirement required;
  // As RE2's NumberOfCapturingGroups and NamedCapturingGroups report them.
  int num_groups = 0;
  std::map<std::string, int> named_groups;
};

// `pattern` in RE2 syntax with RE2::Options as PatternOptions sets them
// (UTF-8, case-sensitive unless the pattern says (?i)). Without `literals`
// only the groups are read (`required` stays kAll): the load needs the groups
// of every pattern, the prefilter the literals of one language's patterns.
PatternAnalysis AnalyzePattern(std::string_view pattern, bool literals = true);

}  // namespace relata::rules::internal

#endif  // RELATA_RULES_LITERAL_PREFILTER_H_
