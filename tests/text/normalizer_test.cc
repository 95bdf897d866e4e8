#include "text/normalizer.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "text/source_text.h"

namespace relata::text {
namespace {

Normalizer Make(NormalForm form) {
  StatusOr<Normalizer> n = Normalizer::Create(form);
  REQUIRE(n.ok());
  return std::move(n).value();
}

// Walks `s[0, end)` one code point at a time, by lead byte, counting code
// points and UTF-16 units; independent of SourceText's checkpoints.
Position NaiveCount(const std::string& s, size_t end) {
  Position p;
  for (size_t i = 0; i < end;) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    p.cp += 1;
    p.utf16 += len == 4 ? 2 : 1;
    i += len;
  }
  p.byte = end;
  return p;
}

}  // namespace

TEST_SUITE("text") {

TEST_CASE("a match in normalized text maps back to exact original offsets in every unit") {
  // Fullwidth letters, a combining acute, a ZWJ emoji sequence, an emoji outside
  // the BMP, decomposed Hangul jamo, CRLF, a ligature and a no-break space.
  const std::string source =
      "속보\r\n\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB 개발자가 e\xCC\x81" "cole에서 "
      "ＳＡＭＳＵＮＧ과 \xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xAE\xE1\x86\xA8 "
      "기업의 \xEF\xAC\x81nance 협력\xC2\xA0발표 \xF0\x9F\x98\x80 끝\r\n";
  StatusOr<SourceText> st = SourceText::Decode(source, DecodeOptions{}, nullptr);
  REQUIRE(st.ok());

  struct Case {
    NormalForm form;
    std::string needle;    // as it reads in the normalized text
    std::string original;  // the slice of the source it must map back to
  };
  const std::vector<Case> cases = {
      {NormalForm::kNfkc, "SAMSUNG", "ＳＡＭＳＵＮＧ"},
      {NormalForm::kNfkcCasefold, "samsung", "ＳＡＭＳＵＮＧ"},
      {NormalForm::kNfkc, "한국", "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xAE\xE1\x86\xA8"},
      {NormalForm::kNfkc, "\xC3\xA9" "cole", "e\xCC\x81" "cole"},
      {NormalForm::kNfkc, "finance", "\xEF\xAC\x81nance"},
      {NormalForm::kNfkc, "inance", "\xEF\xAC\x81nance"},  // half a ligature widens to all of it
      {NormalForm::kNfkc, "협력 발표", "협력\xC2\xA0발표"},
      {NormalForm::kNfkc, "끝", "끝"},
      {NormalForm::kNfkc, "개발자가", "개발자가"},
      {NormalForm::kNfkcCasefold, "속보 \n", "속보\r\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.needle);
    const NormalizedText n = Make(c.form).Normalize(source);
    const size_t at = n.text.find(c.needle);
    REQUIRE(at != std::string::npos);
    const ByteSpan src = n.map.ToSource({at, at + c.needle.size()});
    CHECK(source.substr(src.begin, src.size()) == c.original);
    for (size_t offset : {src.begin, src.end}) {
      const Position got = st->PositionAt(offset);
      const Position want = NaiveCount(source, offset);
      CHECK(got.cp == want.cp);
      CHECK(got.utf16 == want.utf16);
      CHECK(got.byte == want.byte);
    }
  }
  // Spot check the units by hand for ＳＡＭＳＵＮＧ: it starts after
  // "속보\r\n" (4 cp), the ZWJ emoji (3 cp, 5 UTF-16), " 개발자가 " (6),
  // "école" (6 cp) and "에서 " (3).
  const NormalizedText n = Make(NormalForm::kNfkc).Normalize(source);
  const ByteSpan samsung = n.map.ToSource({n.text.find("SAMSUNG"), n.text.find("SAMSUNG") + 7});
  CHECK(st->PositionAt(samsung.begin).cp == 4 + 3 + 6 + 6 + 3);
  CHECK(st->PositionAt(samsung.begin).utf16 == 4 + 5 + 6 + 6 + 3);
  CHECK(st->PositionAt(samsung.end).cp - st->PositionAt(samsung.begin).cp == 7);
}

TEST_CASE("fullwidth letters fold to ASCII and keep case only in NFKC") {
  CHECK(Make(NormalForm::kNfkc).NormalizeString("ＳＡＭＳＵＮＧ Samsung") == "SAMSUNG Samsung");
  CHECK(Make(NormalForm::kNfkcCasefold).NormalizeString("ＳＡＭＳＵＮＧ Samsung") == "samsung samsung");
}

TEST_CASE("NormalizeString gives the text of Normalize, on its fast path and ICU's") {
  // Inert text (ASCII, Hangul syllables, space controls) and text only ICU
  // can normalize (fullwidth, jamo, NBSP, a soft hyphen).
  const std::string samples[] = {"",
                                 "Lee Jae-yong",
                                 "SK Hynix\tCEO\r\n",
                                 "삼성전자 이재용 회장",
                                 "ＳＡＭＳＵＮＧ",
                                 "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB",
                                 "a\xC2\xA0" "b",
                                 "Sam\xC2\xADsung"};
  for (NormalForm form : {NormalForm::kNfkc, NormalForm::kNfkcCasefold}) {
    const Normalizer normalizer = Make(form);
    for (const std::string& s : samples) {
      CAPTURE(s);
      CHECK(normalizer.NormalizeString(s) == normalizer.Normalize(s).text);
    }
  }
}

TEST_CASE("decomposed Hangul jamo compose into precomposed syllables") {
  const std::string jamo = "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE1\x84\x80\xE1\x85\xAE\xE1\x86\xA8";
  const NormalizedText n = Make(NormalForm::kNfkc).Normalize(jamo);
  CHECK(n.text == "한국");
  // Each syllable is its own edit: 국 alone maps to its three jamo.
  CHECK(n.map.ToSource({3, 6}) == ByteSpan{9, 18});
}

TEST_CASE("compatibility characters unfold for the rules") {
  CHECK(Make(NormalForm::kNfkc).NormalizeString("㈜한국") == "(주)한국");
  CHECK(Make(NormalForm::kNfkc).NormalizeString("１２３") == "123");
}

TEST_CASE("tab, CR, VT, FF and Unicode spaces become spaces; line feeds stay") {
  const std::string source = "a\tb\rc\vd\fe\nf\xC2\xA0g\xE3\x80\x80h";
  for (NormalForm form : {NormalForm::kNfkc, NormalForm::kNfkcCasefold}) {
    const NormalizedText n = Make(form).Normalize(source);
    CHECK(n.text == "a b c d e\nf g h");
    // Controls are replaced byte for byte, so offsets up to the NBSP do not move.
    CHECK(n.map.ToSource({0, 11}) == ByteSpan{0, 11});
    CHECK(n.map.ToSource({11, 12}) == ByteSpan{11, 13});  // the NBSP is two source bytes
    CHECK(n.map.ToSource({12, 13}) == ByteSpan{13, 14});  // g
  }
}

TEST_CASE("case folding deletes a soft hyphen without losing the span") {
  const std::string source = "Sam\xC2\xADsung";
  const NormalizedText n = Make(NormalForm::kNfkcCasefold).Normalize(source);
  REQUIRE(n.text == "samsung");
  CHECK(n.map.ToSource({0, 7}) == ByteSpan{0, source.size()});
}

TEST_CASE("empty input gives empty output and an empty map") {
  const NormalizedText n = Make(NormalForm::kNfkc).Normalize("");
  CHECK(n.text.empty());
  CHECK(n.map.ToSource({0, 0}) == ByteSpan{0, 0});
}

TEST_CASE("input that breaks the UTF-8 contract still yields a consistent map") {
  const std::string bad = "a\xFF\xE2\x82 b\xC0";
  for (NormalForm form : {NormalForm::kNfkc, NormalForm::kNfkcCasefold}) {
    const NormalizedText n = Make(form).Normalize(bad);
    CHECK(n.map.normalized_size() == n.text.size());
    CHECK(n.map.source_size() == bad.size());
  }
}

TEST_CASE("the fast path for text that needs no ICU gives exactly ICU's text and segments") {
  // Pieces chosen to sit on both sides of the fast path's test: ASCII (capitals
  // fold), space controls, Hangul syllables (LV and LVT) next to conjoining
  // jamo that compose with them, combining marks after ASCII and Hangul,
  // compatibility characters, case-folded non-ASCII, supplementary characters,
  // punctuation that NFKC keeps and punctuation it unfolds.
  const std::vector<std::string> pieces = {
      "a", "Z", "Q", "q", "0", " ", ".", "\t", "\r", "\v", "\f", "\n", std::string(1, '\0'), "\x7F",
      "\xEA\xB0\x80",      // 가 (LV)
      "\xEA\xB0\x81",      // 각 (LVT)
      "\xED\x9E\xA3",      // 힣
      "\xE1\x84\x80",      // leading jamo ᄀ
      "\xE1\x85\xA1",      // vowel jamo ᅡ
      "\xE1\x86\xA8",      // trailing jamo ᆨ
      "\xCC\x81",          // combining acute
      "\xEF\xBC\xA1",      // fullwidth A
      "\xEF\xAC\x81",      // ligature fi
      "\xC2\xA0",          // no-break space
      "\xE3\x80\x80",      // ideographic space
      "\xE3\x88\x9C",      // parenthesized (주)
      "\xC2\xAD",          // soft hyphen
      "\xC3\x9F",          // sharp s
      "\xC3\x85", "\xC3\xA9", "\xCE\xA3",
      "\xE2\x80\x9C", "\xE2\x80\x9D", "\xC2\xB7", "\xE2\x80\xA6",  // quotes, middle dot, ellipsis
      "\xE2\x84\xAA",      // Kelvin sign
      "\xC4\xB0",          // dotted capital I
      "\xE7\xBE\x8E",      // 美
      "\xEF\xA4\x80",      // CJK compatibility ideograph
      "\xEF\xBD\xB6", "\xEF\xBE\x9E",  // halfwidth katakana and voiced mark
      "\xF0\x9F\x98\x80",  // emoji
  };
  uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (NormalForm form : {NormalForm::kNfkc, NormalForm::kNfkcCasefold}) {
    const Normalizer n = Make(form);
    for (int round = 0; round < 20000; ++round) {
      std::string s;
      const size_t len = next() % (round % 3 == 0 ? 40 : 12);  // long ones cross the 8-byte scans
      // Half the strings draw from the first 19 pieces only (ASCII, Hangul,
      // jamo), which is where the fast path and ICU meet most often.
      const size_t alphabet = round % 2 == 0 ? 19 : pieces.size();
      for (size_t k = 0; k < len; ++k) s += pieces[next() % alphabet];
      const NormalizedText fast = n.Normalize(s);
      const NormalizedText icu = n.NormalizeWithIcu(s);
      REQUIRE(fast.text == icu.text);
      const auto& a = fast.map.segments();
      const auto& b = icu.map.segments();
      REQUIRE(a.size() == b.size());
      for (size_t k = 0; k < a.size(); ++k) {
        CHECK(a[k].norm_begin == b[k].norm_begin);
        CHECK(a[k].source_begin == b[k].source_begin);
        CHECK(a[k].norm_len == b[k].norm_len);
        CHECK(a[k].source_len == b[k].source_len);
        CHECK(a[k].changed == b[k].changed);
      }
    }
  }
}

}  // TEST_SUITE

}  // namespace relata::text
