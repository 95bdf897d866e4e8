#include "text/source_text.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace relata::text {
namespace {

// Counts code points and UTF-16 units in `s[0, end)` by looking at lead bytes
// only; written independently of SourceText so the two can check each other.
Position NaiveCount(const std::string& s, size_t end) {
  Position p;
  size_t i = 0;
  while (i < end) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    const size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    p.cp += 1;
    p.utf16 += len == 4 ? 2 : 1;
    i += len;
  }
  p.byte = end;
  return p;
}

void CheckAgainstNaive(const SourceText& st, bool check_byte = true) {
  const std::string& s = st.utf8();
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    const Position want = NaiveCount(s, i);
    const Position got = st.PositionAt(i);
    CAPTURE(i);
    CHECK(got.cp == want.cp);
    CHECK(got.utf16 == want.utf16);
    if (check_byte) CHECK(got.byte == want.byte);
  }
}

SourceText MustDecode(const std::string& bytes, bool lenient = false, std::vector<std::string>* warnings = nullptr) {
  DecodeOptions options;
  options.lenient = lenient;
  StatusOr<SourceText> st = SourceText::Decode(bytes, options, warnings);
  REQUIRE(st.ok());
  return std::move(st).value();
}

}  // namespace

TEST_SUITE("text") {

TEST_CASE("valid input is kept byte for byte, BOM, CRLF and NUL included") {
  const std::string bytes = std::string("\xEF\xBB\xBF") + "삼성\r\n" + std::string(1, '\0') + "x";
  const SourceText st = MustDecode(bytes);
  CHECK(st.utf8() == bytes);
  // The BOM is one code point, as Python's "utf-8" codec keeps it.
  CHECK(st.PositionAt(3).cp == 1);
  CHECK(st.PositionAt(bytes.size()).cp == 1 + 2 + 2 + 1 + 1);
}

TEST_CASE("empty input decodes to empty text whose only position is zero") {
  const SourceText st = MustDecode("");
  CHECK(st.utf8().empty());
  const Position p = st.PositionAt(0);
  CHECK(p.cp == 0);
  CHECK(p.utf16 == 0);
  CHECK(p.byte == 0);
  CHECK(st.PositionAt(10).cp == 0);
}

TEST_CASE("strict decoding names the byte offset of the first invalid sequence") {
  struct Case {
    const char* what;
    std::string bytes;
    size_t offset;
  };
  const std::vector<Case> cases = {
      {"overlong two-byte NUL", "ab\xC0\x80", 2},
      {"overlong three-byte", "\xE0\x80\x80", 0},
      {"overlong four-byte", "x\xF0\x8F\xBF\xBF", 1},
      {"surrogate", "가\xED\xA0\x80", 3},
      {"above U+10FFFF (F4 90)", "\xF4\x90\x80\x80", 0},
      {"F5 lead", "abc\xF5\x80\x80\x80", 3},
      {"truncated at the end", "ok \xE2\x82", 3},
      {"truncated mid-text", "a\xE2\x82 b", 1},
      {"stray continuation", "한\x80", 3},
      {"FE", "\xFE", 0},
      {"FF", "z\xFF", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    StatusOr<SourceText> st = SourceText::Decode(c.bytes, DecodeOptions{}, nullptr);
    REQUIRE_FALSE(st.ok());
    CHECK(st.status().code() == Status::Code::kDataError);
    CHECK(st.status().message() == "invalid UTF-8 at byte " + std::to_string(c.offset));
  }
}

TEST_CASE("lenient decoding replaces each maximal ill-formed subpart with one U+FFFD") {
  // Expected strings follow the maximal-subpart rule of Unicode 3.9 (Table 3-7),
  // which is also what Python's bytes.decode("utf-8", "replace") produces.
  const std::string r = "\xEF\xBF\xBD";
  struct Case {
    std::string bytes;
    std::string want;
    size_t replacements;
  };
  const std::vector<Case> cases = {
      {"a\xC0\x80" "b", "a" + r + r + "b", 2},                // C0 never starts a sequence
      {"\xE0\x80\x80", r + r + r, 3},                         // E0 needs A0..BF next
      {"x\xED\xA0\x80y", "x" + r + r + r + "y", 3},           // surrogate
      {"\xF5\x80\x80\x80", r + r + r + r, 4},                 // F5 is never a lead
      {"\xF4\x90\x80\x80", r + r + r + r, 4},                 // above U+10FFFF
      {"ab\xE2\x82", "ab" + r, 1},                            // truncated at the end
      {"a\xE2\x82" "b", "a" + r + "b", 1},                    // truncated mid-text
      {"\xF0\x9F\x98 ok", r + " ok", 1},                      // truncated emoji
      {"\x80", r, 1},                                         // stray continuation
      {"\xFE\xFF", r + r, 2},
      {"가\xFF가", "가" + r + "가", 1},
  };
  for (const Case& c : cases) {
    CAPTURE(c.bytes);
    std::vector<std::string> warnings;
    const SourceText st = MustDecode(c.bytes, /*lenient=*/true, &warnings);
    CHECK(st.utf8() == c.want);
    CHECK(warnings.size() == c.replacements);
    CheckAgainstNaive(st, /*check_byte=*/false);  // counts agree with a recount
  }
}

TEST_CASE("lenient warnings name each replaced byte offset") {
  std::vector<std::string> warnings;
  MustDecode("a\xE2\x82" "b\xFF", true, &warnings);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0] == "invalid UTF-8 at byte 1 replaced by U+FFFD");
  CHECK(warnings[1] == "invalid UTF-8 at byte 4 replaced by U+FFFD");
}

TEST_CASE("lenient warnings stop after twenty entries and then give a count") {
  std::vector<std::string> warnings;
  const SourceText st = MustDecode(std::string(30, '\x80'), true, &warnings);
  CHECK(st.PositionAt(st.utf8().size()).cp == 30);
  REQUIRE(warnings.size() == 21);
  CHECK(warnings.back().find("10 more") == 0);
}

TEST_CASE("after a lenient repair the byte position points into the original input") {
  // Input: a E2 82 b 가 => text: a U+FFFD b 가 (the two bad bytes became three).
  const SourceText st = MustDecode("a\xE2\x82" "b가", true);
  REQUIRE(st.utf8() == "a\xEF\xBF\xBD" "b가");
  CHECK(st.PositionAt(0).byte == 0);
  CHECK(st.PositionAt(1).byte == 1);  // the U+FFFD starts where the bad bytes did
  const Position b = st.PositionAt(4);
  CHECK(b.cp == 2);
  CHECK(b.utf16 == 2);
  CHECK(b.byte == 3);
  const Position ga = st.PositionAt(5);
  CHECK(ga.cp == 3);
  CHECK(ga.byte == 4);
  CHECK(st.PositionAt(8).byte == 7);  // the end maps to the input's end

  // Several repairs in a row, one of them a single byte replaced by three.
  const SourceText st2 = MustDecode("\xFF\xFF" "x\xC0" "y", true);
  REQUIRE(st2.utf8() == "\xEF\xBF\xBD\xEF\xBF\xBD" "x\xEF\xBF\xBD" "y");
  CHECK(st2.PositionAt(3).byte == 1);
  CHECK(st2.PositionAt(6).byte == 2);   // x
  CHECK(st2.PositionAt(10).byte == 4);  // y
  CHECK(st2.PositionAt(11).byte == 5);
}

TEST_CASE("positions count code points and UTF-16 units across many checkpoints") {
  std::string s;
  for (int i = 0; i < 40; ++i) s += "a한😀é\xE2\x80\x8D\r\n";
  const SourceText st = MustDecode(s);
  CheckAgainstNaive(st);
  // Outside the BMP one code point is two UTF-16 units.
  const Position p = st.PositionAt(1 + 3 + 4);
  CHECK(p.cp == 3);
  CHECK(p.utf16 == 4);
}

TEST_CASE("an offset inside a code point or past the end is clamped down") {
  const SourceText st = MustDecode("a😀b");
  CHECK(st.PositionAt(3).cp == 1);
  CHECK(st.PositionAt(3).byte == 1);
  CHECK(st.PositionAt(100).cp == 3);
  CHECK(st.PositionAt(100).byte == 6);
}

TEST_CASE("DecodeAt and AppendUtf8 round-trip code points of every length") {
  for (char32_t c : {char32_t{0}, char32_t{0x7F}, char32_t{0x80}, char32_t{0x7FF}, char32_t{0x800},
                     char32_t{0xAC00}, char32_t{0xFFFF}, char32_t{0x10000}, char32_t{0x1F600}, char32_t{0x10FFFF}}) {
    std::string s;
    AppendUtf8(c, &s);
    int len = 0;
    CHECK(DecodeAt(s, 0, &len) == c);
    CHECK(static_cast<size_t>(len) == s.size());
  }
  std::string bad;
  AppendUtf8(0xD800, &bad);  // a surrogate cannot be encoded
  CHECK(bad == "\xEF\xBF\xBD");
}

TEST_CASE("DecodeAt never reads past the text even when the contract is broken") {
  int len = 0;
  CHECK(DecodeAt("\xE2\x82", 0, &len) == 0xFFFD);
  CHECK(len == 2);
  CHECK(DecodeAt("abc", 3, &len) == 0);
  CHECK(len == 0);
}

}  // TEST_SUITE

}  // namespace relata::text
