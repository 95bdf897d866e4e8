// The literal side of the rule prefilter: which of a fixed list of strings
// ("atoms", as re2::FilteredRE2 computes them from the patterns) occur in a
// text. See PatternFilter in rule_set_internal.h for how the two fit.
#ifndef RELATA_RULES_ATOM_MATCHER_H_
#define RELATA_RULES_ATOM_MATCHER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace relata::rules::internal {

// Case-folds `text` the way re2's prefilter lowercases pattern literals:
// each code point to its Unicode simple case folding (ASCII A-Z to a-z,
// Hangul and the private-use mention tokens unchanged). Bytes that do not
// form valid UTF-8 are copied as they are; no pattern literal can match them.
void FoldForPrefilter(std::string_view text, std::string* out);

// Aho–Corasick automaton over bytes. Matching reports each atom that occurs
// at least once; the texts are short (a sentence or a line) and the atoms
// few thousand, so a sparse goto function with failure links is small to
// build and keeps the whole automaton in cache.
class AtomMatcher {
 public:
  // `atoms` are searched as given (fold them with FoldForPrefilter first).
  explicit AtomMatcher(const std::vector<std::string>& atoms = {});

  // Replaces `*found` by the indexes of the atoms that occur in `text`, ascending.
  void FindAll(std::string_view text, std::vector<int>* found) const;

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Edge {
    unsigned char byte;
    uint32_t target;
  };
  struct Node {
    uint32_t first_edge = 0;  // edges_[first_edge, first_edge + edge_count), sorted by byte
    uint32_t edge_count = 0;
    uint32_t fail = 0;
    int32_t atom = -1;           // the atom ending here, if any
    uint32_t output = kNone;     // nearest node on the failure chain with an atom
  };

  uint32_t Goto(uint32_t node, unsigned char byte) const;

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<int> empty_;     // atoms that are the empty string
  std::vector<int32_t> same_;  // per atom: the next atom with the same text, or -1
  uint32_t root_next_[256];  // dense first step: most bytes go nowhere
  size_t atom_count_ = 0;
};

}  // namespace relata::rules::internal

#endif  // RELATA_RULES_ATOM_MATCHER_H_
