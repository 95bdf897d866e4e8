#include "graph/fact_graph.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <tuple>
#include <utility>

namespace relata::graph {
namespace {

// FNV-1a, 64-bit variant (http://www.isthe.com/chongo/tech/comp/fnv/). Chosen
// because it is tiny, has no seed and is identical on every platform and
// release, which is what makes edge ids stable across reruns.
constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;
// ASCII unit separator: cannot appear in relation names or node ids produced
// by relata, so "a\x1fbc" and "ab\x1fc" never hash the same input.
constexpr char kFieldSeparator = '\x1f';

void FnvAppend(std::string_view s, uint64_t* h) {
  for (unsigned char c : s) {
    *h ^= c;
    *h *= kFnvPrime;
  }
}

bool SameOffsets(const Offsets& a, const Offsets& b) {
  return a.start == b.start && a.end == b.end && a.byte_start == b.byte_start && a.byte_end == b.byte_end &&
         a.utf16_start == b.utf16_start && a.utf16_end == b.utf16_end;
}

// NaN would poison the max() merge (it compares false both ways), so a
// non-number confidence is treated as "no confidence".
double SaneConfidence(double c) { return std::isfinite(c) ? c : 0.0; }

}  // namespace

bool Evidence::operator==(const Evidence& o) const {
  return doc == o.doc && sentence == o.sentence && sentence_text == o.sentence_text &&
         SameOffsets(sentence_offsets, o.sentence_offsets) && SameOffsets(match_offsets, o.match_offsets) &&
         rule == o.rule && inferred == o.inferred;
}

std::string EdgeId(const std::string& relation, const std::string& source, const std::string& target,
                   bool directed) {
  const std::string* first = &source;
  const std::string* second = &target;
  // Symmetric relations: (A, B) and (B, A) are the same fact, so order the
  // endpoints by bytes before hashing.
  if (!directed && target < source) std::swap(first, second);
  uint64_t h = kFnvOffsetBasis;
  FnvAppend(relation, &h);
  FnvAppend(std::string_view(&kFieldSeparator, 1), &h);
  FnvAppend(*first, &h);
  FnvAppend(std::string_view(&kFieldSeparator, 1), &h);
  FnvAppend(*second, &h);

  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(17, '0');
  id[0] = 'e';
  for (int i = 16; i >= 1; --i) {
    id[i] = kHex[h & 0xf];
    h >>= 4;
  }
  return id;
}

FactGraph::FactGraph(std::string document_id) : id_(std::move(document_id)) {}

Node& FactGraph::UpsertNode(const std::string& id, const std::string& label, const std::string& type,
                            bool* created) {
  // One descent of the tree whether the node exists or not.
  auto it = nodes_.lower_bound(id);
  const bool exists = it != nodes_.end() && it->first == id;
  if (created != nullptr) *created = !exists;
  if (exists) return it->second;  // first label/type win; callers enrich it
  // Built in place: a Node is four strings, a vector and three maps to move.
  Node& node = nodes_.emplace_hint(it, std::piecewise_construct, std::forward_as_tuple(id), std::tuple<>())->second;
  node.id = id;
  node.label = label;
  node.type = type;
  return node;
}

const Node* FactGraph::FindNode(const std::string& id) const {
  auto it = nodes_.find(id);
  return it == nodes_.end() ? nullptr : &it->second;
}

std::string FactGraph::AddEdge(std::string relation, std::string source, std::string target, bool directed,
                               double confidence, const std::map<std::string, std::string>& attributes,
                               Evidence evidence) {
  // Store symmetric edges with ordered endpoints too, so the written
  // source/target do not depend on which direction the first fact was found in.
  if (!directed && target < source) std::swap(source, target);
  std::string id = EdgeId(relation, source, target, directed);
  confidence = SaneConfidence(confidence);

  auto it = edges_.lower_bound(id);
  if (it == edges_.end() || it->first != id) {
    Edge& edge = edges_.emplace_hint(it, id, Edge())->second;
    edge.id = id;
    edge.source = std::move(source);
    edge.target = std::move(target);
    edge.relation = std::move(relation);
    edge.directed = directed;
    edge.confidence = confidence;
    edge.attributes = attributes;
    edge.evidence.push_back(std::move(evidence));
    return id;
  }

  Edge& edge = it->second;
  edge.confidence = std::max(edge.confidence, confidence);
  // map::insert keeps an existing key's value: first value wins.
  edge.attributes.insert(attributes.begin(), attributes.end());
  // Linear scan: an edge rarely has more than a handful of evidence pieces.
  if (std::find(edge.evidence.begin(), edge.evidence.end(), evidence) == edge.evidence.end()) {
    edge.evidence.push_back(std::move(evidence));
  }
  return id;
}

}  // namespace relata::graph
