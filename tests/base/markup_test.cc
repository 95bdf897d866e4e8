#include "base/markup.h"

#include <doctest/doctest.h>

namespace relata {
namespace {

TEST_SUITE("base") {
TEST_CASE("markup gives the plain text and each mention's byte span and type") {
  MarkedText m;
  std::string error;
  REQUIRE(ParseMarkup("[이재용|person] 회장이 [메타|company]와 \\[단독\\] 만났다", &m, &error));
  CHECK(m.text == "이재용 회장이 메타와 [단독] 만났다");
  REQUIRE(m.mentions.size() == 2);
  CHECK(m.text.substr(m.mentions[0].span.begin, m.mentions[0].span.size()) == "이재용");
  CHECK(m.mentions[0].type == "person");
  CHECK(m.text.substr(m.mentions[1].span.begin, m.mentions[1].span.size()) == "메타");
  CHECK(m.mentions[1].type == "company");
}

TEST_CASE("malformed markup is an error naming the byte offset") {
  MarkedText m;
  std::string error;
  CHECK_FALSE(ParseMarkup("a [b|person c", &m, &error));
  CHECK(error.find("unclosed '[' at byte 2") != std::string::npos);
  CHECK_FALSE(ParseMarkup("a b] c", &m, &error));
  CHECK(error.find("stray ']' at byte 3") != std::string::npos);
  CHECK_FALSE(ParseMarkup("[nobar] c", &m, &error));
  CHECK(error.find("needs the form") != std::string::npos);
  CHECK_FALSE(ParseMarkup("[|person] c", &m, &error));
}
}

}  // namespace
}  // namespace relata
