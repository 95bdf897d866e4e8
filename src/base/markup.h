// Inline mention markup, shared by rule examples and the evaluation set:
//   "[이재용|person] 회장이 [메타|company]와 만났다"
// marks a mention as [SURFACE|TYPE]; \[ and \] are literal brackets. The type
// is what follows the LAST '|' inside the brackets, so a surface may contain '|'.
#ifndef RELATA_BASE_MARKUP_H_
#define RELATA_BASE_MARKUP_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/annotation.h"

namespace relata {

struct MarkedMention {
  ByteSpan span;  // byte offsets into MarkedText::text
  std::string type;
};

struct MarkedText {
  std::string text;  // the text without markup
  std::vector<MarkedMention> mentions;  // in text order
};

// Parses `marked`. On malformed markup (an unclosed '[', a stray ']', a
// mention without "|TYPE" or with an empty surface) returns false and sets
// `*error` to a message naming the byte offset in `marked`.
bool ParseMarkup(std::string_view marked, MarkedText* out, std::string* error);

}  // namespace relata

#endif  // RELATA_BASE_MARKUP_H_
