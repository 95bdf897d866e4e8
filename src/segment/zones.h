// Zones: which lines of a page are article body and which are page furniture
// (weather tickers, bylines, photo credits, copyright lines, comment forms,
// share buttons, related-article lists). Furniture is not annotated.
//
// Nothing here knows any site: what counts as furniture is written as zone
// rules in the rule files (see docs/rules.md). This stage only walks lines and
// asks a LineClassifier — implemented by rules::RuleSet — what each line is.
//
// Semantics of a classification:
//   kLine   the line itself is furniture.
//   kBlock  the line starts a furniture block that runs through the line the
//           rule's `until` names: the next blank line (kBlankLine), the end of
//           the text (kEndOfText), or the first later line matching a pattern
//           (kPattern, that line included). A block whose end never comes
//           runs to the end of the text.
// Blank lines (only white space) are never classified; they are body unless a
// block covers them.
// A classification may carry a publication date captured by the rule
// ("기사승인 : 2024-02-29" → "2024-02-29"); the first one in the text wins.
#ifndef RELATA_SEGMENT_ZONES_H_
#define RELATA_SEGMENT_ZONES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/annotation.h"

namespace relata::segment {

struct LineClass {
  // kPrefix: only the start of the line, `prefix_bytes` long, is furniture (a
  // wire dateline "(서울=연합뉴스) 홍길동 기자 =" before the first sentence).
  enum class Kind { kBody, kLine, kBlock, kPrefix };
  enum class Until { kBlankLine, kEndOfText, kPattern };
  Kind kind = Kind::kBody;
  Until until = Until::kBlankLine;
  std::string rule_id;  // the zone rule that fired
  std::string date;     // publication date captured by the rule, ISO "YYYY-MM-DD", or empty
  size_t prefix_bytes = 0;  // for kPrefix: bytes of the line (as given) that are furniture
};

class LineClassifier {
 public:
  virtual ~LineClassifier() = default;
  // Classifies one line (without its line end). `lang` is the document language.
  virtual LineClass Classify(std::string_view line, const std::string& lang) const = 0;
  // For a kBlock with Until::kPattern: does `line` end the block started by `rule_id`?
  virtual bool EndsBlock(const std::string& rule_id, std::string_view line) const = 0;
};

struct Zone {
  ByteSpan span;        // whole lines, line ends included
  std::string rule_id;  // the zone rule that made it furniture
};

struct ZoneResult {
  std::vector<ByteSpan> body;   // ranges to annotate, ascending, disjoint
  std::vector<Zone> furniture;  // ranges skipped, ascending, disjoint
  std::string date;             // first captured publication date, or empty
};

// Lines are split on \n; a trailing \r belongs to the line end, not the line.
ZoneResult FindZones(std::string_view text, const LineClassifier& classifier, const std::string& lang);

}  // namespace relata::segment

#endif  // RELATA_SEGMENT_ZONES_H_
