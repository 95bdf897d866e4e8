#include "rules/atom_matcher.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <deque>
#include <utility>

#include "text/source_text.h"

namespace relata::rules::internal {
namespace {

// Decodes one strictly valid UTF-8 sequence at `s[i]` (no overlong forms, no
// surrogates); returns its length, or 0 when none starts there.
size_t DecodeUtf8(std::string_view s, size_t i, char32_t* c) {
  const unsigned char b0 = static_cast<unsigned char>(s[i]);
  size_t len;
  char32_t cp;
  char32_t min;
  if (b0 < 0x80) {
    *c = b0;
    return 1;
  } else if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *c = cp;
  return len;
}

}  // namespace

// re2 lowercases literals with its own table of Unicode simple case folding
// (ASCII only A-Z). ICU's u_foldCase with the default options is the same
// mapping; both the atoms and the text go through this function, so even a
// difference in Unicode versions could only merge more code points, never
// make an atom miss text its pattern matches.
void FoldForPrefilter(std::string_view text, std::string* out) {
  out->clear();
  out->reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out->push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + ('a' - 'A')) : static_cast<char>(b));
      ++i;
      continue;
    }
    char32_t c = 0;
    const size_t len = DecodeUtf8(text, i, &c);
    if (len == 0) {
      out->push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    // Hangul syllables and the private-use area have no case.
    const bool caseless = (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xE000 && c <= 0xF8FF);
    const char32_t folded = caseless ? c : static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
    if (folded == c) {
      out->append(text.substr(i, len));
    } else {
      text::AppendUtf8(folded, out);
    }
    i += len;
  }
}

AtomMatcher::AtomMatcher(const std::vector<std::string>& atoms) : atom_count_(atoms.size()) {
  same_.reserve(atoms.size());
  // The trie, with children unsorted while it grows.
  std::vector<std::vector<std::pair<unsigned char, uint32_t>>> children(1);
  std::vector<int32_t> atom_at(1, -1);
  for (size_t a = 0; a < atoms.size(); ++a) {
    uint32_t node = 0;
    for (char ch : atoms[a]) {
      const auto byte = static_cast<unsigned char>(ch);
      auto& kids = children[node];
      auto it = std::find_if(kids.begin(), kids.end(), [&](const auto& e) { return e.first == byte; });
      if (it != kids.end()) {
        node = it->second;
        continue;
      }
      const auto next = static_cast<uint32_t>(children.size());
      kids.emplace_back(byte, next);
      children.emplace_back();
      atom_at.push_back(-1);
      node = next;
    }
    same_.push_back(-1);
    if (node == 0) {  // the empty atom occurs in every text
      empty_.push_back(static_cast<int>(a));
      continue;
    }
    // Folding may make two atoms equal: chain them so that both are reported.
    same_.back() = atom_at[node];
    atom_at[node] = static_cast<int32_t>(a);
  }

  nodes_.resize(children.size());
  for (uint32_t n = 0; n < children.size(); ++n) {
    auto& kids = children[n];
    std::sort(kids.begin(), kids.end());
    nodes_[n].first_edge = static_cast<uint32_t>(edges_.size());
    nodes_[n].edge_count = static_cast<uint32_t>(kids.size());
    nodes_[n].atom = atom_at[n];
    for (const auto& [byte, target] : kids) edges_.push_back({byte, target});
  }
  std::fill(std::begin(root_next_), std::end(root_next_), kNone);
  for (const auto& [byte, target] : children[0]) root_next_[byte] = target;

  // Failure and output links, breadth first.
  std::deque<uint32_t> queue;
  for (const auto& [byte, target] : children[0]) queue.push_back(target);
  while (!queue.empty()) {
    const uint32_t u = queue.front();
    queue.pop_front();
    for (uint32_t e = nodes_[u].first_edge; e < nodes_[u].first_edge + nodes_[u].edge_count; ++e) {
      const unsigned char byte = edges_[e].byte;
      const uint32_t v = edges_[e].target;
      uint32_t f = nodes_[u].fail;
      uint32_t to = Goto(f, byte);
      while (to == kNone && f != 0) {
        f = nodes_[f].fail;
        to = Goto(f, byte);
      }
      nodes_[v].fail = to == kNone ? 0 : to;
      const Node& fail = nodes_[nodes_[v].fail];
      nodes_[v].output = fail.atom >= 0 ? nodes_[v].fail : fail.output;
      queue.push_back(v);
    }
  }
}

void AtomMatcher::FindAll(std::string_view text, std::vector<int>* found) const {
  found->clear();
  ForEachHit(text, [found](int a) { found->push_back(a); });
  std::sort(found->begin(), found->end());
  found->erase(std::unique(found->begin(), found->end()), found->end());
}

}  // namespace relata::rules::internal
