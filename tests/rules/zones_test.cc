// Zone rules: RuleSet as a segment::LineClassifier.
#include <doctest/doctest.h>

#include "rules/rule_set.h"
#include "rules_test_util.h"
#include "segment/zones.h"

namespace relata::rules {
namespace {

using segment::LineClass;
using testing::MustCompile;

const char kZones[] = R"(lang ko
zone ko.byline
  line ^\p{Hangul}{2,4} 기자 / 기사승인 : (?P<date>\d{4}-\d{2}-\d{2})
zone ko.updated
  line ^입력 (?P<year>\d{4})\.(?P<month>\d{2})\.(?P<day>\d{2})
zone ko.any-reporter
  line 기자$
zone ko.comments
  block ^댓글 \d+$
  until end
zone ko.related
  block ^관련기사$
  until ^(?:많이 본 뉴스|최신기사)$
zone ko.share
  block ^공유하기$
lang en
zone en.copyright
  line ^© \d{4} .* All rights reserved\.?$
)";

TEST_SUITE("rules") {

TEST_CASE("a line rule classifies furniture and captures the publication date") {
  RuleSet rs = MustCompile(kZones);
  LineClass c = rs.Classify("소미연 기자 / 기사승인 : 2024-02-29 15:12:50", "ko");
  CHECK(c.kind == LineClass::Kind::kLine);
  CHECK(c.rule_id == "ko.byline");
  CHECK(c.date == "2024-02-29");
  c = rs.Classify("입력 2024.03.01 09:00", "ko");
  CHECK(c.rule_id == "ko.updated");
  CHECK(c.date == "2024-03-01");
  c = rs.Classify("이재용 회장이 만났다.", "ko");
  CHECK(c.kind == LineClass::Kind::kBody);
  CHECK(c.rule_id.empty());
}

TEST_CASE("the first zone rule in file order wins") {
  RuleSet rs = MustCompile(kZones);
  // Both ko.byline and ko.any-reporter could match a line ending in 기자.
  LineClass c = rs.Classify("홍길동 기자 / 기사승인 : 2024-02-29 기자", "ko");
  CHECK(c.rule_id == "ko.byline");
  c = rs.Classify("CWN 소미연 기자", "ko");
  CHECK(c.rule_id == "ko.any-reporter");
  CHECK(c.date.empty());
}

TEST_CASE("block rules report their end condition and EndsBlock checks until patterns") {
  RuleSet rs = MustCompile(kZones);
  LineClass c = rs.Classify("댓글 0", "ko");
  CHECK(c.kind == LineClass::Kind::kBlock);
  CHECK(c.until == LineClass::Until::kEndOfText);
  c = rs.Classify("공유하기", "ko");
  CHECK(c.kind == LineClass::Kind::kBlock);
  CHECK(c.until == LineClass::Until::kBlankLine);
  c = rs.Classify("관련기사", "ko");
  CHECK(c.until == LineClass::Until::kPattern);
  CHECK(rs.EndsBlock("ko.related", "최신기사"));
  CHECK_FALSE(rs.EndsBlock("ko.related", "삼성전자, 메타와 협력"));
  CHECK_FALSE(rs.EndsBlock("ko.comments", "최신기사"));
  CHECK_FALSE(rs.EndsBlock("no.such.rule", "최신기사"));
}

TEST_CASE("zone rules apply to their language only, and lines are NFKC-normalized first") {
  RuleSet rs = MustCompile(kZones);
  CHECK(rs.Classify("© 2024 Example News. All rights reserved.", "en").rule_id == "en.copyright");
  CHECK(rs.Classify("© 2024 Example News. All rights reserved.", "ko").kind == LineClass::Kind::kBody);
  CHECK(rs.Classify("댓글 0", "en").kind == LineClass::Kind::kBody);
  // Fullwidth digits unfold to ASCII before matching.
  CHECK(rs.Classify("댓글 ０", "ko").rule_id == "ko.comments");
}

TEST_CASE("FindZones over a page with the rule set as classifier") {
  RuleSet rs = MustCompile(kZones);
  std::string page =
      "제목\n소미연 기자 / 기사승인 : 2024-02-29 15:12:50\n본문 첫 문장.\n\n관련기사\n기사 하나\n기사 둘\n최신기사\n"
      "본문 둘.\n댓글 3\n좋아요\n";
  segment::ZoneResult z = segment::FindZones(page, rs, "ko");
  CHECK(z.date == "2024-02-29");
  REQUIRE(z.furniture.size() == 3);
  CHECK(z.furniture[0].rule_id == "ko.byline");
  CHECK(z.furniture[1].rule_id == "ko.related");
  CHECK(page.substr(z.furniture[1].span.begin, z.furniture[1].span.size()) == "관련기사\n기사 하나\n기사 둘\n최신기사\n");
  CHECK(z.furniture[2].rule_id == "ko.comments");
  CHECK(z.furniture[2].span.end == page.size());
}

TEST_CASE("a rule set without zone rules classifies every line as body") {
  RuleSet none;
  CHECK(none.Classify("댓글 0", "ko").kind == LineClass::Kind::kBody);
  CHECK_FALSE(none.EndsBlock("x", "y"));
  // Invalid UTF-8 in a line does not crash the classifier.
  RuleSet rs = MustCompile(kZones);
  CHECK(rs.Classify("\xff\xfe 댓글", "ko").kind == LineClass::Kind::kBody);
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
