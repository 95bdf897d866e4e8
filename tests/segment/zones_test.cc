#include "segment/zones.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace relata::segment {
namespace {

// Classifies by the first word of a line, the way a zone rule file would:
//   BYLINE ...       furniture line
//   RELATED ...      block until the next blank line
//   COMMENTS ...     block until the end of the text
//   SHARE ...        block until a line starting "END"
//   DATE <iso> ...   furniture line carrying a publication date
//   STAMP <iso>      body line carrying a date
class FakeClassifier : public LineClassifier {
 public:
  LineClass Classify(std::string_view line, const std::string& lang) const override {
    asked.emplace_back(line);
    LineClass c;
    auto starts = [&](std::string_view p) { return line.substr(0, p.size()) == p; };
    if (starts("BYLINE")) {
      c.kind = LineClass::Kind::kLine;
      c.rule_id = "byline";
    } else if (starts("RELATED")) {
      c.kind = LineClass::Kind::kBlock;
      c.until = LineClass::Until::kBlankLine;
      c.rule_id = "related";
    } else if (starts("COMMENTS")) {
      c.kind = LineClass::Kind::kBlock;
      c.until = LineClass::Until::kEndOfText;
      c.rule_id = "comments";
    } else if (starts("SHARE")) {
      c.kind = LineClass::Kind::kBlock;
      c.until = LineClass::Until::kPattern;
      c.rule_id = "share";
    } else if (starts("DATE ")) {
      c.kind = LineClass::Kind::kLine;
      c.rule_id = "date";
      c.date = std::string(line.substr(5, 10));
    } else if (starts("(WIRE) ")) {
      c.kind = LineClass::Kind::kPrefix;
      c.rule_id = "dateline";
      c.prefix_bytes = 7;
    } else if (starts("STAMP ")) {
      c.date = std::string(line.substr(6, 10));
    }
    last_lang = lang;
    return c;
  }
  bool EndsBlock(const std::string& rule_id, std::string_view line) const override {
    ended.emplace_back(rule_id + ":" + std::string(line));
    return line.substr(0, 3) == "END";
  }
  mutable std::vector<std::string> asked;
  mutable std::vector<std::string> ended;
  mutable std::string last_lang;
};

std::string Slice(const std::string& text, ByteSpan s) { return text.substr(s.begin, s.size()); }

}  // namespace

TEST_SUITE("segment") {

TEST_CASE("a furniture line is cut out and the body is the rest, line ends included") {
  const std::string text = "Headline\nBYLINE Kim reporter\nBody text.\n";
  FakeClassifier fake;
  const ZoneResult r = FindZones(text, fake, "en");
  REQUIRE(r.furniture.size() == 1);
  CHECK(Slice(text, r.furniture[0].span) == "BYLINE Kim reporter\n");
  CHECK(r.furniture[0].rule_id == "byline");
  REQUIRE(r.body.size() == 2);
  CHECK(Slice(text, r.body[0]) == "Headline\n");
  CHECK(Slice(text, r.body[1]) == "Body text.\n");
  CHECK(fake.last_lang == "en");
  CHECK(r.date.empty());
}

TEST_CASE("a block runs through the next blank line") {
  const std::string text = "Body.\nRELATED links\nOther story\nThird story\n\nMore body.";
  FakeClassifier fake;
  const ZoneResult r = FindZones(text, fake, "ko");
  REQUIRE(r.furniture.size() == 1);
  CHECK(Slice(text, r.furniture[0].span) == "RELATED links\nOther story\nThird story\n\n");
  REQUIRE(r.body.size() == 2);
  CHECK(Slice(text, r.body[1]) == "More body.");
  // Lines inside the block are not classified.
  CHECK(fake.asked == std::vector<std::string>{"Body.", "RELATED links", "More body."});
}

TEST_CASE("a line of only white space ends a blank-line block") {
  const std::string text = "RELATED\nx\n \xC2\xA0\xE3\x80\x80\t\nBody.";
  FakeClassifier fake;
  const ZoneResult r = FindZones(text, fake, "ko");
  REQUIRE(r.furniture.size() == 1);
  CHECK(r.furniture[0].span.end == text.find("Body."));
}

TEST_CASE("a block until the end of the text swallows everything after it") {
  const std::string text = "Body one.\nCOMMENTS (3)\n\nNice article\nBYLINE x\n";
  FakeClassifier fake;
  const ZoneResult r = FindZones(text, fake, "ko");
  REQUIRE(r.furniture.size() == 1);
  CHECK(r.furniture[0].rule_id == "comments");
  CHECK(r.furniture[0].span.end == text.size());
  REQUIRE(r.body.size() == 1);
  CHECK(Slice(text, r.body[0]) == "Body one.\n");
}

TEST_CASE("a pattern block runs through the first later line that ends it") {
  const std::string text = "SHARE facebook\ntwitter\n\nEND share\nBody.\n";
  FakeClassifier fake;
  const ZoneResult r = FindZones(text, fake, "ko");
  REQUIRE(r.furniture.size() == 1);
  CHECK(Slice(text, r.furniture[0].span) == "SHARE facebook\ntwitter\n\nEND share\n");
  REQUIRE(r.body.size() == 1);
  CHECK(Slice(text, r.body[0]) == "Body.\n");
  CHECK(fake.ended == std::vector<std::string>{"share:twitter", "share:", "share:END share"});
}

TEST_CASE("a block whose end never comes runs to the end of the text") {
  const std::string text = "Body.\nSHARE\nstill share\nno end here";
  FakeClassifier fake;
  const ZoneResult r = FindZones(text, fake, "ko");
  REQUIRE(r.furniture.size() == 1);
  CHECK(r.furniture[0].span == ByteSpan{6, text.size()});
  const std::string text2 = "RELATED\nno blank line follows";
  const ZoneResult r2 = FindZones(text2, fake, "ko");
  REQUIRE(r2.furniture.size() == 1);
  CHECK(r2.furniture[0].span == ByteSpan{0, text2.size()});
  CHECK(r2.body.empty());
}

TEST_CASE("CRLF lines are classified without their CR and zones keep the CRLF") {
  const std::string text = "Body.\r\nBYLINE kim\r\nEND\r\n";
  FakeClassifier fake;
  const ZoneResult r = FindZones(text, fake, "ko");
  CHECK(fake.asked == std::vector<std::string>{"Body.", "BYLINE kim", "END"});
  REQUIRE(r.furniture.size() == 1);
  CHECK(Slice(text, r.furniture[0].span) == "BYLINE kim\r\n");
  REQUIRE(r.body.size() == 2);
  CHECK(Slice(text, r.body[0]) == "Body.\r\n");
  CHECK(Slice(text, r.body[1]) == "END\r\n");
}

// Regression (hostile input, issue 4): CR-only files were one long line, so
// no byline or date line was ever seen by the zone rules.
TEST_CASE("a lone CR ends a line as LF and CRLF do, and zones keep it") {
  const std::string text = "DATE 2025-03-04 x\rBody one.\rBYLINE kim\r\rRELATED\rlink\r\rTail.\r";
  FakeClassifier fake;
  const ZoneResult r = FindZones(text, fake, "en");
  CHECK(fake.asked == std::vector<std::string>{"DATE 2025-03-04 x", "Body one.", "BYLINE kim", "RELATED", "Tail."});
  CHECK(r.date == "2025-03-04");
  REQUIRE(r.furniture.size() == 3);
  CHECK(Slice(text, r.furniture[0].span) == "DATE 2025-03-04 x\r");
  CHECK(Slice(text, r.furniture[1].span) == "BYLINE kim\r");
  CHECK(Slice(text, r.furniture[2].span) == "RELATED\rlink\r\r");
  REQUIRE(r.body.size() == 3);
  CHECK(Slice(text, r.body[0]) == "Body one.\r");
  CHECK(Slice(text, r.body[1]) == "\r");
  CHECK(Slice(text, r.body[2]) == "Tail.\r");
}

TEST_CASE("the first captured date wins, from furniture or body lines alike") {
  const std::string text = "STAMP 2024-02-28 body line\nDATE 2024-02-29 approved\nDATE 2024-03-01 edited\n";
  FakeClassifier fake;
  const ZoneResult r = FindZones(text, fake, "ko");
  CHECK(r.date == "2024-02-28");
  CHECK(r.furniture.size() == 2);
  const ZoneResult r2 = FindZones("x\nDATE 2024-02-29 a\nDATE 2024-03-01 b", fake, "ko");
  CHECK(r2.date == "2024-02-29");
}

TEST_CASE("adjacent furniture zones stay separate and blank lines are never asked about") {
  const std::string text = "\n\nBYLINE a\nBYLINE b\n   \n";
  FakeClassifier fake;
  const ZoneResult r = FindZones(text, fake, "ko");
  CHECK(fake.asked == std::vector<std::string>{"BYLINE a", "BYLINE b"});
  REQUIRE(r.furniture.size() == 2);
  CHECK(r.furniture[0].span.end == r.furniture[1].span.begin);
  REQUIRE(r.body.size() == 2);
  CHECK(Slice(text, r.body[0]) == "\n\n");
  CHECK(Slice(text, r.body[1]) == "   \n");
}

TEST_CASE("empty text has no zones and no body") {
  FakeClassifier fake;
  const ZoneResult r = FindZones("", fake, "ko");
  CHECK(r.body.empty());
  CHECK(r.furniture.empty());
  CHECK(fake.asked.empty());
}

}  // TEST_SUITE

}  // namespace relata::segment

namespace relata::segment {
namespace {
TEST_SUITE("segment") {
TEST_CASE("a prefix zone cuts only the start of its line; the rest stays body") {
  FakeClassifier c;
  const std::string text = "Headline\n(WIRE) The first sentence.\nMore body.\n";
  ZoneResult z = FindZones(text, c, "en");
  REQUIRE(z.furniture.size() == 1);
  CHECK(Slice(text, z.furniture[0].span) == "(WIRE) ");
  CHECK(z.furniture[0].rule_id == "dateline");
  REQUIRE(z.body.size() == 2);
  CHECK(Slice(text, z.body[0]) == "Headline\n");
  CHECK(Slice(text, z.body[1]) == "The first sentence.\nMore body.\n");
}
}
}  // namespace
}  // namespace relata::segment
