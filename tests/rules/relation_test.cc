// Relation rules: placeholders over tokenized sentences, roles, symmetry,
// attributes, the prefilter and ExplainRelation.
#include <doctest/doctest.h>

#include "rules/rule_set.h"
#include "rules_test_util.h"

namespace relata::rules {
namespace {

using testing::Contains;
using testing::MentionsIn;
using testing::MustCompile;

const char kRules[] = R"(lang ko
define AND 과|와
relation ko.met
  type met-with
  symmetric
  source a
  target b
  pattern {a:person}(?:@AND) {b:person}(?:이|가|는|은)? (?:{when:date}에 )?(?:만났|회동)
  confidence 0.8
relation ko.ceo
  type holds-position
  directed
  source p
  target o
  pattern {p:person} {o:company|organization} (?P<title>회장|사장|최고경영자)
  attr title = $title
  attr org = $o
relation ko.foundry
  type may-contract-foundry
  source client
  target maker
  pattern {client:company}(?:이|가|는|은) [^.]*?{maker:company}에 (?:생산|위탁생산)을 맡기(?:는|기로)?(?P<hedge> 방안이 검토| 듯)?
  attr modality = speculative when hedge
  attr modality_hint = asserted
)";

TEST_SUITE("rules") {

TEST_CASE("a directed relation binds source and target roles to mention indices") {
  RuleSet rs = MustCompile(kRules);
  std::string s = "이재용 삼성전자 회장이 왔다";
  auto mentions = MentionsIn(s, {{"이재용", "person"}, {"삼성전자", "company"}});
  std::vector<RelationMatch> out;
  rs.MatchRelations(s, mentions, "ko", &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].rule_id == "ko.ceo");
  CHECK(out[0].relation == "holds-position");
  CHECK(out[0].directed);
  CHECK(out[0].source == 0);
  CHECK(out[0].target == 1);
  CHECK(out[0].attributes.at("title") == "회장");
  CHECK(out[0].attributes.at("org") == "삼성전자");  // a role group's text is the mention's text
  CHECK(out[0].match_begin == 0);
  CHECK(out[0].match_end == std::string("이재용 삼성전자 회장").size());
  CHECK(out[0].confidence == doctest::Approx(0.5));
}

TEST_CASE("a symmetric relation is reported once per pair, with other bound roles") {
  RuleSet rs = MustCompile(kRules);
  std::string s = "이재용과 저커버그가 28일에 만났다";
  auto mentions = MentionsIn(s, {{"이재용", "person"}, {"저커버그", "person"}, {"28일", "date"}});
  std::vector<RelationMatch> out;
  rs.MatchRelations(s, mentions, "ko", &out);
  REQUIRE(out.size() == 1);
  CHECK_FALSE(out[0].directed);
  CHECK(out[0].relation == "met-with");
  CHECK(out[0].source == 0);
  CHECK(out[0].target == 1);
  CHECK(out[0].role_mentions.at("when") == 2);
  CHECK(out[0].confidence == doctest::Approx(0.8));
  CHECK(out[0].match_begin == 0);
  CHECK(out[0].match_end == s.size() - std::string("다").size());
}

TEST_CASE("mention indices refer to the caller's order even when mentions come unsorted") {
  RuleSet rs = MustCompile(kRules);
  std::string s = "이재용과 저커버그가 만났다";
  auto sorted = MentionsIn(s, {{"이재용", "person"}, {"저커버그", "person"}});
  std::vector<RelationMention> mentions = {sorted[1], sorted[0]};
  std::vector<RelationMatch> out;
  rs.MatchRelations(s, mentions, "ko", &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].source == 1);
  CHECK(out[0].target == 0);
}

TEST_CASE("modality comes from an attr with when, only if the hedge group participated") {
  RuleSet rs = MustCompile(kRules);
  std::string hedged = "메타가 반도체 생산을 삼성전자에 위탁생산을 맡기는 방안이 검토됐다";
  auto m1 = MentionsIn(hedged, {{"메타", "company"}, {"삼성전자", "company"}});
  std::vector<RelationMatch> out;
  rs.MatchRelations(hedged, m1, "ko", &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].relation == "may-contract-foundry");
  CHECK(out[0].attributes.at("modality") == "speculative");
  CHECK(out[0].attributes.at("modality_hint") == "asserted");

  std::string plain = "메타는 삼성전자에 생산을 맡기기로 했다";
  auto m2 = MentionsIn(plain, {{"메타", "company"}, {"삼성전자", "company"}});
  out.clear();
  rs.MatchRelations(plain, m2, "ko", &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].attributes.count("modality") == 0);
}

TEST_CASE("several bindings in one sentence are all found") {
  RuleSet rs = MustCompile(R"(relation en.met
  type met-with
  symmetric
  source a
  target b
  pattern {a:person}(?:,| and) {b:person}
)");
  std::string s = "Lee, Cook and Huang";
  auto mentions = MentionsIn(s, {{"Lee", "person"}, {"Cook", "person"}, {"Huang", "person"}});
  std::vector<RelationMatch> out;
  rs.MatchRelations(s, mentions, "en", &out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].source == 0);
  CHECK(out[0].target == 1);
  CHECK(out[1].source == 1);
  CHECK(out[1].target == 2);
}

TEST_CASE("the prefilter skips rules whose required types the sentence lacks") {
  RuleSet rs = MustCompile(kRules);
  std::string s = "이재용 삼성전자 회장";
  // Both mentions are people: ko.ceo needs a company or organization as target.
  auto mentions = MentionsIn(s, {{"이재용", "person"}, {"삼성전자", "person"}});
  std::vector<RelationMatch> out;
  rs.MatchRelations(s, mentions, "ko", &out);
  CHECK(out.empty());
  std::string why = rs.ExplainRelation("ko.ceo", s, mentions, "ko");
  CHECK(Contains(why, "not tried"));
  CHECK(Contains(why, "a required type is missing"));
  CHECK(Contains(why, "person x2"));
  // One person is not two distinct mentions for met-with.
  std::string one = "이재용과 만났다";
  auto single = MentionsIn(one, {{"이재용", "person"}});
  single.push_back({one.size() - 3, one.size(), "date"});
  CHECK(Contains(rs.ExplainRelation("ko.met", one, single, "ko"), "a required type is missing"));
}

TEST_CASE("ExplainRelation says in one line why a rule fires or not") {
  RuleSet rs = MustCompile(kRules);
  std::string s = "이재용 삼성전자 회장이 왔다";
  auto mentions = MentionsIn(s, {{"이재용", "person"}, {"삼성전자", "company"}});
  std::string fired = rs.ExplainRelation("ko.ceo", s, mentions, "ko");
  CHECK(Contains(fired, "ko.ceo (t.rules:"));
  CHECK(Contains(fired, "matched \"[person#0] [company#1] 회장이 왔다\""));
  CHECK(Contains(fired, "p=이재용 (#0 person) o=삼성전자 (#1 company)"));
  CHECK(Contains(fired, "title:회장"));
  CHECK(fired.find('\n') == std::string::npos);

  std::string missed = rs.ExplainRelation("ko.met", s, mentions, "ko");
  CHECK(Contains(missed, "not tried"));  // met-with needs two people
  auto two_people = MentionsIn(s, {{"이재용", "person"}, {"삼성전자", "person"}});
  missed = rs.ExplainRelation("ko.met", s, two_people, "ko");
  CHECK(Contains(missed, "no pattern matched the tokenized sentence \"[person#0] [person#1] 회장이 왔다\""));

  CHECK(Contains(rs.ExplainRelation("ko.ceo", s, mentions, "en"), "for language 'ko', the sentence is 'en'"));
  CHECK(rs.ExplainRelation("nope", s, mentions, "ko") == "no relation rule 'nope'");
}

TEST_CASE("reserved code points in the text cannot pass for mention tokens") {
  RuleSet rs = MustCompile(kRules);
  // A sentence that carries a forged token for a company before a real person mention.
  std::string forged = "\xEE\x80\x80\xEE\x84\x81\xEE\x80\x90\xEE\x80\x81";  // U+E000 U+E101 U+E010 U+E001
  std::string s = "이재용 " + forged + " 회장";
  auto mentions = MentionsIn(s, {{"이재용", "person"}});
  mentions.push_back({0, 0, "company"});  // an empty mention is ignored, never tokenized
  std::vector<RelationMatch> out;
  rs.MatchRelations(s, mentions, "ko", &out);
  CHECK(out.empty());
}

TEST_CASE("bad mentions (out of range, overlapping) are ignored rather than crash") {
  RuleSet rs = MustCompile(kRules);
  std::string s = "이재용 삼성전자 회장";
  std::vector<RelationMention> mentions = {{0, 9, "person"}, {3, 12, "company"}, {10, 22, "company"},
                                           {5, 500, "company"}, {4, 2, "place"}};
  std::vector<RelationMatch> out;
  rs.MatchRelations(s, mentions, "ko", &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].source == 0);
  CHECK(out[0].target == 2);
  CHECK(rs.ExplainRelation("ko.ceo", s, mentions, "ko").size() > 0);
}

TEST_CASE("types declared in a rule file work in placeholders; {role:*} takes any type") {
  RuleSet rs = MustCompile(R"(type product
relation en.makes
  type makes
  source c
  target p
  pattern {c:*} (?:makes|launched) (?:the )?{p:product}
)");
  std::string s = "Samsung launched the Galaxy S24";
  auto mentions = MentionsIn(s, {{"Samsung", "company"}, {"Galaxy S24", "product"}});
  std::vector<RelationMatch> out;
  rs.MatchRelations(s, mentions, "en", &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].target == 1);
  // A mention of a type no rule file knows still tokenizes, and * accepts it.
  mentions[0].type = "spaceship";
  out.clear();
  rs.MatchRelations(s, mentions, "en", &out);
  CHECK(out.size() == 1);
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
