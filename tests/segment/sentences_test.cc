#include "segment/sentences.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace relata::segment {
namespace {

std::vector<std::string> SplitAll(const std::string& lang, const std::string& text) {
  StatusOr<SentenceSplitter> splitter = SentenceSplitter::Create(lang);
  REQUIRE(splitter.ok());
  std::vector<ByteSpan> spans;
  splitter->Split(text, {0, text.size()}, &spans);
  std::vector<std::string> out;
  for (const ByteSpan& s : spans) out.push_back(text.substr(s.begin, s.size()));
  return out;
}

}  // namespace

TEST_SUITE("segment") {

TEST_CASE("English titles before names do not end a sentence") {
  const auto got = SplitAll("en", "Mr. Kim met Ms. Lee on Tuesday. They talked about the U.S. market.");
  const std::vector<std::string> want = {"Mr. Kim met Ms. Lee on Tuesday.", "They talked about the U.S. market."};
  CHECK(got == want);
}

TEST_CASE("titles CLDR does not list (Gov., Sen., Gen.) stay with the name they precede") {
  const auto got = SplitAll("en", "Gov. Brian Kemp met Sen. Jon Ossoff. Gen. Paul LaCamera spoke later. He left.");
  const std::vector<std::string> want = {"Gov. Brian Kemp met Sen. Jon Ossoff.", "Gen. Paul LaCamera spoke later.",
                                         "He left."};
  CHECK(got == want);
}

TEST_CASE("Korean sentences end after 다. and quoted speech stays inside") {
  const auto got = SplitAll("ko", "삼성전자가 평택에 새 공장을 지었다. 이 회장은 \"투자를 늘리겠다\"고 말했다. 주가는 3.5% 올랐다.");
  const std::vector<std::string> want = {"삼성전자가 평택에 새 공장을 지었다.",
                                         "이 회장은 \"투자를 늘리겠다\"고 말했다.", "주가는 3.5% 올랐다."};
  CHECK(got == want);
}

TEST_CASE("a headline line without a period is a sentence of its own") {
  const auto got = SplitAll("ko", "[속보] 현대차, 미국 공장 착공\n현대차가 조지아에서 공장을 착공했다. 생산은 내년부터다.\r\n사진 설명");
  const std::vector<std::string> want = {"[속보] 현대차, 미국 공장 착공", "현대차가 조지아에서 공장을 착공했다.",
                                         "생산은 내년부터다.", "사진 설명"};
  CHECK(got == want);
}

TEST_CASE("white space is trimmed off sentences and blank sentences are dropped") {
  // Ideographic space, NBSP, tabs, blank lines and a BOM around the sentences.
  const auto got = SplitAll("ko", "\xEF\xBB\xBF\xE3\x80\x80 첫 문장이다.\xC2\xA0\t\n\n \xE3\x80\x80\n둘째 문장이다.  \n");
  const std::vector<std::string> want = {"첫 문장이다.", "둘째 문장이다."};
  CHECK(got == want);
}

TEST_CASE("only the given range is split and spans are absolute offsets") {
  const std::string text = "FURNITURE LINE. Body one. Body two. TRAILER.";
  StatusOr<SentenceSplitter> splitter = SentenceSplitter::Create("en");
  REQUIRE(splitter.ok());
  const size_t begin = text.find("Body one");
  const size_t end = text.find(" TRAILER");
  std::vector<ByteSpan> spans = {{0, 1}};  // Split appends
  splitter->Split(text, {begin, end}, &spans);
  REQUIRE(spans.size() == 3);
  CHECK(spans[1] == ByteSpan{begin, begin + 9});
  CHECK(text.substr(spans[2].begin, spans[2].size()) == "Body two.");
  CHECK(spans[2].end == end);
}

TEST_CASE("empty, white-space-only and out-of-range inputs give no sentences") {
  CHECK(SplitAll("en", "").empty());
  CHECK(SplitAll("ko", " \n\t\xE3\x80\x80\r\n").empty());
  StatusOr<SentenceSplitter> splitter = SentenceSplitter::Create("en");
  REQUIRE(splitter.ok());
  std::vector<ByteSpan> spans;
  splitter->Split("abc", {5, 9}, &spans);
  splitter->Split("abc", {2, 1}, &spans);
  CHECK(spans.empty());
}

TEST_CASE("a splitter is reusable across texts and an unknown language falls back to root rules") {
  StatusOr<SentenceSplitter> splitter = SentenceSplitter::Create("xx");
  REQUIRE(splitter.ok());
  for (const std::string text : {"One. Two.", "셋이다. 넷이다."}) {
    std::vector<ByteSpan> spans;
    splitter->Split(text, {0, text.size()}, &spans);
    CHECK(spans.size() == 2);
  }
}

TEST_CASE("language detection counts Hangul against Latin letters") {
  CHECK(DetectLanguage("삼성전자가 Galaxy S24를 공개했다.") == "ko");
  CHECK(DetectLanguage("Samsung unveiled the 갤럭시 phone.") == "en");
  CHECK(DetectLanguage("Ｓａｍｓｕｎｇ") == "en");  // fullwidth Latin is Latin
  CHECK(DetectLanguage("") == "ko");
  CHECK(DetectLanguage("2024-02-29 12:00") == "ko");
  CHECK(DetectLanguage("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB ab") == "ko");  // decomposed jamo count
}

TEST_CASE("language detection looks only at the first 64 KiB") {
  std::string text(64 * 1024, 'a');
  text += std::string(10, ' ');
  for (int i = 0; i < 30000; ++i) text += "한";
  CHECK(DetectLanguage(text) == "en");
  CHECK(DetectLanguage(std::string(64 * 1024 - 1, ' ') + "한") == "ko");  // cut mid-character, no crash
}

}  // TEST_SUITE

}  // namespace relata::segment

namespace relata::segment {
namespace {
TEST_SUITE("segment") {
TEST_CASE("breaks after characters outside the BMP land on the right bytes") {
  // Emoji and a supplementary Han character are two UTF-16 units but four
  // UTF-8 bytes: the breaks ICU finds in UTF-16 must map back exactly.
  const auto got = SplitAll("en", "We met \xF0\x9F\x98\x80 twice. The \xF0\xA0\x80\x80 sign stays! Done \xF0\x9F\x98\x80");
  const std::vector<std::string> want = {"We met \xF0\x9F\x98\x80 twice.", "The \xF0\xA0\x80\x80 sign stays!",
                                         "Done \xF0\x9F\x98\x80"};
  CHECK(got == want);
}

TEST_CASE("a personal initial does not end a sentence") {
  SentenceSplitter splitter = SentenceSplitter::Create("en").value();
  const std::string text = "Nvidia CEO Jensen Huang met TSMC Chairman C.C. Wei in Taipei. Jay Y. Lee came too. It rained.";
  std::vector<ByteSpan> out;
  splitter.Split(text, {0, text.size()}, &out);
  REQUIRE(out.size() == 3);
  CHECK(text.substr(out[0].begin, out[0].size()) == "Nvidia CEO Jensen Huang met TSMC Chairman C.C. Wei in Taipei.");
  CHECK(text.substr(out[1].begin, out[1].size()) == "Jay Y. Lee came too.");
}
}
}  // namespace
}  // namespace relata::segment
