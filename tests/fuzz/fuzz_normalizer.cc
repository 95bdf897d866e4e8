// Fuzz target: UTF-8 decoding (text::SourceText) and normalization
// (text::Normalizer) with its OffsetMap, on arbitrary bytes.
//
// Properties, each checked against an independent naive implementation here:
//   * strict decoding accepts exactly the well-formed inputs and names the byte
//     offset of the first ill-formed sequence;
//   * lenient decoding equals a naive maximal-subpart U+FFFD replacement, and
//     PositionAt() gives, at every code point boundary, the code point count,
//     the UTF-16 unit count and the original byte offset of a naive recount;
//   * for both normal forms the output is well-formed UTF-8 and the OffsetMap
//     spans both strings, is monotone in both directions, maps 0 to 0 and the
//     end to the end, stays in bounds, lands on code point boundaries, and its
//     unchanged segments really are byte-for-byte copies.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "text/normalizer.h"
#include "text/offset_map.h"
#include "text/source_text.h"

namespace {

using relata::fuzz::IsContinuationByte;
using relata::fuzz::IsWellFormedUtf8;
using relata::fuzz::OnBoundary;

// `p` is (a prefix of) exactly one well-formed code point of `total` bytes.
bool CompletesTo(const std::string& p, size_t total) {
  const unsigned char b = static_cast<unsigned char>(p[0]);
  const size_t lead_len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (lead_len != total) return false;
  if (p.size() == total) return IsWellFormedUtf8(p);
  // Only the second byte has a lead-dependent range; try all of them.
  for (int c = 0x80; c <= 0xBF; ++c) {
    std::string q = p;
    q.push_back(static_cast<char>(c));
    while (q.size() < total) q.push_back('\x80');
    if (IsWellFormedUtf8(q)) return true;
  }
  return false;
}

bool IsPrefixOfValid(const std::string& p) {
  for (size_t total = p.size(); total <= 4; ++total)
    if (CompletesTo(p, total)) return true;
  return false;
}

struct NaiveDecode {
  std::string text;
  std::vector<size_t> original;  // for each byte offset of `text` (and its end): offset in the input
  size_t first_bad = std::string::npos;
};

NaiveDecode Decode(std::string_view in) {
  NaiveDecode d;
  size_t i = 0;
  while (i < in.size()) {
    size_t k = 0;
    while (k < 4 && i + k < in.size() && IsPrefixOfValid(std::string(in.substr(i, k + 1)))) ++k;
    if (k > 0 && IsWellFormedUtf8(in.substr(i, k)) && CompletesTo(std::string(in.substr(i, k)), k)) {
      for (size_t j = 0; j < k; ++j) d.original.push_back(i + j);
      d.text.append(in.substr(i, k));
      i += k;
      continue;
    }
    if (d.first_bad == std::string::npos) d.first_bad = i;
    const size_t n = k == 0 ? 1 : k;
    for (int j = 0; j < 3; ++j) d.original.push_back(i);
    d.text.append("\xEF\xBF\xBD");
    i += n;
  }
  d.original.push_back(in.size());
  return d;
}

void CheckMap(const std::string& source, const relata::text::NormalizedText& n, const char* form) {
  const relata::text::OffsetMap& map = n.map;
  FUZZ_CHECK(IsWellFormedUtf8(n.text), "%s output is not UTF-8", form);
  FUZZ_CHECK(map.normalized_size() == n.text.size(), "%s: map covers %zu of %zu normalized bytes", form,
             map.normalized_size(), n.text.size());
  FUZZ_CHECK(map.source_size() == source.size(), "%s: map covers %zu of %zu source bytes", form,
             map.source_size(), source.size());
  size_t nb = 0, sb = 0;
  for (const auto& seg : map.segments()) {
    FUZZ_CHECK(seg.norm_begin == nb && seg.source_begin == sb, "%s: segments not contiguous", form);
    if (!seg.changed) {
      FUZZ_CHECK(seg.norm_len == seg.source_len, "%s: unchanged segment of unequal lengths", form);
      for (size_t k = 0; k < seg.norm_len; ++k) {
        char s = source[seg.source_begin + k];
        if (s == '\t' || s == '\r' || s == '\v' || s == '\f') s = ' ';
        FUZZ_CHECK(n.text[seg.norm_begin + k] == s, "%s: unchanged segment differs at source byte %zu", form,
                   seg.source_begin + k);
      }
    }
    nb += seg.norm_len;
    sb += seg.source_len;
  }
  FUZZ_CHECK(map.StartToSource(0) == 0 && map.EndToSource(n.text.size()) == source.size(),
             "%s: ends do not map to ends", form);
  FUZZ_CHECK(map.StartToNormalized(0) == 0 && map.EndToNormalized(source.size()) == n.text.size(),
             "%s: ends do not map to ends (reverse)", form);
  size_t prev_start = 0, prev_end = 0;
  for (size_t o = 0; o <= n.text.size(); ++o) {
    const size_t s = map.StartToSource(o), e = map.EndToSource(o);
    FUZZ_CHECK(s <= source.size() && e <= source.size(), "%s: %zu maps out of bounds", form, o);
    FUZZ_CHECK(s >= prev_start && e >= prev_end, "%s: not monotone at normalized %zu", form, o);
    FUZZ_CHECK(s <= e, "%s: start %zu > end %zu at normalized %zu", form, s, e, o);
    if (OnBoundary(n.text, o)) {
      FUZZ_CHECK(OnBoundary(source, s) && OnBoundary(source, e), "%s: normalized %zu maps inside a code point",
                 form, o);
    }
    prev_start = s;
    prev_end = e;
  }
  prev_start = prev_end = 0;
  for (size_t o = 0; o <= source.size(); ++o) {
    const size_t s = map.StartToNormalized(o), e = map.EndToNormalized(o);
    FUZZ_CHECK(s <= n.text.size() && e <= n.text.size(), "%s: source %zu maps out of bounds", form, o);
    FUZZ_CHECK(s >= prev_start && e >= prev_end, "%s: not monotone at source %zu", form, o);
    if (OnBoundary(source, o)) {
      FUZZ_CHECK(OnBoundary(n.text, s) && OnBoundary(n.text, e), "%s: source %zu maps inside a code point", form,
                 o);
    }
    prev_start = s;
    prev_end = e;
  }
}

const relata::text::Normalizer& Nfkc() {
  static const auto* n = new relata::text::Normalizer(
      std::move(relata::text::Normalizer::Create(relata::text::NormalForm::kNfkc)).value());
  return *n;
}
const relata::text::Normalizer& Folder() {
  static const auto* n = new relata::text::Normalizer(
      std::move(relata::text::Normalizer::Create(relata::text::NormalForm::kNfkcCasefold)).value());
  return *n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const NaiveDecode naive = Decode(input);

  relata::text::DecodeOptions strict;
  auto s = relata::text::SourceText::Decode(input, strict, nullptr);
  if (naive.first_bad == std::string::npos) {
    FUZZ_CHECK(s.ok(), "strict decoding rejected well-formed input: %s", s.status().message().c_str());
    FUZZ_CHECK(s->utf8() == input, "strict decoding changed valid input");
  } else {
    FUZZ_CHECK(!s.ok(), "strict decoding accepted ill-formed input (first bad byte %zu)", naive.first_bad);
    const std::string want = "invalid UTF-8 at byte " + std::to_string(naive.first_bad);
    FUZZ_CHECK(s.status().message() == want, "got '%s', wanted '%s'", s.status().message().c_str(), want.c_str());
  }

  relata::text::DecodeOptions lenient;
  lenient.lenient = true;
  std::vector<std::string> warnings;
  auto l = relata::text::SourceText::Decode(input, lenient, &warnings);
  FUZZ_CHECK(l.ok(), "lenient decoding failed: %s", l.status().message().c_str());
  const std::string& text = l->utf8();
  FUZZ_CHECK(text == naive.text, "lenient decoding differs from the naive replacement");
  FUZZ_CHECK(warnings.size() <= 21, "%zu warnings, over the cap", warnings.size());
  size_t cp = 0, utf16 = 0;
  for (size_t o = 0; o <= text.size(); ++o) {
    if (!OnBoundary(text, o)) continue;
    const relata::text::Position p = l->PositionAt(o);
    FUZZ_CHECK(p.cp == cp && p.utf16 == utf16 && p.byte == naive.original[o],
               "PositionAt(%zu) = {cp %zu, utf16 %zu, byte %zu}, recount {%zu, %zu, %zu}", o, p.cp, p.utf16,
               p.byte, cp, utf16, naive.original[o]);
    if (o < text.size()) {
      const unsigned char b = static_cast<unsigned char>(text[o]);
      ++cp;
      utf16 += b >= 0xF0 ? 2 : 1;
    }
  }

  CheckMap(text, Nfkc().Normalize(text), "NFKC");
  CheckMap(text, Folder().Normalize(text), "NFKC_Casefold");
  return 0;
}
