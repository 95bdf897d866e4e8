#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "gazetteer/gazetteer.h"
#include "test_util.h"

namespace relata::gazetteer {
namespace {

bool StartsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }
bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

StatusOr<Gazetteer> BuildFrom(std::string_view content, bool jsonl, const std::string& name) {
  GazetteerBuilder builder;
  RELATA_RETURN_IF_ERROR(builder.AddText(content, name, jsonl));
  return builder.Build(testing::Folder());
}

// A file in a fresh temporary directory, removed with the directory.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& content) {
    dir_ = std::filesystem::temp_directory_path() /
           ("relata_gaz_test_" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / name).string();
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::filesystem::path dir_;
  std::string path_;
};

TEST_SUITE("gazetteer") {

TEST_CASE("TSV rows give id, lowercase type, name, aliases, attributes and priority") {
  auto g = BuildFrom(
      "# a comment line\n"
      "id\ttype\tname\taliases\tattributes\n"
      "\n"
      "person:lee-jae-yong\tPerson\t이재용\tJay Y. Lee | 이 회장 |\ttitle=회장; organization=company:samsung-electronics;"
      "priority=5\textra column\n"
      "place:seoul\tplace\t서울\r\n",
      false, "people.tsv");
  REQUIRE_MESSAGE(g.ok(), g.status().message());
  REQUIRE(g->size() == 2);
  const Entry lee = g->entry(0).ToEntry();
  CHECK(lee.id == "person:lee-jae-yong");
  CHECK(lee.type == "person");
  CHECK(lee.name == "이재용");
  CHECK(lee.aliases == std::vector<std::string>{"Jay Y. Lee", "이 회장"});
  CHECK(lee.attributes.at("title") == "회장");
  CHECK(lee.attributes.at("organization") == "company:samsung-electronics");
  CHECK(lee.attributes.count("priority") == 0);
  CHECK(lee.priority == 5);
  CHECK(lee.origin == "people.tsv:4");
  const Entry seoul = g->entry(1).ToEntry();
  CHECK(seoul.name == "서울");  // the CR of a CRLF line end is not part of the name
  CHECK(seoul.aliases.empty());
  CHECK(g->Lookup("jay y. lee") == std::vector<uint32_t>{0});
}

TEST_CASE("JSONL lines give every field and unknown fields are ignored") {
  auto g = BuildFrom(
      R"({"id":"company:samsung-electronics","type":"Company","name":"삼성전자","aliases":["Samsung Electronics","삼성"],)"
      R"("lang":"ko","external_ids":{"wikidata":"Q20718","krx":5930},"attributes":{"parent":"org:samsung-group",)"
      R"("listed":true},"priority":3,"comment":"ignored","extra":{"nested":[1,2]}})"
      "\n\n"
      R"({"id":"place:seoul","type":"place","name":"서울"})"
      "\n",
      true, "companies.jsonl");
  REQUIRE_MESSAGE(g.ok(), g.status().message());
  REQUIRE(g->size() == 2);
  const Entry e = g->entry(0).ToEntry();
  CHECK(e.type == "company");
  CHECK(e.aliases.size() == 2);
  CHECK(e.lang == "ko");
  CHECK(e.external_ids.at("wikidata") == "Q20718");
  CHECK(e.external_ids.at("krx") == "5930");
  CHECK(e.attributes.at("parent") == "org:samsung-group");
  CHECK(e.attributes.at("listed") == "true");
  CHECK(e.priority == 3);
  CHECK(e.origin == "companies.jsonl:1");
  CHECK(g->entry(1).origin() == "companies.jsonl:3");
  CHECK(g->Find("place:seoul") == 1);
  CHECK(testing::MatchText(*g, "Samsung Electronics는").size() == 1);
}

TEST_CASE("a broken JSON line is an error naming file and line") {
  auto g = BuildFrom("{\"id\":\"a:b\",\"type\":\"x\",\"name\":\"B\"}\n{\"id\": \"a:c\", \"type\":\n", true, "broken.jsonl");
  REQUIRE_FALSE(g.ok());
  CHECK(g.status().code() == Status::Code::kDataError);
  CHECK(StartsWith(g.status().message(), "broken.jsonl:2: invalid JSON"));
}

TEST_CASE("JSONL fields of the wrong type are errors, not exceptions") {
  struct Case {
    const char* line;
    const char* expect;
  };
  const Case cases[] = {
      {R"([1,2])", "expected a JSON object"},
      {R"({"type":"x","name":"B"})", "missing field 'id'"},
      {R"({"id":"a:b","type":"x"})", "missing field 'name'"},
      {R"({"id":7,"type":"x","name":"B"})", "'id' must be a string"},
      {R"({"id":"a:b","type":"x","name":"B","aliases":"C"})", "'aliases' must be an array"},
      {R"({"id":"a:b","type":"x","name":"B","aliases":[1]})", "'aliases' must be an array"},
      {R"({"id":"a:b","type":"x","name":"B","attributes":{"k":[1]}})", "'attributes.k'"},
      {R"({"id":"a:b","type":"x","name":"B","priority":"high"})", "'priority' must be an integer"},
      {R"({"id":"a:b","type":"x","name":"B","priority":1.5})", "'priority' must be an integer"},
      {R"({"id":"a:b","type":"x","name":"B","priority":99999999999})", "'priority' is out of range"},
      {R"({"id":"a:b","type":"x","name":""})", "empty name"},
      {R"({"id":"a b","type":"x","name":"B"})", "contains white space"},
      {"{\"id\":\"a:b\",\"type\":\"x\",\"name\":\"\xFF\"}", "invalid"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    auto g = BuildFrom(std::string(c.line) + "\n", true, "bad.jsonl");
    REQUIRE_FALSE(g.ok());
    CHECK(StartsWith(g.status().message(), "bad.jsonl:1: "));
    CHECK(Contains(g.status().message(), c.expect));
  }
}

TEST_CASE("a TSV line with a missing column is an error naming file and line") {
  auto g = BuildFrom("company:meta\tcompany\tMeta\n\ncompany:tsmc\tcompany\n", false, "companies.tsv");
  REQUIRE_FALSE(g.ok());
  CHECK(g.status().code() == Status::Code::kDataError);
  CHECK(StartsWith(g.status().message(), "companies.tsv:3: "));
  CHECK(Contains(g.status().message(), "3 tab-separated columns"));
}

TEST_CASE("an empty name, id or type is an error naming file and line") {
  auto name = BuildFrom("company:meta\tcompany\t  \n", false, "e.tsv");
  REQUIRE_FALSE(name.ok());
  CHECK(StartsWith(name.status().message(), "e.tsv:1: empty name"));
  auto id = BuildFrom("\tcompany\tMeta\n", false, "e.tsv");
  REQUIRE_FALSE(id.ok());
  CHECK(StartsWith(id.status().message(), "e.tsv:1: empty id"));
  auto type = BuildFrom("company:meta\t\tMeta\n", false, "e.tsv");
  REQUIRE_FALSE(type.ok());
  CHECK(StartsWith(type.status().message(), "e.tsv:1: empty type"));
}

TEST_CASE("a malformed attribute is an error naming file and line") {
  auto g = BuildFrom("company:meta\tcompany\tMeta\t\tparent\n", false, "a.tsv");
  REQUIRE_FALSE(g.ok());
  CHECK(StartsWith(g.status().message(), "a.tsv:1: attribute 'parent' is not key=value"));
  auto twice = BuildFrom("company:meta\tcompany\tMeta\t\tk=1;k=2\n", false, "a.tsv");
  REQUIRE_FALSE(twice.ok());
  CHECK(Contains(twice.status().message(), "given twice"));
  auto priority = BuildFrom("company:meta\tcompany\tMeta\t\tpriority=high\n", false, "a.tsv");
  REQUIRE_FALSE(priority.ok());
  CHECK(Contains(priority.status().message(), "priority 'high'"));
}

TEST_CASE("a duplicate id is an error naming both places, within and across files") {
  GazetteerBuilder within;
  Status st = within.AddText("company:meta\tcompany\tMeta\n# x\ncompany:meta\tcompany\t메타\n", "a.tsv", false);
  REQUIRE_FALSE(st.ok());
  CHECK(StartsWith(st.message(), "a.tsv:3: duplicate id 'company:meta'"));
  CHECK(Contains(st.message(), "a.tsv:1"));

  GazetteerBuilder across;
  REQUIRE(across.AddText("company:meta\tcompany\tMeta\n", "a.tsv", false).ok());
  st = across.AddText(R"({"id":"company:meta","type":"company","name":"메타"})", "b.jsonl", true);
  REQUIRE_FALSE(st.ok());
  CHECK(StartsWith(st.message(), "b.jsonl:1: duplicate id 'company:meta'"));
  CHECK(Contains(st.message(), "first defined at a.tsv:1"));
}

TEST_CASE("a file with an error adds none of its entries") {
  GazetteerBuilder builder;
  REQUIRE(builder.AddText("company:meta\tcompany\tMeta\n", "a.tsv", false).ok());
  Status st = builder.AddText("company:tsmc\tcompany\tTSMC\ncompany:meta\tcompany\t메타\n", "b.tsv", false);
  REQUIRE_FALSE(st.ok());
  // company:tsmc was rolled back, so adding it again is no duplicate.
  REQUIRE(builder.AddText("company:tsmc\tcompany\tTSMC\n", "c.tsv", false).ok());
  auto g = builder.Build(testing::Folder());
  REQUIRE(g.ok());
  CHECK(g->size() == 2);
  CHECK(g->entry(static_cast<uint32_t>(g->Find("company:tsmc"))).origin() == "c.tsv:1");
}

TEST_CASE("a name that normalizes to nothing is an error") {
  auto g = BuildFrom("company:ghost\tcompany\t\u200B\u200B\n", false, "z.tsv");
  REQUIRE_FALSE(g.ok());
  CHECK(StartsWith(g.status().message(), "z.tsv:1: "));
  CHECK(Contains(g.status().message(), "empty after normalization"));
}

TEST_CASE("invalid UTF-8 in a TSV line is an error naming file and line") {
  auto g = BuildFrom("company:meta\tcompany\tMe\xC3\x28ta\n", false, "u.tsv");
  REQUIRE_FALSE(g.ok());
  CHECK(StartsWith(g.status().message(), "u.tsv:1: invalid UTF-8"));
}

TEST_CASE("AddFile picks the format by extension and reports unreadable files") {
  TempFile tsv("places.tsv", "\xEF\xBB\xBFplace:seoul\tplace\t서울\tSeoul\n");
  TempFile jsonl("companies.jsonl", R"({"id":"company:meta","type":"company","name":"Meta","aliases":["메타"]})"
                                    "\n");
  TempFile other("list.csv", "place:seoul,place,서울\n");
  GazetteerBuilder builder;
  REQUIRE(builder.AddFile(tsv.path()).ok());
  REQUIRE(builder.AddFile(jsonl.path()).ok());
  CHECK(builder.AddFile(other.path()).code() == Status::Code::kInvalidArgument);
  CHECK(builder.AddFile("/nonexistent/x.tsv").code() == Status::Code::kIoError);
  auto g = builder.Build(testing::Folder());
  REQUIRE(g.ok());
  CHECK(g->size() == 2);
  CHECK(g->entry(0).origin() == tsv.path() + ":1");
  CHECK(testing::MatchText(*g, "메타가 서울에서").size() == 2);
}

TEST_CASE("entries added in code are validated and type is lowercased") {
  GazetteerBuilder builder;
  Entry e;
  e.id = "org:nis";
  e.type = "Organization";
  e.name = "국가정보원";
  e.aliases = {"국정원"};
  REQUIRE(builder.Add(e).ok());
  Status dup = builder.Add(e);
  REQUIRE_FALSE(dup.ok());
  CHECK(Contains(dup.message(), "duplicate id 'org:nis'"));
  Entry no_name;
  no_name.id = "org:x";
  no_name.type = "organization";
  CHECK_FALSE(builder.Add(no_name).ok());
  auto g = builder.Build(testing::Folder());
  REQUIRE(g.ok());
  CHECK(g->entry(0).type() == "organization");
  CHECK(testing::MatchText(*g, "국정원은") ==
        std::vector<testing::Found>{{"org:nis", "국정원", "은"}});
}

TEST_CASE("the builder can build twice and surfaces are trimmed and space-collapsed") {
  GazetteerBuilder builder;
  Entry e;
  e.id = "company:sk-hynix";
  e.type = "company";
  e.name = "SK   Hynix";
  e.aliases = {" SK하이닉스 "};
  REQUIRE(builder.Add(e).ok());
  auto first = builder.Build(testing::Folder());
  auto second = builder.Build(testing::Folder());
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(second->Lookup("sk hynix") == std::vector<uint32_t>{0});
  CHECK(first->Lookup("sk하이닉스") == std::vector<uint32_t>{0});
  CHECK(testing::MatchText(*first, "SK Hynix와 SK하이닉스가").size() == 2);
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::gazetteer
