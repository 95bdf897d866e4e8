// Fuzz target: the pattern scanner behind the literal prefilter
// (rules/literal_prefilter.h).
//
// Input: a pattern (the first line) and a text (the rest). Properties, for
// every pattern RE2 accepts: when RE2 finds the pattern in the text, the
// text satisfies the scanner's requirement tree (the prefilter never hides a
// match); when the scanner understood the pattern, its capture groups are
// RE2's. (A pattern RE2 refuses may get any answer: the load rejects it.)
#include <re2/re2.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "rules/atom_matcher.h"
#include "rules/literal_prefilter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  if (newline == std::string_view::npos || newline > 512) return 0;
  const std::string pattern(input.substr(0, newline));
  const std::string text(input.substr(newline + 1));
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(1 << 20);
  RE2 re(pattern, options);
  if (!re.ok()) return 0;
  const auto analysis = relata::rules::internal::AnalyzePattern(pattern);
  if (analysis.understood) {
    FUZZ_CHECK(analysis.num_groups == re.NumberOfCapturingGroups(), "groups: scanner %d, RE2 %d in %s",
               analysis.num_groups, re.NumberOfCapturingGroups(), pattern.c_str());
    FUZZ_CHECK(analysis.named_groups == re.NamedCapturingGroups(), "named groups differ in %s", pattern.c_str());
  }
  const auto groups_only = relata::rules::internal::AnalyzePattern(pattern, /*literals=*/false);
  if (groups_only.understood) {
    FUZZ_CHECK(groups_only.num_groups == re.NumberOfCapturingGroups() &&
                   groups_only.named_groups == re.NamedCapturingGroups(),
               "groups-only scan differs from RE2 in %s", pattern.c_str());
  }
  if (RE2::PartialMatch(text, re)) {
    std::string folded;
    relata::rules::internal::FoldForPrefilter(text, &folded);
    FUZZ_CHECK(analysis.required.HoldsIn(folded), "RE2 matches %s but the prefilter (%s) hides it", pattern.c_str(),
               analysis.required.ToString().c_str());
  }
  return 0;
}
