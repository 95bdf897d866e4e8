// The compiled image: what is mapped answers exactly as what was built; a
// changed source, a truncated, damaged or foreign file is rebuilt (with a
// warning when damaged), never served stale and never a crash.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "gazetteer/gazetteer.h"
#include "gazetteer/image.h"
#include "test_util.h"

namespace relata::gazetteer {
namespace {
namespace fs = std::filesystem;

const char kTsv[] =
    "company:samsung-electronics\tcompany\t삼성전자\tSamsung Electronics|Samsung Electronics Co.\tticker=KRX:005930\n"
    "company:samsung-group\tcompany\t삼성\tSamsung\tpriority=2\n"
    "company:meta\tcompany\t메타\tMeta|Meta Platforms|페이스북\theadquarters=place:menlo-park\n"
    "place:india\tplace\t인도\tIndia\tcontext=뉴델리|총리|India\n"
    "person:lee-jae-yong\tperson\t이재용\tLee Jae-yong|Jay Y. Lee\ttitle=회장|chairman;organization=company:samsung-electronics\n";

const char kText[] =
    "이재용 회장은 삼성전자와 메타가 인도 총리를 만났다고 밝혔다. Meta's Samsung Electronics Co. 메타버스 인도하는";

struct Dir {
  std::string path;
  Dir() {
    char tmpl[] = "/tmp/relata_image_test_XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~Dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string Write(const std::string& name, const std::string& content) const {
    std::ofstream(path + "/" + name, std::ios::binary) << content;
    return path + "/" + name;
  }
};

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// `bytes` (an image) with its header changed by `edit` and hashed again, as a
// relata that wrote it that way would have.
template <typename Edit>
std::string WithHeader(std::string bytes, Edit edit) {
  image::Header h;
  std::memcpy(&h, bytes.data(), sizeof(h));
  edit(&h);
  h.header_hash = image::HeaderHash(h);
  std::memcpy(bytes.data(), &h, sizeof(h));
  return bytes;
}

std::vector<std::string> Render(const Gazetteer& g) {
  const std::string folded = testing::Folder().NormalizeString(kText);
  std::vector<GazetteerMatch> matches;
  g.Match(folded, testing::Particles(), &matches);
  std::vector<std::string> out;
  for (const GazetteerMatch& m : matches) {
    out.push_back(std::string(g.entry(m.entry).id()) + "|" + folded.substr(m.begin, m.end - m.begin) + "|" +
                  std::to_string(m.particle_end));
  }
  return out;
}

TEST_SUITE("gazetteer") {

TEST_CASE("a mapped image answers exactly as the gazetteer it was built from") {
  Dir dir;
  const std::string src = dir.Write("g.tsv", kTsv);
  const Gazetteer built = testing::BuildTsv(kTsv);
  const std::string img = dir.path + "/g.img";
  REQUIRE(CompileImage({src}, testing::Folder(), img, nullptr).ok());
  StatusOr<Gazetteer> mapped = LoadImage(img, 0);
  REQUIRE_MESSAGE(mapped.ok(), mapped.status().message());
  CHECK(mapped->size() == built.size());
  CHECK(Render(*mapped) == Render(built));
  CHECK(Render(built).size() > 5);
  for (uint32_t i = 0; i < built.size(); ++i) {
    CHECK(mapped->Find(built.entry(i).id()) == i);
    const Entry a = built.entry(i).ToEntry();
    const Entry b = mapped->entry(i).ToEntry();
    CHECK(a.id == b.id);
    CHECK(a.aliases == b.aliases);
    CHECK(a.attributes == b.attributes);
    CHECK(a.priority == b.priority);
    CHECK(b.origin == src + ":" + std::to_string(i + 1));
  }
  CHECK(mapped->Find("no:such-id") == -1);
  CHECK(mapped->Lookup("meta platforms") == built.Lookup("meta platforms"));
  const int64_t india = mapped->Find("place:india");
  REQUIRE(india >= 0);
  CHECK(mapped->HasContext(static_cast<uint32_t>(india)));
  CHECK(mapped->ContextSatisfied(static_cast<uint32_t>(india), "인도 총리"));
  CHECK_FALSE(mapped->ContextSatisfied(static_cast<uint32_t>(india), "인도"));
  CHECK(mapped->Stats().by_type == built.Stats().by_type);
}

TEST_CASE("an image streamed to its file holds exactly the bytes of the one built in memory") {
  Dir dir;
  const std::string src = dir.Write("g.tsv", kTsv);
  GazetteerBuilder in_memory, to_file;
  REQUIRE(in_memory.AddFile(src).ok());
  REQUIRE(to_file.AddFile(src).ok());
  // A file with an error in between adds nothing, and its ids stay free.
  CHECK(!to_file.AddText("person:x\tperson\tX\nperson:x\tperson\tY\n", "bad.tsv", false).ok());
  CHECK(to_file.size() == 5);
  StatusOr<Gazetteer> built = in_memory.Build(testing::Folder(), 42, "sources\n");
  REQUIRE(built.ok());
  const std::string path = dir.path + "/g.img";
  REQUIRE(to_file.BuildToFile(testing::Folder(), 42, "sources\n", path).ok());
  CHECK(to_file.size() == 0);  // consumed
  const std::string bytes = ReadBytes(path);
  CHECK(bytes == std::string(built->image_bytes()));
  StatusOr<Gazetteer> mapped = LoadImage(path, 42);
  REQUIRE(mapped.ok());
  CHECK(Render(*mapped) == Render(*built));

  // A source error is an error, and no file is left behind.
  GazetteerBuilder empty_name;
  REQUIRE(empty_name.Add(Entry{"x:zw", "thing", "\u200B", {}, "", {}, {}, 0, ""}).ok());
  const Status st = empty_name.BuildToFile(testing::Folder(), 1, "", dir.path + "/bad.img");
  CHECK(st.code() == Status::Code::kDataError);
  CHECK(!fs::exists(dir.path + "/bad.img"));
}

TEST_CASE("an image that cannot be written is built in memory, with a warning") {
  Dir dir;
  const std::string src = dir.Write("g.tsv", kTsv);
  dir.Write("file", "not a directory");
  LoadOptions options;
  options.image_path = dir.path + "/file/g.img";  // under a regular file: cannot be created
  std::vector<std::string> warnings;
  StatusOr<Gazetteer> g = LoadOrBuild({src}, testing::Folder(), options, &warnings);
  REQUIRE(g.ok());
  CHECK(warnings.size() == 1);
  CHECK(g->size() == 5);
  CHECK(Render(*g).size() > 3);
}

TEST_CASE("LoadOrBuild maps a current image and rebuilds a stale one") {
  Dir dir;
  const std::string src = dir.Write("g.tsv", kTsv);
  LoadOptions options;
  options.image_path = dir.path + "/cache/g.img";
  std::vector<std::string> warnings;
  StatusOr<Gazetteer> first = LoadOrBuild({src}, testing::Folder(), options, &warnings);
  REQUIRE(first.ok());
  CHECK(warnings.empty());
  REQUIRE(fs::exists(options.image_path));
  const auto written = fs::last_write_time(options.image_path);

  StatusOr<Gazetteer> second = LoadOrBuild({src}, testing::Folder(), options, &warnings);
  REQUIRE(second.ok());
  CHECK(warnings.empty());
  CHECK(fs::last_write_time(options.image_path) == written);  // mapped, not rebuilt
  CHECK(Render(*second) == Render(*first));

  // A source that changes (here: one entry fewer) must never be served stale.
  std::string smaller = kTsv;
  smaller = smaller.substr(0, smaller.rfind("person:lee-jae-yong"));
  dir.Write("g.tsv", smaller);
  StatusOr<Gazetteer> third = LoadOrBuild({src}, testing::Folder(), options, &warnings);
  REQUIRE(third.ok());
  CHECK(warnings.empty());  // a stale image is rebuilt without a fuss
  CHECK(third->size() == 4);
  CHECK(third->Find("person:lee-jae-yong") == -1);
}

TEST_CASE("a truncated, damaged or foreign image is rebuilt with a warning, never a crash") {
  Dir dir;
  const std::string src = dir.Write("g.tsv", kTsv);
  LoadOptions options;
  options.image_path = dir.path + "/g.img";
  std::vector<std::string> warnings;
  REQUIRE(LoadOrBuild({src}, testing::Folder(), options, &warnings).ok());
  const std::string good = ReadBytes(options.image_path);
  const std::vector<std::string> expected = Render(testing::BuildTsv(kTsv));
  std::vector<std::string> damaged = {
      "",                                  // empty
      good.substr(0, 100),                 // shorter than the header
      good.substr(0, good.size() / 2),     // truncated body
      "not an image at all, just some text that is long enough to fill a header" + std::string(300, 'x'),
  };
  std::string flipped_header = good;
  flipped_header[20] ^= 0x5A;  // inside the header: caught by its hash
  damaged.push_back(flipped_header);
  std::string other_version = good;
  other_version[8] = 99;
  damaged.push_back(other_version);
  for (size_t k = 0; k < damaged.size(); ++k) {
    CAPTURE(k);
    dir.Write("g.img", damaged[k]);
    warnings.clear();
    StatusOr<Gazetteer> g = LoadOrBuild({src}, testing::Folder(), options, &warnings);
    REQUIRE(g.ok());
    CHECK(warnings.size() == 1);
    CHECK(Render(*g) == expected);
  }
}

TEST_CASE("an image of an older format version is rebuilt in place from the sources it names") {
  Dir dir;
  const std::string src = dir.Write("g.tsv", kTsv);
  const std::string img = dir.path + "/g.img";
  REQUIRE(CompileImage({src}, testing::Folder(), img, nullptr).ok());
  const std::string bytes = ReadBytes(img);
  // The header of a version 1 image: the same fields, nine sections (the
  // source list at the same index), the hash over that shorter table.
  dir.Write("g.img", WithHeader(bytes, [](image::Header* h) {
    REQUIRE(h->version == image::kVersion);
    h->version = 1;
    h->section_count = image::kFirstSectionCount;
    for (uint32_t k = image::kFirstSectionCount; k < image::kSectionCount; ++k) h->sections[k] = {0, 0};
  }));

  // `relata annotate --gazetteer g.img` first asks the image for its sources...
  StatusOr<std::vector<SourceStamp>> recorded = ReadImageSources(img);
  REQUIRE(recorded.ok());
  REQUIRE(recorded->size() == 1);
  CHECK((*recorded)[0].path == fs::absolute(src).lexically_normal().string());
  // ...then maps it, which fails on the version: rebuilt, with a warning.
  CHECK_FALSE(LoadImage(img, 0).ok());
  LoadOptions options;
  options.image_path = img;
  std::vector<std::string> warnings;
  StatusOr<Gazetteer> g = LoadOrBuild({(*recorded)[0].path}, testing::Folder(), options, &warnings);
  REQUIRE(g.ok());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find("version 1") != std::string::npos);
  CHECK(Render(*g) == Render(testing::BuildTsv(kTsv)));
  // The file now holds the current version, mapped without a rebuild.
  StatusOr<Gazetteer> again = LoadImage(img, 0);
  REQUIRE(again.ok());
  CHECK(Render(*again) == Render(testing::BuildTsv(kTsv)));
  warnings.clear();
  REQUIRE(LoadOrBuild({(*recorded)[0].path}, testing::Folder(), options, &warnings).ok());
  CHECK(warnings.empty());
}

TEST_CASE("an image of an unknown newer layout names no sources") {
  Dir dir;
  const std::string src = dir.Write("g.tsv", kTsv);
  const std::string img = dir.path + "/g.img";
  REQUIRE(CompileImage({src}, testing::Folder(), img, nullptr).ok());
  const std::string bytes = ReadBytes(img);
  dir.Write("g.img", WithHeader(bytes, [](image::Header* h) {
    h->section_count = image::kSectionCount + 1;  // more sections than this relata knows
  }));
  CHECK_FALSE(ReadImageSources(img).ok());
  CHECK_FALSE(LoadImage(img, 0).ok());
}

TEST_CASE("a damaged image body gives wrong answers at worst, never a read out of bounds") {
  Dir dir;
  // kTsv and enough generated names for every part of the trie: nodes wide
  // enough for the hash table (삼성 + any of 16 pieces), surfaces shared by
  // several entries (lists), long single-child chains.
  std::string tsv = kTsv;
  const char* const pieces[] = {"전자", "물산", "생명", "화재", "증권", "카드", "바이오", "중공업",
                                "엔지니어링", "SDI", "SDS", "전기", "정밀", "웰스토리", "Electronics", "Heavy"};
  for (int i = 0; i < 48; ++i) {
    const std::string name = std::string("삼성") + pieces[i % 16] + (i >= 16 ? std::string(" ") + pieces[i / 16] : "");
    tsv += "company:gen-" + std::to_string(i) + "\tcompany\t" + name + "\t" + (i % 5 == 0 ? "메타" : "") + "\n";
  }
  const std::string src = dir.Write("g.tsv", tsv);
  const std::string img = dir.path + "/g.img";
  REQUIRE(CompileImage({src}, testing::Folder(), img, nullptr).ok());
  const std::string good = ReadBytes(img);
  image::Header h;
  std::memcpy(&h, good.data(), sizeof(h));
  const std::string text =
      testing::Folder().NormalizeString(std::string(kText) + " 삼성전자 물산 삼성바이오 전자가 삼성SDI Heavy 메타와");
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    std::string bad = good;
    for (int k = 0; k < 8; ++k) {
      // A section picked first, so the small ones (the trie) are hit as often
      // as the 256 KB root table.
      const image::SectionRef& sec = h.sections[rng() % image::kSectionCount];
      if (sec.size == 0) continue;
      bad[sec.offset + rng() % sec.size] = static_cast<char>(rng());
    }
    dir.Write("bad.img", bad);
    StatusOr<Gazetteer> g = LoadImage(dir.path + "/bad.img", 0);
    REQUIRE(g.ok());  // the header is intact; the body is not checked on load
    Render(*g);
    std::vector<GazetteerMatch> matches;
    g->Match(text, testing::Particles(), &matches);
    for (const GazetteerMatch& m : matches) {
      CHECK(m.particle_end <= text.size());
      CHECK(m.entry < g->size());
    }
    for (uint32_t i = 0; i < g->size() + 2; ++i) {
      (void)g->entry(i).ToEntry();
      (void)g->Find(g->entry(i).id());
      (void)g->ContextSatisfied(i, "총리");
    }
    (void)g->Lookup("삼성전자");
    (void)g->Lookup("메타");
    (void)g->Stats();
  }
}

TEST_CASE("a compiled image whose sources are gone is used as it is") {
  Dir dir;
  const std::string src = dir.Write("g.tsv", kTsv);
  const std::string img = dir.path + "/g.img";
  REQUIRE(CompileImage({src}, testing::Folder(), img, nullptr).ok());
  StatusOr<std::vector<SourceStamp>> recorded = ReadImageSources(img);
  REQUIRE(recorded.ok());
  REQUIRE(recorded->size() == 1);
  CHECK((*recorded)[0].path == fs::absolute(src).lexically_normal().string());
  fs::remove(src);
  LoadOptions options;
  options.image_path = img;
  std::vector<std::string> warnings;
  StatusOr<Gazetteer> g = LoadOrBuild({(*recorded)[0].path}, testing::Folder(), options, &warnings);
  REQUIRE(g.ok());
  CHECK(warnings.size() == 1);
  CHECK(g->size() == 5);
}

}  // TEST_SUITE

}  // namespace
}  // namespace relata::gazetteer
