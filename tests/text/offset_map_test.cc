#include "text/offset_map.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "text/normalizer.h"
#include "text/source_text.h"

namespace relata::text {
namespace {

using Segment = OffsetMap::Segment;

bool IsBoundary(const std::string& s, size_t i) {
  return i == 0 || i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

// Code points chosen to exercise every kind of edit NFKC and case folding make:
// fullwidth forms, ligatures, compatibility jamo and decomposed jamo, combining
// marks, deleted format characters, emoji, spaces and controls.
const std::vector<char32_t>& Pool() {
  static const std::vector<char32_t> pool = {
      'a', 'Z', ' ', '\t', '\r', '\n', '\v', '\f', '.', 0, 0xA0, 0xAD, 0xDF, 0x130, 0x301, 0x327, 0x3A3,
      0x1100, 0x1112, 0x1161, 0x116E, 0x11A8, 0x11AB, 0x200D, 0x2000, 0x2126, 0x2460, 0x3000, 0x3131,
      0x3200, 0x321C, 0xAC00, 0xD55C, 0xD7A3, 0xFB01, 0xFEFF, 0xFF21, 0xFF41, 0xFF10, 0xFFFD, 0x1D400,
      0x1F469, 0x1F4BB, 0x1F600, 0x10FFFF};
  return pool;
}

void CheckInvariants(const std::string& source, const NormalizedText& n) {
  const OffsetMap& m = n.map;
  REQUIRE(m.normalized_size() == n.text.size());
  REQUIRE(m.source_size() == source.size());
  CHECK(m.StartToSource(0) == 0);
  CHECK(m.EndToSource(n.text.size()) == source.size());
  CHECK(m.StartToNormalized(0) == 0);
  CHECK(m.EndToNormalized(source.size()) == n.text.size());

  // Segments tile both strings, and an unchanged one is a real byte copy.
  size_t nb = 0, sb = 0;
  for (const Segment& s : m.segments()) {
    REQUIRE(s.norm_begin == nb);
    REQUIRE(s.source_begin == sb);
    if (!s.changed) {
      CHECK(s.norm_len == s.source_len);
      CHECK(n.text.compare(s.norm_begin, s.norm_len, source, s.source_begin, s.source_len) == 0);
    }
    nb += s.norm_len;
    sb += s.source_len;
  }

  size_t last_start = 0, last_end = 0;
  for (size_t i = 0; i <= n.text.size(); ++i) {
    if (!IsBoundary(n.text, i)) continue;
    const size_t start = m.StartToSource(i), end = m.EndToSource(i);
    CAPTURE(i);
    CHECK(start <= end);
    CHECK(end <= source.size());
    CHECK(start >= last_start);
    CHECK(end >= last_end);
    CHECK(IsBoundary(source, start));
    CHECK(IsBoundary(source, end));
    last_start = start;
    last_end = end;
  }
  last_start = last_end = 0;
  for (size_t i = 0; i <= source.size(); ++i) {
    if (!IsBoundary(source, i)) continue;
    const size_t start = m.StartToNormalized(i), end = m.EndToNormalized(i);
    CAPTURE(i);
    CHECK(start <= end);
    CHECK(end <= n.text.size());
    CHECK(start >= last_start);
    CHECK(end >= last_end);
    CHECK(IsBoundary(n.text, start));
    CHECK(IsBoundary(n.text, end));
    last_start = start;
    last_end = end;
  }
}

}  // namespace

TEST_SUITE("text") {

TEST_CASE("the identity map sends every offset to itself") {
  const OffsetMap m = OffsetMap::Identity(10);
  for (size_t i = 0; i <= 10; ++i) {
    CHECK(m.StartToSource(i) == i);
    CHECK(m.EndToSource(i) == i);
    CHECK(m.StartToNormalized(i) == i);
    CHECK(m.EndToNormalized(i) == i);
  }
  CHECK(m.ToSource({2, 7}) == ByteSpan{2, 7});
  const OffsetMap empty = OffsetMap::Identity(0);
  CHECK(empty.ToSource({0, 0}) == ByteSpan{0, 0});
  CHECK(empty.source_size() == 0);
}

TEST_CASE("an offset strictly inside a changed segment widens to the whole edit") {
  // Source "xﬁy" (x, 3-byte ligature, y) normalized to "xfiy".
  const OffsetMap m({{0, 0, 1, 1, false}, {1, 1, 2, 3, true}, {3, 4, 1, 1, false}});
  CHECK(m.StartToSource(2) == 1);  // rounds down to the start of ﬁ
  CHECK(m.EndToSource(2) == 4);    // rounds up to its end
  CHECK(m.ToSource({2, 4}) == ByteSpan{1, 5});  // "iy" covers all of ﬁ and y
  CHECK(m.ToSource({1, 3}) == ByteSpan{1, 4});
  CHECK(m.ToSource({3, 4}) == ByteSpan{4, 5});
  CHECK(m.ToNormalized({1, 4}) == ByteSpan{1, 3});
  CHECK(m.ToNormalized({2, 3}) == ByteSpan{1, 3});  // an offset inside ﬁ's bytes
  CHECK(m.ToNormalized({0, 5}) == ByteSpan{0, 4});
}

TEST_CASE("a deleted character is covered by a span that reaches it, never split") {
  // Source "ab<SHY>cd" with the soft hyphen (2 bytes) deleted: "abcd".
  const OffsetMap m({{0, 0, 2, 2, false}, {2, 2, 0, 2, true}, {2, 4, 2, 2, false}});
  CHECK(m.StartToSource(2) == 2);
  CHECK(m.EndToSource(2) == 4);
  CHECK(m.ToSource({0, 4}) == ByteSpan{0, 6});
  CHECK(m.ToSource({0, 2}) == ByteSpan{0, 4});
  CHECK(m.ToSource({2, 4}) == ByteSpan{2, 6});
  CHECK(m.ToNormalized({2, 4}) == ByteSpan{2, 2});
  CHECK(m.ToNormalized({3, 6}) == ByteSpan{2, 4});
}

TEST_CASE("a reversed span maps to an empty span instead of a negative one") {
  const OffsetMap m = OffsetMap::Identity(5);
  const ByteSpan s = m.ToSource({4, 2});
  CHECK(s.begin == 4);
  CHECK(s.end == 4);
}

TEST_CASE("offset maps stay monotone and in bounds over random valid UTF-8 in both forms") {
  std::mt19937 rng(20240229);
  const auto& pool = Pool();
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (NormalForm form : {NormalForm::kNfkc, NormalForm::kNfkcCasefold}) {
    StatusOr<Normalizer> normalizer = Normalizer::Create(form);
    REQUIRE(normalizer.ok());
    for (int round = 0; round < 400; ++round) {
      std::string source;
      const int n = length(rng);
      for (int k = 0; k < n; ++k) AppendUtf8(pool[pick(rng)], &source);
      CAPTURE(source);
      CheckInvariants(source, normalizer->Normalize(source));
    }
  }
}

}  // TEST_SUITE

}  // namespace relata::text
