// Golden samples: each samples/<name>.txt annotated with the shipped resources
// must give samples/<name>.expected.json — compared as parsed JSON, so the
// comparison is about meaning, not bytes. On a difference the test prints the
// JSON Patch from expected to actual. RELATA_UPDATE_GOLDEN=1 rewrites the
// expected files (read the diff before committing them).
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "graph/json_writer.h"
#include "pipeline/pipeline.h"

namespace relata::pipeline {
namespace {
namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_SUITE("pipeline") {
TEST_CASE("every sample gives its expected graph") {
  StatusOr<Pipeline> p = Pipeline::Create(PipelineOptions());
  REQUIRE_MESSAGE(p.ok(), p.status().message());
  const fs::path samples = fs::path(RELATA_SOURCE_DIR) / "samples";
  std::vector<fs::path> inputs;
  for (const auto& e : fs::directory_iterator(samples)) {
    if (e.path().extension() == ".txt") inputs.push_back(e.path());
  }
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(inputs.size() >= 5);
  const bool update = std::getenv("RELATA_UPDATE_GOLDEN") != nullptr;
  for (const fs::path& in : inputs) {
    CAPTURE(in.string());
    Document doc;
    doc.id = in.stem().string();
    doc.bytes = ReadFile(in);
    StatusOr<graph::FactGraph> g = p->Annotate(doc);
    REQUIRE_MESSAGE(g.ok(), g.status().message());
    std::string out;
    graph::AppendGraphJson(*g, true, &out);
    const fs::path expected_path = in.parent_path() / (in.stem().string() + ".expected.json");
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << out << "\n";
      continue;
    }
    REQUIRE_MESSAGE(fs::exists(expected_path), ("missing " + expected_path.string()));
    nlohmann::json expected = nlohmann::json::parse(ReadFile(expected_path));
    nlohmann::json actual = nlohmann::json::parse(out);
    // The version changes with every release; the contract is the rest.
    expected["graph"]["metadata"].erase("relata_version");
    actual["graph"]["metadata"].erase("relata_version");
    const nlohmann::json patch = nlohmann::json::diff(expected, actual);
    CHECK_MESSAGE(patch.empty(), ("expected → actual for " + in.filename().string() + ":\n" + patch.dump(2)));
  }
}

TEST_CASE("the same input gives byte-identical output twice") {
  StatusOr<Pipeline> p = Pipeline::Create(PipelineOptions());
  REQUIRE(p.ok());
  Document doc;
  doc.id = "twice";
  doc.bytes = ReadFile(fs::path(RELATA_SOURCE_DIR) / "samples" / "ko_qualcomm_foundry.txt");
  std::string a, b;
  graph::AppendGraphJson(p->Annotate(doc).value(), false, &a);
  graph::AppendGraphJson(p->Annotate(doc).value(), false, &b);
  CHECK(a == b);
}
}

}  // namespace
}  // namespace relata::pipeline
