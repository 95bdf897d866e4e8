// PatternFilter and LangFilters: which patterns are worth running on a text
// (the design is described at PatternFilter in rule_set_internal.h).
#include <algorithm>
#include <tuple>

#include "rules/rule_set_internal.h"

namespace relata::rules::internal {

void PatternFilter::Add(const std::string& pattern, const RE2::Options& options, int rule, int index) {
  options_ = options;
  entries_.emplace_back(rule, index);
  patterns_.push_back(pattern);
}

// Nodes by content while Prepare builds the graph: (kind, atom, children).
struct PatternFilter::Graph {
  std::map<std::string, int> atom_ids;  // atom -> index in atoms_text_
  std::map<std::tuple<LiteralRequirement::Kind, int, std::vector<uint32_t>>, int> ids;
  std::vector<std::vector<uint32_t>> children;  // per node
};

int PatternFilter::AddNode(const LiteralRequirement& req, Graph* graph) const {
  int atom = -1;
  std::vector<uint32_t> children;
  switch (req.kind) {
    case LiteralRequirement::Kind::kAll:
      return kAlways;
    case LiteralRequirement::Kind::kAtom: {
      auto [it, inserted] = graph->atom_ids.emplace(req.atom, static_cast<int>(atoms_text_.size()));
      if (inserted) atoms_text_.push_back(req.atom);
      atom = it->second;
      break;
    }
    case LiteralRequirement::Kind::kAnd:
    case LiteralRequirement::Kind::kOr:
      for (const LiteralRequirement& c : req.children) {
        const int child = AddNode(c, graph);
        if (child == kAlways) {
          if (req.kind == LiteralRequirement::Kind::kOr) return kAlways;
          continue;  // holds anyway: the AND waits for the others
        }
        children.push_back(static_cast<uint32_t>(child));
      }
      // AND and OR care neither about order nor about repeats; as a set, a
      // child is counted once when it holds.
      std::sort(children.begin(), children.end());
      children.erase(std::unique(children.begin(), children.end()), children.end());
      if (req.kind == LiteralRequirement::Kind::kAnd && children.empty()) return kAlways;
      if (children.size() == 1) return static_cast<int>(children[0]);
      // An OR without children never holds: its node is never reached.
      break;
  }
  auto [it, inserted] = graph->ids.try_emplace(std::make_tuple(req.kind, atom, children), static_cast<int>(nodes_.size()));
  if (!inserted) return it->second;
  Node node;
  node.needed = req.kind == LiteralRequirement::Kind::kAnd ? static_cast<uint32_t>(children.size()) : 1;
  nodes_.push_back(node);
  graph->children.push_back(std::move(children));
  if (atom >= 0) {
    if (atom_nodes_.size() <= static_cast<size_t>(atom)) atom_nodes_.resize(static_cast<size_t>(atom) + 1);
    atom_nodes_[static_cast<size_t>(atom)] = static_cast<uint32_t>(it->second);
  }
  return it->second;
}

void PatternFilter::Prepare() const {
  std::call_once(prepared_, [this] {
    if (entries_.empty()) return;
    if (strategy_ == Strategy::kExactSet) {
      RE2::Options options = options_;
      const int64_t budget = options_.max_mem() * static_cast<int64_t>(entries_.size() + 1);
      options.set_max_mem(std::min<int64_t>(budget, int64_t{1} << 30));
      set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
      bool added = true;
      for (size_t id = 0; id < patterns_.size(); ++id)
        added = added && set_->Add(RelaxCountedRepetitions(patterns_[id]).pattern, nullptr) == static_cast<int>(id);
      if (!added || !set_->Compile()) set_.reset();
      return;
    }
    Graph graph;
    for (const std::string& pattern : patterns_) roots_.push_back(AddNode(AnalyzePattern(pattern).required, &graph));
    // Parent lists, the reverse of the child lists.
    for (const auto& children : graph.children)
      for (uint32_t c : children) ++nodes_[c].parent_count;
    uint32_t next = 0;
    for (Node& node : nodes_) {
      node.first_parent = next;
      next += node.parent_count;
      node.parent_count = 0;
    }
    parents_.resize(next);
    for (size_t n = 0; n < graph.children.size(); ++n)
      for (uint32_t c : graph.children[n]) {
        Node& child = nodes_[c];
        parents_[child.first_parent + child.parent_count++] = static_cast<uint32_t>(n);
      }
    atoms_ = AtomMatcher(atoms_text_);
  });
}

void PatternFilter::AppendCandidates(std::string_view text, std::string_view folded, const std::vector<bool>* rules,
                                     std::vector<std::pair<int, int>>* out) const {
  if (entries_.empty()) return;
  Prepare();
  if (strategy_ == Strategy::kExactSet) {
    std::vector<int> hits;
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    if (set_ && set_->Match(re2::StringPiece(text.data(), text.size()), &hits, &info)) {
      for (int h : hits) out->push_back(entries_[h]);
    } else if (!set_ || info.kind != RE2::Set::kNoError) {
      out->insert(out->end(), entries_.begin(), entries_.end());  // no set, or its DFA ran out of memory: try all
    }
    return;
  }
  // Per node, how many of its children hold on this text; a node's count is
  // stale unless its generation is this call's (no clearing between texts).
  // One scratch per thread, shared by all filters: PatternFilter is used
  // from several threads at once and calls never nest.
  struct Slot {
    uint32_t generation, count;
  };
  struct Scratch {
    std::vector<Slot> slots;
    std::vector<uint32_t> ready;  // nodes that became true, parents not yet told
    uint32_t generation = 0;
  };
  thread_local Scratch scratch;
  if (scratch.slots.size() < nodes_.size()) scratch.slots.resize(nodes_.size(), Slot{0, 0});
  if (++scratch.generation == 0) {  // wrapped: forget every count
    std::fill(scratch.slots.begin(), scratch.slots.end(), Slot{0, 0});
    scratch.generation = 1;
  }
  const uint32_t generation = scratch.generation;
  Slot* slots = scratch.slots.data();
  std::vector<uint32_t>& ready = scratch.ready;
  auto tell = [&](uint32_t n) {
    Slot& slot = slots[n];
    if (slot.generation != generation) slot = {generation, 0};
    if (++slot.count == nodes_[n].needed) ready.push_back(n);
  };
  atoms_.ForEachHit(folded, [&](int a) { tell(atom_nodes_[static_cast<size_t>(a)]); });
  while (!ready.empty()) {
    const Node& node = nodes_[ready.back()];
    ready.pop_back();
    for (uint32_t k = 0; k < node.parent_count; ++k) tell(parents_[node.first_parent + k]);
  }
  for (size_t id = 0; id < roots_.size(); ++id) {
    if (rules != nullptr && !(*rules)[static_cast<size_t>(entries_[id].first)]) continue;
    const int root = roots_[id];
    if (root == kAlways) {
      out->push_back(entries_[id]);
      continue;
    }
    const Slot& slot = slots[root];
    if (slot.generation == generation && slot.count >= nodes_[static_cast<size_t>(root)].needed)
      out->push_back(entries_[id]);
  }
}

void LangFilters::Candidates(std::string_view text, const std::string& lang, std::vector<std::pair<int, int>>* out,
                             const std::vector<bool>* rules) const {
  out->clear();
  std::string folded;
  if (strategy == PatternFilter::Strategy::kLiterals) FoldForPrefilter(text, &folded);
  for (const auto& [rule_lang, filter] : by_rule_lang)
    if (LangApplies(rule_lang, lang)) filter.AppendCandidates(text, folded, rules, out);
  std::sort(out->begin(), out->end());
}

}  // namespace relata::rules::internal
