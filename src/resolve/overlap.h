// The overlap policy: which of the overlapping mention candidates proposed by
// gazetteers and entity rules become mentions. Named "longest-then-priority",
// documented in docs/pipeline.md, and deterministic.
//
// Candidates are ranked by, in order:
//   1. length of the span in bytes, longer first;
//   2. priority (gazetteer entry or rule `priority`), higher first;
//   3. source: gazetteer before rule before resolution (a list is a fact we
//      wrote down; a pattern is a guess);
//   4. start offset, leftmost first;
//   5. type, then source id, in byte order (only to make the order total).
// Walking that ranking, a candidate that overlaps no chosen mention is chosen;
// any other becomes an Alternative of the first chosen mention it overlaps,
// with the reason it lost. When the loser has exactly the winner's span and
// type, its attributes are merged into the winner (the winner's values stand):
// a gazetteer hit for 저커버그 keeps the title "CEO" the person rule saw.
#ifndef RELATA_RESOLVE_OVERLAP_H_
#define RELATA_RESOLVE_OVERLAP_H_

#include <string>
#include <vector>

#include "base/annotation.h"

namespace relata::resolve {

// Returns the chosen mentions ordered by span. `sentence` is copied into each.
std::vector<Mention> ChooseMentions(std::vector<Candidate> candidates, size_t sentence);

// The reason `loser` lost to `winner` under the ranking above, in words.
std::string LossReason(const Candidate& winner, const Candidate& loser);

}  // namespace relata::resolve

#endif  // RELATA_RESOLVE_OVERLAP_H_
