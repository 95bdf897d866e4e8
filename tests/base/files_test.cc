#include "base/files.h"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>

namespace relata {
namespace {
namespace fs = std::filesystem;

TEST_SUITE("base") {
TEST_CASE("ListFiles walks directories in sorted order and keeps plain paths as given") {
  const fs::path dir = fs::temp_directory_path() / "relata_files_test";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  for (const char* name : {"b.rules", "a.rules", "sub/c.rules", "notes.txt"}) std::ofstream(dir / name) << "x";
  auto keep = [](const fs::path& p) { return p.extension() == ".rules"; };
  StatusOr<std::vector<std::string>> got = ListFiles({dir.string(), (dir / "notes.txt").string()}, keep);
  REQUIRE(got.ok());
  REQUIRE(got->size() == 4);
  CHECK((*got)[0] == (dir / "a.rules").string());
  CHECK((*got)[1] == (dir / "b.rules").string());
  CHECK((*got)[2] == (dir / "sub/c.rules").string());
  CHECK((*got)[3] == (dir / "notes.txt").string());  // named explicitly: kept whatever its extension
  StatusOr<std::vector<std::string>> missing = ListFiles({(dir / "nope").string()}, keep);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().message().find("nope: no such file or directory") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("TrimCache deletes the least recently written images until the rest fit, and nothing else") {
  const fs::path dir = fs::temp_directory_path() / "relata_trim_cache_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto make = [&](const std::string& name, size_t bytes, int age_seconds) {
    std::ofstream(dir / name) << std::string(bytes, 'x');
    fs::last_write_time(dir / name, fs::file_time_type::clock::now() - std::chrono::seconds(age_seconds));
  };
  make("000000000000000a.img", 100, 400);  // oldest
  make("000000000000000b.img", 100, 300);
  make("000000000000000c.img", 100, 200);
  make("000000000000000d.img", 100, 100);  // newest
  make("0000000000000001.img", 100, 500);  // the one to keep, older than all
  make("rules-abc.ok", 100, 900);          // not an image
  make("notes.img", 100, 900);             // not a cache name
  TrimCache(dir.string(), (dir / "0000000000000001.img").string(), 300);
  CHECK_FALSE(fs::exists(dir / "000000000000000a.img"));
  CHECK_FALSE(fs::exists(dir / "000000000000000b.img"));
  CHECK(fs::exists(dir / "000000000000000c.img"));
  CHECK(fs::exists(dir / "000000000000000d.img"));
  CHECK(fs::exists(dir / "0000000000000001.img"));
  CHECK(fs::exists(dir / "rules-abc.ok"));
  CHECK(fs::exists(dir / "notes.img"));
  // Under the limit: nothing goes; a missing directory is not an error.
  TrimCache(dir.string(), "", 1000);
  CHECK(fs::exists(dir / "000000000000000c.img"));
  TrimCache((dir / "nope").string(), "", 0);
  fs::remove_all(dir);
}

TEST_CASE("CacheByteLimit reads RELATA_CACHE_MAX_MB, else 2 GiB") {
  ::setenv("RELATA_CACHE_MAX_MB", "64", 1);
  CHECK(CacheByteLimit() == (uint64_t{64} << 20));
  ::setenv("RELATA_CACHE_MAX_MB", "lots", 1);
  CHECK(CacheByteLimit() == (uint64_t{2} << 30));
  ::unsetenv("RELATA_CACHE_MAX_MB");
  CHECK(CacheByteLimit() == (uint64_t{2} << 30));
}
}

}  // namespace
}  // namespace relata
