#include "segment/boundary.h"

#include "text/source_text.h"

namespace relata::segment {
namespace {

// Last code point of text[0, end); `end` > 0 and on a boundary.
char32_t PreviousCodePoint(std::string_view text, size_t end, size_t* start) {
  size_t i = end - 1;
  while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
  int len = 0;
  if (start) *start = i;
  return text::DecodeAt(text, i, &len);
}

}  // namespace

bool IsNameStart(std::string_view text, size_t begin) {
  if (begin == 0 || begin > text.size()) return begin == 0;
  int len = 0;
  if (begin < text.size() && !IsWordChar(text::DecodeAt(text, begin, &len))) return true;
  return !IsWordChar(PreviousCodePoint(text, begin, nullptr));
}

bool IsNameBoundary(std::string_view text, size_t begin, size_t end, const ParticleSet& particles,
                    size_t* particle_end) {
  *particle_end = end;
  if (begin >= end || end > text.size()) return false;
  if (!IsNameStart(text, begin)) return false;
  if (end == text.size()) return true;

  const char32_t last = PreviousCodePoint(text, end, nullptr);
  int len = 0;
  const char32_t next = text::DecodeAt(text, end, &len);
  // A non-word character on either side ends the name; this covers the
  // possessive (Meta's: the apostrophe is not a word character).
  if (!IsWordChar(last) || !IsWordChar(next)) return true;

  // The rest of the eojeol: the run of word characters after the name.
  size_t rest_end = end;
  bool all_hangul = true;
  while (rest_end < text.size()) {
    int l = 0;
    char32_t c = text::DecodeAt(text, rest_end, &l);
    if (!IsWordChar(c)) break;
    if (!IsHangulSyllable(c)) all_hangul = false;
    rest_end += l;
  }
  if (!all_hangul) return false;
  if (!particles.IsChain(text.substr(end, rest_end - end), last)) return false;
  *particle_end = rest_end;
  return true;
}

}  // namespace relata::segment
