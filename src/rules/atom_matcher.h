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

  // Calls `hit(atom)` for every occurrence of every atom in `text`, in text
  // order: an atom that occurs twice is reported twice, and nothing is
  // collected or sorted (the prefilter only needs to see each atom once).
  template <typename Hit>
  void ForEachHit(std::string_view text, Hit&& hit) const {
    for (int a : empty_) hit(a);
    if (atom_count_ == 0) return;
    uint32_t state = 0;
    for (char ch : text) {
      const auto byte = static_cast<unsigned char>(ch);
      uint32_t next = Goto(state, byte);
      while (next == kNone && state != 0) {
        state = nodes_[state].fail;
        next = Goto(state, byte);
      }
      state = next == kNone ? 0 : next;
      for (uint32_t s = nodes_[state].atom >= 0 ? state : nodes_[state].output; s != kNone; s = nodes_[s].output)
        for (int32_t a = nodes_[s].atom; a >= 0; a = same_[static_cast<size_t>(a)]) hit(static_cast<int>(a));
    }
  }

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

  uint32_t Goto(uint32_t node, unsigned char byte) const {
    if (node == 0) return root_next_[byte];
    const Node& n = nodes_[node];
    for (uint32_t e = n.first_edge; e < n.first_edge + n.edge_count; ++e) {
      if (edges_[e].byte == byte) return edges_[e].target;
      if (edges_[e].byte > byte) break;
    }
    return kNone;
  }

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<int> empty_;     // atoms that are the empty string
  std::vector<int32_t> same_;  // per atom: the next atom with the same text, or -1
  uint32_t root_next_[256];  // dense first step: most bytes go nowhere
  size_t atom_count_ = 0;
};

}  // namespace relata::rules::internal

#endif  // RELATA_RULES_ATOM_MATCHER_H_
