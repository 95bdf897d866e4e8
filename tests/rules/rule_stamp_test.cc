// The rule stamp (rule_stamp.h): a load without one checks every pattern and
// writes it, a load with one compiles nothing, an edit is a miss, and errors
// are reported with file:line whether a stamp exists or not.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "rules/rule_set.h"
#include "rules/rule_stamp.h"

namespace relata::rules {
namespace {

namespace fs = std::filesystem;

// A fresh rules dir and cache dir; RELATA_CACHE_DIR points at the cache dir
// while the fixture lives.
class StampDirs {
 public:
  StampDirs() {
    root_ = fs::temp_directory_path() / ("relata-stamp-test-" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(rules_dir());
    if (const char* old = std::getenv("RELATA_CACHE_DIR")) old_ = old, had_old_ = true;
    ::setenv("RELATA_CACHE_DIR", cache_dir().c_str(), 1);
  }
  ~StampDirs() {
    if (had_old_) ::setenv("RELATA_CACHE_DIR", old_.c_str(), 1);
    else ::unsetenv("RELATA_CACHE_DIR");
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::string rules_dir() const { return (root_ / "rules").string(); }
  std::string cache_dir() const { return (root_ / "cache").string(); }
  std::string rule_file() const { return rules_dir() + "/t.rules"; }
  void Write(const std::string& text) const { std::ofstream(rule_file(), std::ios::trunc) << text; }
  size_t Stamps() const {
    size_t n = 0;
    std::error_code ec;
    if (!fs::is_directory(cache_dir(), ec)) return 0;
    for (const auto& e : fs::directory_iterator(cache_dir()))
      if (e.path().filename().string().rfind("rules-", 0) == 0) ++n;
    return n;
  }

 private:
  fs::path root_;
  std::string old_;
  bool had_old_ = false;
};

const char* const kGood =
    "entity e\n  type company\n  pattern \\bAcme\\b\n"
    "relation r\n  type met-with\n  source a\n  target b\n  pattern {a:person} met {b:person}\n";

// RE2 parses this pattern, but its program is over a 1 MB budget: only a
// compile shows the error.
const char* const kTooLarge =
    "relation r\n  type t\n  source a\n  target b\n"
    "  pattern {a:person}(?:[^.]|\\pL\\pN){0,900}{b:person}\n";

TEST_SUITE("rules") {

TEST_CASE("stamp: a miss checks and writes it, a hit loads the same rules, an edit is a miss") {
  StampDirs dirs;
  dirs.Write(kGood);
  CHECK(dirs.Stamps() == 0);
  auto first = RuleSet::Load({dirs.rules_dir()});
  REQUIRE(first.ok());
  CHECK(dirs.Stamps() == 1);
  auto second = RuleSet::Load({dirs.rules_dir()});
  REQUIRE(second.ok());
  CHECK(dirs.Stamps() == 1);
  // Both match alike.
  std::vector<RelationMatch> a, b;
  std::vector<RelationMention> mentions = {{0, 3, "person"}, {8, 11, "person"}};
  first->MatchRelations("Kim met Lee", mentions, "en", &a);
  second->MatchRelations("Kim met Lee", mentions, "en", &b);
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(a[0].source == b[0].source);
  CHECK(a[0].target == b[0].target);
  // One byte changed: a new key.
  dirs.Write(std::string(kGood) + "\n");
  REQUIRE(RuleSet::Load({dirs.rules_dir()}).ok());
  CHECK(dirs.Stamps() == 2);
  // Other limits: a new key.
  LoadOptions other;
  other.max_program_memory = 4 << 20;
  REQUIRE(RuleSet::Load({dirs.rules_dir()}, other).ok());
  CHECK(dirs.Stamps() == 3);
}

TEST_CASE("stamp: a hit compiles nothing at load; compile_all_at_load still checks everything") {
  StampDirs dirs;
  dirs.Write(kTooLarge);
  LoadOptions small;
  small.max_program_memory = 1 << 20;
  small.compile_all_at_load = true;
  auto eager = RuleSet::Load({dirs.rules_dir()}, small);
  REQUIRE_FALSE(eager.ok());
  CHECK(eager.status().message().find("t.rules:5") != std::string::npos);
  CHECK(dirs.Stamps() == 0);  // a load with errors leaves no stamp

  // A stamp for these bytes (as if they had passed): the load takes its word
  // and compiles nothing, so the too-large pattern is not noticed...
  small.compile_all_at_load = false;
  std::ifstream in(dirs.rule_file());
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  internal::WriteRuleStamp(internal::RuleStampPath({{dirs.rule_file(), bytes}}, small));
  CHECK(dirs.Stamps() == 1);
  CHECK(RuleSet::Load({dirs.rules_dir()}, small).ok());
  // ...while test-rules' eager load ignores the stamp.
  small.compile_all_at_load = true;
  CHECK_FALSE(RuleSet::Load({dirs.rules_dir()}, small).ok());
}

TEST_CASE("stamp: a broken edit of stamped rules is reported with file:line") {
  StampDirs dirs;
  dirs.Write(kGood);
  REQUIRE(RuleSet::Load({dirs.rules_dir()}).ok());
  REQUIRE(dirs.Stamps() == 1);
  // An RE2 syntax error, then an empty-matching pattern, then a rule-language error.
  for (const std::string& broken : {std::string("entity e\n  type company\n  pattern (Acme\n"),
                                    std::string("entity e\n  type company\n  pattern (?:Acme)?\n"),
                                    std::string("entity e\n  typo company\n  pattern Acme\n")}) {
    INFO(broken);
    dirs.Write(broken);
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto loaded = RuleSet::Load({dirs.rules_dir()});
      REQUIRE_FALSE(loaded.ok());
      CHECK(loaded.status().message().find("t.rules:") != std::string::npos);
    }
  }
  CHECK(dirs.Stamps() == 1);
}

TEST_CASE("stamp: no usable cache dir means checking every time, silently") {
  StampDirs dirs;
  dirs.Write(kGood);
  ::setenv("RELATA_CACHE_DIR", "/proc/relata-no-such-dir", 1);
  CHECK(RuleSet::Load({dirs.rules_dir()}).ok());
  CHECK(RuleSet::Load({dirs.rules_dir()}).ok());
  CHECK_FALSE(internal::HasRuleStamp(internal::RuleStampPath({{dirs.rule_file(), kGood}}, LoadOptions())));
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::rules
