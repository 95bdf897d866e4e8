// PatternFilter and LangFilters: which patterns are worth running on a text
// (the design is described at PatternFilter in rule_set_internal.h).
#include <algorithm>

#include "rules/rule_set_internal.h"

namespace relata::rules::internal {

void PatternFilter::Add(const std::string& pattern, const RE2::Options& options, int rule, int index) {
  options_ = options;
  entries_.emplace_back(rule, index);
  patterns_.push_back(pattern);
}

int PatternFilter::AddNode(const LiteralRequirement& req, std::map<std::string, int>* atom_ids) const {
  Node node;
  node.kind = req.kind;
  if (req.kind == LiteralRequirement::Kind::kAtom) {
    auto [it, inserted] = atom_ids->emplace(req.atom, static_cast<int>(atoms_text_.size()));
    if (inserted) atoms_text_.push_back(req.atom);
    node.atom = it->second;
  }
  std::vector<uint32_t> children;
  for (const LiteralRequirement& c : req.children) children.push_back(static_cast<uint32_t>(AddNode(c, atom_ids)));
  // AND and OR do not care about order, and Holds stops at the first child
  // that decides: one array lookup for an atom, a walk for a subtree.
  std::stable_partition(children.begin(), children.end(),
                        [this](uint32_t c) { return nodes_[c].kind == LiteralRequirement::Kind::kAtom; });
  node.first = static_cast<uint32_t>(child_ids_.size());
  node.count = static_cast<uint32_t>(children.size());
  child_ids_.insert(child_ids_.end(), children.begin(), children.end());
  nodes_.push_back(node);
  return static_cast<int>(nodes_.size()) - 1;
}

bool PatternFilter::Holds(int id, const std::vector<char>& present) const {
  const Node& node = nodes_[static_cast<size_t>(id)];
  switch (node.kind) {
    case LiteralRequirement::Kind::kAll:
      return true;
    case LiteralRequirement::Kind::kAtom:
      return present[static_cast<size_t>(node.atom)] != 0;
    case LiteralRequirement::Kind::kAnd:
      for (uint32_t k = 0; k < node.count; ++k)
        if (!Holds(static_cast<int>(child_ids_[node.first + k]), present)) return false;
      return true;
    case LiteralRequirement::Kind::kOr:
      for (uint32_t k = 0; k < node.count; ++k)
        if (Holds(static_cast<int>(child_ids_[node.first + k]), present)) return true;
      return false;
  }
  return true;
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
    std::map<std::string, int> atom_ids;  // atom -> index in atoms_text_, while the trees are built
    for (const std::string& pattern : patterns_) roots_.push_back(AddNode(AnalyzePattern(pattern).required, &atom_ids));
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
  std::vector<int> found;
  atoms_.FindAll(folded, &found);
  std::vector<char> present(atoms_text_.size(), 0);
  for (int a : found) present[static_cast<size_t>(a)] = 1;
  for (size_t id = 0; id < roots_.size(); ++id) {
    if (rules != nullptr && !(*rules)[static_cast<size_t>(entries_[id].first)]) continue;
    if (Holds(roots_[id], present)) out->push_back(entries_[id]);
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
