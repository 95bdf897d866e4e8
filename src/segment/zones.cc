#include "segment/zones.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace relata::segment {
namespace {

struct Line {
  size_t begin;     // first byte of the line
  size_t content;   // end of the line's text (before \r\n or \n)
  size_t end;       // one past the line end (\n), or the text end
};

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t begin = 0;
  while (begin < text.size()) {
    const size_t nl = text.find('\n', begin);
    const size_t stop = nl == std::string_view::npos ? text.size() : nl;
    size_t content = stop;
    if (content > begin && text[content - 1] == '\r') --content;
    lines.push_back({begin, content, nl == std::string_view::npos ? text.size() : nl + 1});
    begin = lines.back().end;
  }
  return lines;
}

// A line of nothing but white space (NBSP and U+3000 included) separates
// blocks just as an empty one does: pages pad their paragraphs with them.
bool IsBlank(std::string_view line) {
  const auto* s = reinterpret_cast<const uint8_t*>(line.data());
  const int32_t n = static_cast<int32_t>(line.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !u_isUWhiteSpace(c)) return false;
  }
  return true;
}

}  // namespace

ZoneResult FindZones(std::string_view text, const LineClassifier& classifier, const std::string& lang) {
  ZoneResult result;
  const std::vector<Line> lines = SplitLines(text);
  auto content = [&](const Line& l) { return text.substr(l.begin, l.content - l.begin); };

  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = content(lines[i]);
    // Blank lines are never asked about: they are what kBlankLine blocks end
    // on, and a permissive rule matching them would eat paragraph breaks.
    if (IsBlank(line)) continue;
    const LineClass cls = classifier.Classify(line, lang);
    if (result.date.empty() && !cls.date.empty()) result.date = cls.date;
    if (cls.kind == LineClass::Kind::kBody) continue;

    size_t last = i;  // the last line of the furniture zone
    if (cls.kind == LineClass::Kind::kBlock) {
      // A block whose end never comes runs to the end of the text: the page
      // furniture it started does not turn back into article by itself.
      last = lines.size() - 1;
      if (cls.until != LineClass::Until::kEndOfText) {
        for (size_t j = i + 1; j < lines.size(); ++j) {
          const std::string_view next = content(lines[j]);
          const bool ends = cls.until == LineClass::Until::kBlankLine ? IsBlank(next)
                                                                       : classifier.EndsBlock(cls.rule_id, next);
          if (ends) {
            last = j;
            break;
          }
        }
      }
    }
    result.furniture.push_back({{lines[i].begin, lines[last].end}, cls.rule_id});
    i = last;
  }

  size_t cursor = 0;
  for (const Zone& z : result.furniture) {
    if (z.span.begin > cursor) result.body.push_back({cursor, z.span.begin});
    cursor = z.span.end;
  }
  if (cursor < text.size()) result.body.push_back({cursor, text.size()});
  return result;
}

}  // namespace relata::segment
