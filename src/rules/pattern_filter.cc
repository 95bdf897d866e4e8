// PatternFilter and LangFilters: which patterns are worth running on a text
// (the design is described at PatternFilter in rule_set_internal.h).
#include <algorithm>

#include "rules/rule_set_internal.h"

namespace relata::rules::internal {
namespace {

// Atoms shorter than this are dropped (the pattern part counts as always
// present). One byte (a space, a comma) filters nothing; two bytes keep
// "Mr", "Dr" and the "19"/"20" of years, without which those entity patterns
// run on every sentence (with 3: 1.8x the candidates on the bench slice and
// slower entity matching). A Hangul syllable is 3 bytes, so never dropped.
constexpr int kMinAtomBytes = 2;

}  // namespace

PatternFilter::PatternFilter() : filter_(kMinAtomBytes) {}

const RE2* PatternFilter::Add(const std::string& pattern, const RE2::Options& options, int rule, int index) {
  int id = -1;
  if (filter_.Add(pattern, options, &id) != RE2::NoError) return nullptr;
  entries_.emplace_back(rule, index);
  return &filter_.GetRE2(id);
}

void PatternFilter::Prepare() const {
  std::call_once(prepared_, [this] {
    if (entries_.empty()) return;  // FilteredRE2 refuses to compile nothing
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

void PatternFilter::AppendCandidates(std::string_view folded, std::vector<std::pair<int, int>>* out) const {
  if (entries_.empty()) return;
  Prepare();
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
  FoldForPrefilter(text, &folded);
  for (const auto& [rule_lang, filter] : by_rule_lang)
    if (LangApplies(rule_lang, lang)) filter.AppendCandidates(folded, out);
  std::sort(out->begin(), out->end());
}

}  // namespace relata::rules::internal
