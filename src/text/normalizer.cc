#include "text/normalizer.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/utypes.h>

#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace relata::text {
namespace {

using Segment = OffsetMap::Segment;

bool IsSpaceControl(char c) { return c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Appends `seg`, merging it into the previous segment when both are unchanged
// copies, so the map stays as short as the number of real edits.
void Push(const Segment& seg, std::vector<Segment>* out) {
  if (seg.norm_len == 0 && seg.source_len == 0) return;
  if (!seg.changed && !out->empty() && !out->back().changed) {
    out->back().norm_len += seg.norm_len;
    out->back().source_len += seg.source_len;
    return;
  }
  out->push_back(seg);
}

// Splits an unchanged copy around each tab / CR / VT / FF: those bytes become
// spaces in the output, so they are one-byte changed segments and an unchanged
// segment really is a byte-for-byte copy.
void PushUnchanged(std::string_view norm, size_t norm_begin, size_t source_begin, size_t len,
                   std::vector<Segment>* out) {
  size_t run = 0;
  for (size_t k = 0; k < len; ++k) {
    if (!IsSpaceControl(norm[norm_begin + k])) continue;
    Push({norm_begin + run, source_begin + run, k - run, k - run, false}, out);
    Push({norm_begin + k, source_begin + k, 1, 1, true}, out);
    run = k + 1;
  }
  Push({norm_begin + run, source_begin + run, len - run, len - run, false}, out);
}

}  // namespace

struct Normalizer::Rep {
  const icu::Normalizer2* icu = nullptr;  // owned by ICU (a process-wide singleton)
  // One bit per BMP code point above ASCII: the form leaves it as it is and it
  // neither combines with nor reorders against any neighbour, so a string made
  // of such characters and ASCII normalizes character by character (see
  // NormalizeFast). Hangul syllables are in it although an LV syllable
  // composes with a following trailing jamo: jamo are not in it, so a string
  // that has one goes to ICU as a whole.
  std::vector<uint64_t> inert;
  bool Inert(char32_t c) const { return (inert[c >> 6] >> (c & 63)) & 1; }
};

namespace {

bool IsAsciiUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Whether some byte b of `w` has lo < b < hi; bytes >= 0x80 never count
// (the "hasbetween" bit trick; needs hi <= 128).
bool HasByteBetween(uint64_t w, unsigned lo, unsigned hi) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kLow7 = kOnes * 127;
  return (((kOnes * (127 + hi) - (w & kLow7)) & ~w & ((w & kLow7) + kOnes * (127 - lo))) & kHighBits) != 0;
}

// The code point of the 2- or 3-byte sequence at s[i] if it is well formed,
// else 0 (the caller then leaves the string to ICU). Sets `*len`.
char32_t DecodeBmp(const unsigned char* s, size_t n, size_t i, size_t* len) {
  const unsigned char b0 = s[i];
  if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
    *len = 2;
    return static_cast<char32_t>(((b0 & 0x1F) << 6) | (s[i + 1] & 0x3F));
  }
  if (b0 >= 0xE0 && b0 <= 0xEF && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
    const char32_t c = static_cast<char32_t>(((b0 & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F));
    if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *len = 3;
    return c;
  }
  return 0;
}

}  // namespace

// Most sentences of news text are ASCII, Hangul syllables and punctuation that
// NFKC leaves alone. For those the result is known without ICU: the text
// itself (ASCII capitals lowered for NFKC_Casefold, space controls made
// spaces) with one unchanged segment, split only where a byte changed. The
// segments are the ones the ICU path produces for the same string — ICU
// reports each folded capital as its own one-byte change — which the tests
// check against NormalizeWithIcu on generated strings. Returns false, having
// written nothing, when some character needs ICU.
bool Normalizer::NeedsIcu(std::string_view source) const {
  const auto* s = reinterpret_cast<const unsigned char*>(source.data());
  const size_t n = source.size();
  for (size_t i = 0; i < n;) {
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if ((w & kHighBits) == 0) {  // eight ASCII bytes
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    const char32_t cp = DecodeBmp(s, n, i, &len);
    if (cp == 0 || !rep_->Inert(cp)) return true;
    i += len;
  }
  return false;
}

bool Normalizer::NormalizeFast(std::string_view source, NormalizedText* out) const {
  if (NeedsIcu(source)) return false;
  const size_t n = source.size();
  out->text.assign(source.data(), n);
  const bool fold = form_ == NormalForm::kNfkcCasefold;
  std::vector<Segment> segments;
  size_t run = 0;  // start of the current unchanged run
  char* t = out->text.data();
  for (size_t i = 0; i < n; ++i) {
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, t + i, 8);
      // Nothing to change in these eight bytes: no byte in 0x09..0x0D (space
      // controls, and \n which stays) and, when folding, none in 'A'..'Z'.
      if (!HasByteBetween(w, 0x08, 0x0E) && !(fold && HasByteBetween(w, 'A' - 1, 'Z' + 1))) {
        i += 7;
        continue;
      }
    }
    char& c = t[i];
    if (IsSpaceControl(c)) {
      c = ' ';
    } else if (fold && IsAsciiUpper(static_cast<unsigned char>(c))) {
      c = static_cast<char>(c - 'A' + 'a');
    } else {
      continue;
    }
    Push({run, run, i - run, i - run, false}, &segments);
    Push({i, i, 1, 1, true}, &segments);
    run = i + 1;
  }
  if (segments.empty()) {
    out->map = OffsetMap::Identity(n);
    return true;
  }
  Push({run, run, n - run, n - run, false}, &segments);
  out->map = OffsetMap(std::move(segments));
  return true;
}

StatusOr<Normalizer> Normalizer::Create(NormalForm form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* icu = form == NormalForm::kNfkc ? icu::Normalizer2::getNFKCInstance(status)
                                                          : icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || icu == nullptr) {
    return Status::Internal(std::string("cannot load the ICU normalization data: ") + u_errorName(status));
  }
  Normalizer n;
  n.rep_ = std::make_unique<Rep>();
  n.rep_->icu = icu;
  n.rep_->inert.assign(0x10000 / 64, 0);
  for (char32_t c = 0x80; c < 0x10000; ++c) {
    const bool hangul_syllable = c >= 0xAC00 && c <= 0xD7A3;
    if (hangul_syllable || icu->isInert(static_cast<UChar32>(c))) n.rep_->inert[c >> 6] |= uint64_t{1} << (c & 63);
  }
  n.form_ = form;
  return n;
}

Normalizer::Normalizer(Normalizer&&) noexcept = default;
Normalizer& Normalizer::operator=(Normalizer&&) noexcept = default;
Normalizer::~Normalizer() = default;

NormalizedText Normalizer::Normalize(std::string_view source) const {
  NormalizedText out;
  if (rep_ != nullptr && rep_->icu != nullptr && NormalizeFast(source, &out)) return out;
  return NormalizeWithIcu(source);
}

NormalizedText Normalizer::NormalizeWithIcu(std::string_view source) const {
  NormalizedText out;
  std::vector<Segment> segments;
  bool ok = rep_ != nullptr && rep_->icu != nullptr;
  if (ok) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Edits edits;
    icu::StringByteSink<std::string> sink(&out.text, static_cast<int32_t>(source.size()));
    if (source.size() > static_cast<size_t>(INT32_MAX)) status = U_INDEX_OUTOFBOUNDS_ERROR;
    if (U_SUCCESS(status)) {
      rep_->icu->normalizeUTF8(0, icu::StringPiece(source.data(), static_cast<int32_t>(source.size())), sink,
                               &edits, status);
    }
    if (U_SUCCESS(status)) {
      // The fine iterator reports one change per normalization unit ("ﬁ" → "fi",
      // a jamo run → one syllable), which keeps changed segments as small as
      // ICU allows; coarse changes would swallow whole words of fullwidth text.
      icu::Edits::Iterator it = edits.getFineIterator();
      while (it.next(status)) {
        const size_t sb = static_cast<size_t>(it.sourceIndex());
        const size_t nb = static_cast<size_t>(it.destinationIndex());
        const size_t sl = static_cast<size_t>(it.oldLength());
        const size_t nl = static_cast<size_t>(it.newLength());
        if (it.hasChange()) {
          Push({nb, sb, nl, sl, true}, &segments);
        } else {
          PushUnchanged(out.text, nb, sb, nl, &segments);
        }
      }
    }
    ok = U_SUCCESS(status);
  }
  if (ok) {
    // Space controls inside a changed segment cannot come from NFKC, but the
    // byte-for-byte rule holds for the whole output regardless.
    for (char& c : out.text) {
      if (IsSpaceControl(c)) c = ' ';
    }
    out.map = OffsetMap(std::move(segments));
    // A map that does not span both strings would break every caller's
    // offsets; distrust it rather than hand it on.
    ok = out.map.normalized_size() == out.text.size() && out.map.source_size() == source.size();
  }
  if (!ok) {
    // ICU only fails on resource problems or on input that breaks the UTF-8
    // contract; an unnormalized copy keeps offsets exact in either case.
    out.text.assign(source.data(), source.size());
    segments.clear();
    PushUnchanged(out.text, 0, 0, out.text.size(), &segments);
    for (char& c : out.text) {
      if (IsSpaceControl(c)) c = ' ';
    }
    out.map = OffsetMap(std::move(segments));
  }
  return out;
}

// Names and titles are normalized one by one during resolution; they are
// almost always inert, and then the text is the source with the byte-for-byte
// changes of NormalizeFast, without building an offset map nobody reads.
std::string Normalizer::NormalizeString(std::string_view source) const {
  if (rep_ == nullptr || rep_->icu == nullptr || NeedsIcu(source)) return Normalize(source).text;
  std::string text(source);
  const bool fold = form_ == NormalForm::kNfkcCasefold;
  for (char& c : text) {
    if (IsSpaceControl(c)) {
      c = ' ';
    } else if (fold && IsAsciiUpper(static_cast<unsigned char>(c))) {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

}  // namespace relata::text
