// PatternFilter and LangFilters: which patterns are worth running on a text
// (the design is described at PatternFilter in rule_set_internal.h).
#include <algorithm>

#include "rules/rule_set_internal.h"

namespace relata::rules::internal {
namespace {

// Atoms shorter than this are dropped (the pattern part counts as always
// present). One byte (a space, a comma) filters nothing; two bytes keep short
// English words and the "19"/"20" of years (with 3, 10 instead of 7 zone
// patterns had no atoms and ran on every line, and relation matching was
// ~10% slower). A Hangul syllable is 3 bytes, so never dropped.
constexpr int kMinAtomBytes = 2;

}  // namespace

PatternFilter::PatternFilter(Strategy strategy) : strategy_(strategy), filter_(kMinAtomBytes) {}

const RE2* PatternFilter::Add(const std::string& pattern, const RE2::Options& options, int rule, int index) {
  int id = -1;
  if (filter_.Add(pattern, options, &id) != RE2::NoError) return nullptr;
  options_ = options;
  entries_.emplace_back(rule, index);
  return &filter_.GetRE2(id);
}

void PatternFilter::Prepare() const {
  std::call_once(prepared_, [this] {
    if (entries_.empty()) return;  // FilteredRE2 refuses to compile nothing
    if (strategy_ == Strategy::kExactSet) {
      RE2::Options options = options_;
      const int64_t budget = options_.max_mem() * static_cast<int64_t>(entries_.size() + 1);
      options.set_max_mem(std::min<int64_t>(budget, int64_t{1} << 30));
      set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
      bool added = true;
      for (size_t id = 0; id < entries_.size(); ++id)
        added = added && set_->Add(filter_.GetRE2(static_cast<int>(id)).pattern(), nullptr) == static_cast<int>(id);
      if (!added || !set_->Compile()) set_.reset();
      return;
    }
    std::vector<std::string> atoms;
    filter_.Compile(&atoms);
    std::string folded;
    for (std::string& atom : atoms) {
      FoldForPrefilter(atom, &folded);
      atom.swap(folded);
    }
    atoms_ = AtomMatcher(atoms);
  });
}

void PatternFilter::AppendCandidates(std::string_view text, std::string_view folded,
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
  std::vector<int> ids;
  filter_.AllPotentials(found, &ids);
  for (int id : ids) out->push_back(entries_[id]);
}

void LangFilters::Candidates(std::string_view text, const std::string& lang,
                             std::vector<std::pair<int, int>>* out) const {
  out->clear();
  std::string folded;
  if (strategy == PatternFilter::Strategy::kLiterals) FoldForPrefilter(text, &folded);
  for (const auto& [rule_lang, filter] : by_rule_lang)
    if (LangApplies(rule_lang, lang)) filter.AppendCandidates(text, folded, out);
  std::sort(out->begin(), out->end());
}

}  // namespace relata::rules::internal
