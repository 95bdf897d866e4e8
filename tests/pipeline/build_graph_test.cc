// BuildGraph from a spent analysis (Analysis&&, what Annotate uses) moves the
// mentions' attributes, particles and alternatives into the graph; it must
// write exactly what BuildGraph from a kept analysis (const&) writes.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "graph/json_writer.h"
#include "pipeline/pipeline.h"

namespace relata::pipeline {
namespace {
namespace fs = std::filesystem;

std::string ReadSample(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_SUITE("pipeline") {
TEST_CASE("a graph built from a spent analysis is byte-identical to one built from a kept analysis") {
  StatusOr<Pipeline> p = Pipeline::Create(PipelineOptions());
  REQUIRE_MESSAGE(p.ok(), p.status().message());
  std::vector<fs::path> inputs;
  for (const auto& e : fs::directory_iterator(fs::path(RELATA_SOURCE_DIR) / "samples")) {
    if (e.path().extension() == ".txt") inputs.push_back(e.path());
  }
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(inputs.size() >= 5);
  for (const fs::path& in : inputs) {
    CAPTURE(in.string());
    Document doc;
    doc.id = in.stem().string();
    doc.bytes = ReadSample(in);
    StatusOr<Analysis> kept = p->Analyze(doc);
    REQUIRE(kept.ok());
    // The samples have mentions with attributes, particles and alternatives,
    // the parts that are moved.
    bool attributes = false, particles = false, alternatives = false;
    for (const Mention& m : kept->mentions) {
      attributes = attributes || !m.candidate.attributes.empty();
      particles = particles || !m.candidate.particle.empty();
      alternatives = alternatives || !m.alternatives.empty();
    }
    Analysis spent = *kept;
    const graph::FactGraph from_kept = p->BuildGraph(doc, *kept);
    const graph::FactGraph from_spent = p->BuildGraph(doc, std::move(spent));
    for (bool pretty : {false, true}) {
      std::string a, b;
      graph::AppendGraphJson(from_kept, pretty, &a);
      graph::AppendGraphJson(from_spent, pretty, &b);
      CHECK(a == b);
    }
    if (in.stem().string().rfind("ko_", 0) == 0) CHECK(particles);
    CHECK(attributes);
    CHECK(alternatives);
  }
}
}

}  // namespace
}  // namespace relata::pipeline
