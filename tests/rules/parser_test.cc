// The rule file format: structure, macros and the errors an editor sees.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "rules/rule_set.h"
#include "rules_test_util.h"

namespace relata::rules {
namespace {

using testing::CompileError;
using testing::Contains;
using testing::MustCompile;

TEST_SUITE("rules") {

TEST_CASE("a file with comments, blank lines and all three rule kinds compiles and counts its rules") {
  RuleSet rs = MustCompile(R"(# a comment
lang ko

  # an indented comment is a comment too
type product
zone ko.share
  line ^공유하기$
entity ko.money
  type money
  pattern (?P<amount>\d+)(?P<currency>원)
relation ko.met
  type met-with
  symmetric
  source a
  target b
  pattern {a:person}(?:과|와) {b:person}
)");
  CHECK(rs.zone_rule_count() == 1);
  CHECK(rs.entity_rule_count() == 1);
  CHECK(rs.relation_rule_count() == 1);
  CHECK(rs.HasRule("ko.share"));
  CHECK(rs.HasRule("ko.met"));
  CHECK_FALSE(rs.HasRule("ko.nothing"));
  CHECK(rs.IsKnownType("person"));
  CHECK(rs.IsKnownType("quantity"));
  CHECK(rs.IsKnownType("product"));
  CHECK_FALSE(rs.IsKnownType("persn"));
}

TEST_CASE("macros expand inside patterns, nested and in any order of definition") {
  RuleSet rs = MustCompile(R"(entity e.title
  type person
  pattern (?P<name>\p{Hangul}{3}) @TITLE
  mention name
define TITLE @BOARD|사장
define BOARD 회장|부회장
)");
  std::vector<EntityMatch> out;
  rs.MatchEntities("이재용 부회장과 최수연 사장", "ko", &out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].begin == 0);
  CHECK(out[0].end == std::string("이재용").size());
}

TEST_CASE("`event` lines name the relation types whose facts are events") {
  RuleSet rs = MustCompile("event met-with\nevent visited\n");
  CHECK(rs.IsEventRelation("met-with"));
  CHECK(rs.IsEventRelation("visited"));
  CHECK_FALSE(rs.IsEventRelation("holds-position"));
  CHECK_FALSE(MustCompile("relation r\n  type met-with\n  pattern {a:person} met {b:person}\n  source a\n  target b\n")
                  .IsEventRelation("met-with"));
  std::string error = CompileError("\nevent\n");
  CHECK(Contains(error, "t.rules:2:"));
  CHECK(Contains(error, "'event' needs a relation type"));
  CHECK(Contains(CompileError("event met with\n"), "not a relation type name"));
}

TEST_CASE("an undefined macro is an error naming the pattern's file:line") {
  std::string error = CompileError("entity e\n  type person\n  pattern @NOPE\n");
  CHECK(Contains(error, "t.rules:3:"));
  CHECK(Contains(error, "undefined macro @NOPE"));
}

TEST_CASE("an undefined macro inside a macro is reported at the macro's line, even when unused") {
  std::string error = CompileError("define A x@B\n");
  CHECK(Contains(error, "t.rules:1:"));
  CHECK(Contains(error, "@B"));
}

TEST_CASE("a macro cycle is an error naming file:line and the chain") {
  std::string error = CompileError("define A a@B\ndefine B b@A\nentity e\n  type person\n  pattern @A\n");
  CHECK(Contains(error, "macro cycle"));
  CHECK(Contains(error, "@A -> @B -> @A"));
  CHECK(Contains(error, "t.rules:1:"));
}

TEST_CASE("a duplicate macro names both places") {
  std::string error = CompileError("define A x\n\ndefine A y\n");
  CHECK(Contains(error, "t.rules:3:"));
  CHECK(Contains(error, "t.rules:1"));
  CHECK(Contains(error, "already defined"));
}

TEST_CASE("@@ is a literal @ and @ before a non-identifier is literal") {
  RuleSet rs = MustCompile(R"(entity e.handle
  type organization
  pattern @@relata
entity e.email
  type organization
  pattern [a-z]+@[a-z]+\.kr
)");
  std::vector<EntityMatch> out;
  rs.MatchEntities("문의 @relata 또는 news@cwn.kr", "ko", &out);
  REQUIRE(out.size() == 2);
  CHECK(out[0].rule_id == "e.handle");
  CHECK(out[1].rule_id == "e.email");
}

TEST_CASE("a backreference is rejected quoting RE2's error and the construct") {
  std::string error = CompileError("entity e\n  type person\n\n  pattern (a)\\1\n");
  CHECK(Contains(error, "t.rules:4:"));
  CHECK(Contains(error, "invalid escape sequence: \\1"));
  CHECK(Contains(error, "`\\1`"));
  CHECK(Contains(error, "backreference"));
}

TEST_CASE("lookahead is rejected with RE2's error and a hint about lookaround") {
  std::string error = CompileError("zone z\n  line ^foo(?=bar)\n");
  CHECK(Contains(error, "t.rules:2:"));
  CHECK(Contains(error, "invalid perl operator: (?="));
  CHECK(Contains(error, "lookahead or lookbehind"));
}

TEST_CASE("a pattern that can match the empty string is an error") {
  CHECK(Contains(CompileError("entity e\n  type date\n  pattern \\d*\n"), "t.rules:3: pattern can match the empty string"));
  CHECK(Contains(CompileError("zone z\n  line ^$\n"), "empty string"));
  CHECK(Contains(CompileError("zone z\n  line \\b\n"), "empty string"));
  CHECK(Contains(CompileError("relation r\n  type x\n  source a\n  target b\n  pattern (?:{a:person}.*{b:person})?\n"),
                 "empty string"));
  CHECK(CompileError("entity e\n  type date\n  pattern \\d+\n").empty());
}

TEST_CASE("an unknown key is an error naming the key, the rule and the line") {
  std::string error = CompileError("entity e\n  type person\n  patern x\n");
  CHECK(Contains(error, "t.rules:3: unknown key 'patern' in entity rule 'e'"));
  error = CompileError("pattern x\n");
  CHECK(Contains(error, "t.rules:1: unknown keyword 'pattern'"));
  CHECK(Contains(error, "indented"));
}

TEST_CASE("a key without a value is an error") {
  CHECK(Contains(CompileError("entity e\n  type person\n  pattern\n"), "t.rules:3: 'pattern' needs a value"));
  CHECK(Contains(CompileError("entity e\n  type person\n  pattern x\n  example+   \n"), "t.rules:4:"));
  CHECK(Contains(CompileError("relation r\n  type x\n  symmetric yes\n"), "takes no value"));
}

TEST_CASE("structural mistakes are errors naming file:line") {
  CHECK(Contains(CompileError("  pattern x\n"), "t.rules:1: indented line 'pattern' outside a rule block"));
  CHECK(Contains(CompileError("lang kr\n"), "t.rules:1: unknown language 'kr'"));
  CHECK(Contains(CompileError("entity e\n  pattern x\n"), "t.rules:1: entity rule 'e' needs a 'type'"));
  CHECK(Contains(CompileError("entity e\n  type persn\n  pattern x\n"), "t.rules:2: unknown entity type 'persn'"));
  CHECK(Contains(CompileError("zone z\n  line a\n  until end\n"), "'until' belongs to 'block'"));
  CHECK(Contains(CompileError("entity e\n  type person\n  pattern x\n  priority high\n"), "not an integer"));
  CHECK(Contains(CompileError("relation r\n  type x\n  source a\n  target b\n  pattern {a:*} {b:*}\n  confidence 2\n"),
                 "between 0 and 1"));
  CHECK(Contains(CompileError("type person\n"), "built in"));
  CHECK(Contains(CompileError("entity e\n  type person\n  pattern x\n  mention who\n"), "no group (?P<who>"));
  CHECK(Contains(CompileError("entity e\n  type person\n  pattern (?P<n>x)\n  attr t = $tilte\n"), "$tilte"));
  CHECK(Contains(CompileError("entity e\n  type person\n  pattern (?P<n>x)\n  reject m 이날\n"), "reject names group 'm'"));
}

TEST_CASE("an unknown type in a placeholder is an error naming the placeholder") {
  std::string error = CompileError("relation r\n  type met-with\n  source a\n  target b\n  pattern {a:persn}와 {b:person}\n");
  CHECK(Contains(error, "t.rules:5: unknown entity type 'persn' in placeholder {a:persn}"));
}

TEST_CASE("a role used twice in one pattern is an error") {
  std::string error = CompileError("relation r\n  type x\n  source a\n  target b\n  pattern {a:person} {b:person} {a:person}\n");
  CHECK(Contains(error, "t.rules:5: role 'a' is used twice"));
}

TEST_CASE("a source or target role missing from a pattern is an error") {
  std::string error = CompileError("relation r\n  type x\n  source a\n  target b\n  pattern {a:person} {c:person}\n");
  CHECK(Contains(error, "t.rules:5: target role 'b' is not bound"));
}

TEST_CASE("a role that is not an identifier is an error") {
  std::string error = CompileError("relation r\n  type x\n  source a\n  target b\n  pattern {a:person} {b-2:person} {b:place}\n");
  CHECK(Contains(error, "t.rules:5: role 'b-2'"));
  CHECK(Contains(error, "not an identifier"));
}

TEST_CASE("braces that are not placeholders stay regex syntax") {
  RuleSet rs = MustCompile(R"(relation r
  type x
  source a
  target b
  pattern {a:person}\p{Hangul}{1,2} {b:*}
)");
  std::string s = "갑돌이와 을순";
  auto mentions = testing::MentionsIn(s, {{"갑돌", "person"}, {"을순", "person"}});
  std::vector<RelationMatch> out;
  rs.MatchRelations(s, mentions, "ko", &out);
  CHECK(out.size() == 1);
}

TEST_CASE("duplicate rule ids across files name both places") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "relata_rules_dup_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "a.rules") << "zone z.one\n  line ^x$\n";
  std::ofstream(dir / "sub" / "b.rules") << "# b\nentity z.one\n  type person\n  pattern y\n";
  auto rs = RuleSet::Load({dir.string()});
  REQUIRE_FALSE(rs.ok());
  const std::string& m = rs.status().message();
  CHECK(Contains(m, "b.rules:2: duplicate rule id 'z.one'"));
  CHECK(Contains(m, "a.rules:1"));
  fs::remove_all(dir);
}

TEST_CASE("Load walks directories in sorted order, shares macros and types across files and merges particles") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "relata_rules_load_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "b");
  std::ofstream(dir / "b" / "x.rules") << "entity e.product\n  type product\n  pattern @NAME\n";
  std::ofstream(dir / "a.rules") << "define NAME 갤럭시 S\\d+\ntype product\n";
  std::ofstream(dir / "b" / "particles.tsv") << "는\tvowel\n";
  std::ofstream(dir / "notes.txt") << "not a rule file\n";
  auto rs = RuleSet::Load({dir.string()});
  const std::string error = rs.ok() ? std::string() : rs.status().message();
  INFO(error);
  REQUIRE(rs.ok());
  CHECK(rs->entity_rule_count() == 1);
  CHECK(rs->particles().size() == 1);
  std::vector<EntityMatch> out;
  rs->MatchEntities("갤럭시 S24는 팔린다", "ko", &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].particle_end == std::string("갤럭시 S24는").size());
  CHECK_FALSE(RuleSet::Load({(dir / "missing").string()}).ok());
  fs::remove_all(dir);
}

TEST_CASE("size limits: file size, expanded pattern size and RE2 program memory") {
  LoadOptions small;
  small.max_file_bytes = 40;
  CHECK(Contains(CompileError("entity e\n  type person\n  pattern abcdefghijklmnopqrstuvwxyz\n", small),
                 "over the limit of 40"));

  LoadOptions short_patterns;
  short_patterns.max_pattern_bytes = 100;
  std::string error = CompileError("define A aaaaaaaaaaaaaaaaaaaa\ndefine B @A@A@A@A\nentity e\n  type person\n  pattern @B@B\n",
                                   short_patterns);
  CHECK(Contains(error, "t.rules:5:"));
  CHECK(Contains(error, "100 bytes"));

  LoadOptions tiny_memory;
  tiny_memory.max_program_memory = 4 << 10;
  error = CompileError("entity e\n  type person\n  pattern (?:\\p{Hangul}{2,4} ){1,30}회장\n", tiny_memory);
  CHECK(Contains(error, "t.rules:3:"));
  CHECK(Contains(error, "pattern too large"));
  CHECK(Contains(error, "max_program_memory"));
}

TEST_CASE("invalid UTF-8 in a rule file is an error naming the line") {
  std::string text = "zone z\n  line ^a\xff$\n";
  CHECK(Contains(CompileError(text), "t.rules:2: invalid UTF-8"));
}

TEST_CASE("several errors are reported at once") {
  std::string error = CompileError("entity a\n  type persn\n  pattern x\nentity b\n  type person\n  pattern (?=x)\n");
  CHECK(Contains(error, "t.rules:2:"));
  CHECK(Contains(error, "t.rules:6:"));
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
