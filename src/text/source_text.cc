#include "text/source_text.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace relata::text {
namespace {

constexpr size_t kMaxWarnings = 20;

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Code points and UTF-16 units in p[0, n), counted from lead bytes: every byte
// that is not a continuation byte starts a code point, and a 4-byte lead
// (F0..F7; F8..FF never occur in valid text) also starts a second UTF-16 unit.
// Eight bytes at a time: a continuation byte has bit 7 set and bit 6 clear,
// a 4-byte lead has bits 7..4 set.
void CountUnits(const char* p, size_t n, size_t* cp, size_t* utf16) {
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  size_t continuation = 0, four = 0, i = 0;
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  // Sum of the per-byte flags at bit 7 (one per byte): shifted to bit 0, the
  // multiplication adds all eight bytes into the top one (no popcount needed,
  // which this build may not have as an instruction).
  const auto count_flags = [](uint64_t flags) { return static_cast<size_t>((((flags >> 7) * kOnes) >> 56)); };
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    continuation += count_flags(w & ~(w << 1) & kHigh);
    four += count_flags(w & (w << 1) & (w << 2) & (w << 3) & kHigh);
  }
  for (; i < n; ++i) {
    const unsigned char b = static_cast<unsigned char>(p[i]);
    continuation += IsContinuation(b) ? 1 : 0;
    four += b >= 0xF0 ? 1 : 0;
  }
  *cp += n - continuation;
  *utf16 += n - continuation + four;
}

// Length of the well-formed sequence at `s[i]`, or 0 when it is ill-formed; in
// that case `*subpart` is the length of the maximal ill-formed subpart (>= 1),
// i.e. the bytes one U+FFFD replaces. The per-lead ranges for the second byte
// are Table 3-7 of the Unicode Standard: they exclude overlongs (C0, C1, E0 80..9F,
// F0 80..8F), surrogates (ED A0..BF) and code points above U+10FFFF (F4 90.., F5..).
size_t CheckSequence(std::string_view s, size_t i, size_t* subpart) {
  const unsigned char lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) return 1;
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    if (lead == 0xE0) lo = 0xA0;
    if (lead == 0xED) hi = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;
  } else {
    *subpart = 1;  // stray continuation byte, C0/C1 or F5..FF: never starts a sequence
    return 0;
  }
  size_t k = 1;
  for (; k <= need; ++k) {
    if (i + k >= s.size()) break;
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    const unsigned char min = k == 1 ? lo : 0x80;
    const unsigned char max = k == 1 ? hi : 0xBF;
    if (b < min || b > max) break;
  }
  if (k == need + 1) return need + 1;
  *subpart = k;
  return 0;
}

}  // namespace

StatusOr<SourceText> SourceText::Decode(std::string bytes, const DecodeOptions& options,
                                        std::vector<std::string>* warnings) {
  // Fast path: the common case is valid input, which is kept as is (no copy).
  size_t first_bad = bytes.size();
  for (size_t i = 0; i < bytes.size();) {
    if (i + 8 <= bytes.size()) {
      uint64_t w;
      std::memcpy(&w, bytes.data() + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {  // eight ASCII bytes
        i += 8;
        continue;
      }
    }
    size_t subpart = 0;
    const size_t len = CheckSequence(bytes, i, &subpart);
    if (len == 0) {
      first_bad = i;
      break;
    }
    i += len;
  }
  SourceText out;
  if (first_bad == bytes.size()) {
    out.text_ = std::move(bytes);
    out.BuildIndex();
    return out;
  }
  if (!options.lenient) {
    return Status::DataError("invalid UTF-8 at byte " + std::to_string(first_bad));
  }

  std::string& text = out.text_;
  text.reserve(bytes.size() + 16);
  text.append(bytes, 0, first_bad);
  size_t replaced = 0;
  for (size_t i = first_bad; i < bytes.size();) {
    size_t subpart = 0;
    const size_t len = CheckSequence(bytes, i, &subpart);
    if (len != 0) {
      text.append(bytes, i, len);
      i += len;
      continue;
    }
    if (warnings != nullptr && replaced < kMaxWarnings) {
      warnings->push_back("invalid UTF-8 at byte " + std::to_string(i) + " replaced by U+FFFD");
    }
    ++replaced;
    AppendUtf8(0xFFFD, &text);
    i += subpart;
    out.repairs_.emplace_back(text.size(), i);
  }
  if (warnings != nullptr && replaced > kMaxWarnings) {
    warnings->push_back(std::to_string(replaced - kMaxWarnings) +
                        " more invalid UTF-8 sequences replaced by U+FFFD");
  }
  out.BuildIndex();
  return out;
}

void SourceText::BuildIndex() {
  // Counting lead bytes (and 4-byte leads for the second UTF-16 unit) makes the
  // counts a function of the byte prefix alone, so a checkpoint may sit in the
  // middle of a code point and still be exact.
  checkpoints_.clear();
  checkpoints_.reserve(text_.size() / kStride + 1);
  Checkpoint c{0, 0};
  for (size_t i = 0; i < text_.size(); i += kStride) {
    checkpoints_.push_back(c);
    CountUnits(text_.data() + i, std::min(kStride, text_.size() - i), &c.cp, &c.utf16);
  }
  if (text_.size() % kStride == 0) checkpoints_.push_back(c);
}

Position SourceText::PositionAt(size_t utf8_offset) const {
  size_t offset = std::min(utf8_offset, text_.size());
  while (offset > 0 && offset < text_.size() && IsContinuation(static_cast<unsigned char>(text_[offset]))) {
    --offset;
  }
  Position p;
  const size_t k = offset / kStride;
  if (k < checkpoints_.size()) {
    p.cp = checkpoints_[k].cp;
    p.utf16 = checkpoints_[k].utf16;
  }
  if (offset > k * kStride) CountUnits(text_.data() + k * kStride, offset - k * kStride, &p.cp, &p.utf16);
  p.byte = offset;
  if (!repairs_.empty()) {
    // The last repair ending at or before `offset` fixes the shift; between
    // repairs text_ and the input are byte-for-byte copies.
    auto it = std::upper_bound(repairs_.begin(), repairs_.end(), offset,
                               [](size_t o, const std::pair<size_t, size_t>& r) { return o < r.first; });
    if (it != repairs_.begin()) {
      --it;
      p.byte = it->second + (offset - it->first);
    }
  }
  return p;
}

char32_t DecodeAt(std::string_view s, size_t i, int* len) {
  // Robust even on text that breaks the contract: never reads past `s` and
  // always advances by at least one byte.
  if (i >= s.size()) {
    *len = 0;
    return 0;
  }
  size_t subpart = 0;
  const size_t n = CheckSequence(s, i, &subpart);
  if (n == 0) {
    *len = static_cast<int>(subpart);
    return 0xFFFD;
  }
  *len = static_cast<int>(n);
  const unsigned char b0 = static_cast<unsigned char>(s[i]);
  if (n == 1) return b0;
  char32_t c = b0 & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return c;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace relata::text
