#include "segment/zones.h"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace relata::segment {
namespace {

struct Line {
  size_t begin;     // first byte of the line
  size_t content;   // end of the line's text (before \r\n, \n or \r)
  size_t end;       // one past the line end, or the text end
};

// Lines end at \n, \r\n or a lone \r: scrapers still deliver old Mac files
// with CR-only line ends, and treating those as one long line would hide every
// byline and date line from the zone rules.
std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t begin = 0;
  while (begin < text.size()) {
    const size_t brk = text.find_first_of("\r\n", begin);
    if (brk == std::string_view::npos) {
      lines.push_back({begin, text.size(), text.size()});
      break;
    }
    size_t end = brk + 1;
    if (text[brk] == '\r' && end < text.size() && text[end] == '\n') ++end;
    lines.push_back({begin, brk, end});
    begin = end;
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

    if (cls.kind == LineClass::Kind::kPrefix) {
      const size_t n = std::min(cls.prefix_bytes, line.size());
      if (n > 0) result.furniture.push_back({{lines[i].begin, lines[i].begin + n}, cls.rule_id});
      continue;
    }
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
