#include "base/files.h"

#include <doctest/doctest.h>

#include <fstream>

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
}

}  // namespace
}  // namespace relata
