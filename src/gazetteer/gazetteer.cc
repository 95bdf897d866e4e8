// The compiled dictionary: a byte trie over the normalized surface forms, and
// the one-pass matcher that walks it.
#include "gazetteer/gazetteer.h"

#include <algorithm>
#include <array>
#include <deque>
#include <limits>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "segment/boundary.h"
#include "text/source_text.h"

namespace relata::gazetteer {
namespace {

constexpr uint32_t kNoNode = std::numeric_limits<uint32_t>::max();

// A node's children are the edges [edge_begin, edge_begin + edge_count) of the
// flat label/target arrays, sorted by label; the entries whose surface ends at
// the node are node_entries[entry_begin, entry_begin + entry_count), ascending.
struct Node {
  uint32_t edge_begin = 0;
  uint32_t edge_count = 0;
  uint32_t entry_begin = 0;
  uint32_t entry_count = 0;
};

struct Key {
  std::string surface;
  uint32_t entry;
};

}  // namespace

struct Gazetteer::Rep {
  std::vector<Entry> entries;
  std::unordered_map<std::string, uint32_t> by_id;
  std::vector<Node> nodes{Node{}};  // nodes[0] is the root
  std::vector<uint8_t> labels;
  std::vector<uint32_t> targets;
  std::vector<uint32_t> node_entries;
  // Parallel to entries: normalized context words (empty: no requirement).
  std::vector<std::vector<std::string>> context;
  // Every walk starts at the root, whose fan-out is the widest: index it directly.
  std::array<uint32_t, 256> root_child;

  Rep() { root_child.fill(kNoNode); }

  uint32_t Child(uint32_t node, uint8_t byte) const {
    if (node == 0) return root_child[byte];
    const Node& n = nodes[node];
    const uint8_t* first = labels.data() + n.edge_begin;
    const uint8_t* last = first + n.edge_count;
    // Below the root fan-out is small (a handful of continuations); a linear
    // scan of contiguous bytes beats a binary search there.
    if (n.edge_count <= 8) {
      for (const uint8_t* p = first; p != last; ++p) {
        if (*p == byte) return targets[n.edge_begin + static_cast<uint32_t>(p - first)];
      }
      return kNoNode;
    }
    const uint8_t* p = std::lower_bound(first, last, byte);
    if (p == last || *p != byte) return kNoNode;
    return targets[n.edge_begin + static_cast<uint32_t>(p - first)];
  }
};

namespace {

// Surfaces are compared byte for byte, so runs of white space inside a name
// (a line break or a doubled space in the source list) become one space, and
// white space at the ends is dropped: the text side never matches those.
std::string CleanSurface(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

Gazetteer::Gazetteer() : rep_(std::make_unique<Rep>()) {}
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;
Gazetteer::~Gazetteer() = default;

const std::vector<Entry>& Gazetteer::entries() const {
  static const std::vector<Entry> kEmpty;
  return rep_ ? rep_->entries : kEmpty;
}

int64_t Gazetteer::Find(const std::string& id) const {
  if (!rep_) return -1;
  auto it = rep_->by_id.find(id);
  return it == rep_->by_id.end() ? -1 : static_cast<int64_t>(it->second);
}

std::vector<uint32_t> Gazetteer::Lookup(std::string_view normalized_surface) const {
  std::vector<uint32_t> result;
  if (!rep_) return result;
  const std::string surface = CleanSurface(normalized_surface);
  if (surface.empty()) return result;
  uint32_t node = 0;
  for (char c : surface) {
    node = rep_->Child(node, static_cast<uint8_t>(c));
    if (node == kNoNode) return result;
  }
  const Node& n = rep_->nodes[node];
  result.assign(rep_->node_entries.begin() + n.entry_begin,
                rep_->node_entries.begin() + n.entry_begin + n.entry_count);
  return result;
}

void Gazetteer::Match(std::string_view folded, const segment::ParticleSet& particles,
                      std::vector<GazetteerMatch>* out) const {
  if (!rep_ || out == nullptr || folded.empty() || rep_->entries.empty()) return;
  const Rep& rep = *rep_;
  const size_t n = folded.size();
  bool previous_is_word = false;
  size_t start = 0;
  while (start < n) {
    int len = 0;
    const char32_t c = text::DecodeAt(folded, start, &len);
    if (len <= 0) len = 1;
    const bool is_word = segment::IsWordChar(c);
    // A name may start at the text start, after a non-word character, or on a
    // non-word character of its own ("(주)"); segment::IsNameStart says the
    // same, but tracking the previous character here avoids decoding backwards.
    if (start == 0 || !previous_is_word || !is_word) {
      uint32_t node = 0;
      for (size_t j = start; j < n;) {
        node = rep.Child(node, static_cast<uint8_t>(folded[j]));
        if (node == kNoNode) break;
        ++j;
        const Node& nd = rep.nodes[node];
        if (nd.entry_count == 0) continue;
        size_t particle_end = j;
        if (!segment::IsNameBoundary(folded, start, j, particles, &particle_end)) continue;
        for (uint32_t k = 0; k < nd.entry_count; ++k) {
          GazetteerMatch m;
          m.begin = start;
          m.end = j;
          m.particle_end = particle_end;
          m.entry = rep.node_entries[nd.entry_begin + k];
          out->push_back(m);
        }
      }
    }
    previous_is_word = is_word;
    start += static_cast<size_t>(len);
  }
}

GazetteerBuilder::GazetteerBuilder() = default;
GazetteerBuilder::~GazetteerBuilder() = default;

StatusOr<Gazetteer> GazetteerBuilder::Build(const text::Normalizer& normalizer) {
  if (entries_.size() >= kNoNode) return Status::ResourceExhausted("too many gazetteer entries");
  Gazetteer gazetteer;
  Gazetteer::Rep& rep = *gazetteer.rep_;
  rep.entries = entries_;  // the builder stays usable (e.g. to add a file and rebuild)

  std::vector<Key> keys;
  size_t total_bytes = 0;
  rep.context.resize(rep.entries.size());
  for (uint32_t i = 0; i < rep.entries.size(); ++i) {
    const Entry& e = rep.entries[i];
    rep.by_id.emplace(e.id, i);
    auto ctx = e.attributes.find("context");
    if (ctx != e.attributes.end()) {
      size_t from = 0;
      while (from <= ctx->second.size()) {
        size_t bar = ctx->second.find('|', from);
        if (bar == std::string::npos) bar = ctx->second.size();
        std::string word = CleanSurface(normalizer.NormalizeString(ctx->second.substr(from, bar - from)));
        if (!word.empty()) rep.context[i].push_back(std::move(word));
        from = bar + 1;
      }
    }
    const std::string where = e.origin.empty() ? "" : e.origin + ": ";
    // The name first, then the aliases; a surface listed twice for one entry is
    // one key (deduplicated below).
    for (size_t s = 0; s <= e.aliases.size(); ++s) {
      const std::string& raw = s == 0 ? e.name : e.aliases[s - 1];
      std::string surface = CleanSurface(normalizer.NormalizeString(raw));
      if (surface.empty()) {
        // NFKC_Casefold drops default-ignorable code points, so a name made only
        // of, say, zero-width spaces would otherwise vanish without a trace.
        return Status::DataError(where + (s == 0 ? "name '" : "alias '") + raw + "' of '" + e.id +
                                 "' is empty after normalization");
      }
      total_bytes += surface.size();
      keys.push_back({std::move(surface), i});
    }
  }
  // Node indices are 32-bit; a trie never has more nodes than key bytes + 1.
  if (total_bytes >= kNoNode) return Status::ResourceExhausted("gazetteer surfaces exceed 4 GiB");

  std::sort(keys.begin(), keys.end(),
            [](const Key& a, const Key& b) { return std::tie(a.surface, a.entry) < std::tie(b.surface, b.entry); });
  keys.erase(std::unique(keys.begin(), keys.end(),
                         [](const Key& a, const Key& b) { return a.entry == b.entry && a.surface == b.surface; }),
             keys.end());

  // Breadth-first over the sorted keys: a node owns the key range sharing its
  // prefix; keys that end at the node come first in the range (a string sorts
  // before its extensions), the rest group by their next byte into children,
  // whose edges are appended contiguously. Iterative, so a very long name cannot
  // exhaust the stack.
  struct Work {
    uint32_t node;
    size_t lo, hi, depth;
  };
  std::deque<Work> queue;
  queue.push_back({0, 0, keys.size(), 0});
  while (!queue.empty()) {
    const Work w = queue.front();
    queue.pop_front();
    size_t i = w.lo;
    const uint32_t entry_begin = static_cast<uint32_t>(rep.node_entries.size());
    while (i < w.hi && keys[i].surface.size() == w.depth) rep.node_entries.push_back(keys[i++].entry);
    const uint32_t edge_begin = static_cast<uint32_t>(rep.labels.size());
    while (i < w.hi) {
      const uint8_t byte = static_cast<uint8_t>(keys[i].surface[w.depth]);
      size_t j = i;
      while (j < w.hi && static_cast<uint8_t>(keys[j].surface[w.depth]) == byte) ++j;
      const uint32_t child = static_cast<uint32_t>(rep.nodes.size());
      rep.nodes.push_back(Node{});
      rep.labels.push_back(byte);
      rep.targets.push_back(child);
      queue.push_back({child, i, j, w.depth + 1});
      i = j;
    }
    Node& node = rep.nodes[w.node];
    node.entry_begin = entry_begin;
    node.entry_count = static_cast<uint32_t>(rep.node_entries.size()) - entry_begin;
    node.edge_begin = edge_begin;
    node.edge_count = static_cast<uint32_t>(rep.labels.size()) - edge_begin;
  }
  const Node& root = rep.nodes[0];
  for (uint32_t k = 0; k < root.edge_count; ++k) {
    rep.root_child[rep.labels[root.edge_begin + k]] = rep.targets[root.edge_begin + k];
  }
  rep.nodes.shrink_to_fit();
  rep.labels.shrink_to_fit();
  rep.targets.shrink_to_fit();
  rep.node_entries.shrink_to_fit();
  return gazetteer;
}

bool Gazetteer::HasContext(uint32_t entry) const {
  return entry < rep_->context.size() && !rep_->context[entry].empty();
}

bool Gazetteer::ContextSatisfied(uint32_t entry, std::string_view folded_sentence) const {
  if (!HasContext(entry)) return true;
  for (const std::string& word : rep_->context[entry]) {
    if (folded_sentence.find(word) != std::string_view::npos) return true;
  }
  return false;
}

GazetteerStats Gazetteer::Stats() const {
  GazetteerStats st;
  st.entries = rep_->entries.size();
  st.surfaces = rep_->node_entries.size();
  for (uint32_t i = 0; i < rep_->entries.size(); ++i) {
    const Entry& e = rep_->entries[i];
    ++st.by_type[e.type];
    if (HasContext(i)) ++st.with_context;
    if (e.attributes.count("parent")) ++st.with_parent;
    if (e.type == "person" && (e.attributes.count("title") || e.attributes.count("organization"))) ++st.with_position;
  }
  return st;
}

}  // namespace relata::gazetteer
