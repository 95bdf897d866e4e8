// Validates writer output against docs/graph.schema.json by running
// tests/graph/validate_schema.py (python3 + jsonschema), the same script CI
// runs on golden files.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "graph/json_writer.h"
#include "graph_fixtures.h"

namespace relata::graph {
namespace {

namespace fs = std::filesystem;

const char kPython[] = "/usr/bin/python3";

bool JsonschemaAvailable() {
  const std::string cmd = std::string(kPython) + " -c 'import jsonschema' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

// A file in the temp directory, removed when the test ends.
class TempFile {
 public:
  TempFile(const std::string& suffix, const std::string& content) {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("relata_graph_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + suffix);
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

// Exit status of validate_schema.py on `args` (0 = every record valid).
int Validate(const std::string& args) {
  const std::string cmd = std::string(kPython) + " " + RELATA_SOURCE_DIR + "/tests/graph/validate_schema.py " + args;
  return std::system(cmd.c_str());
}

std::string Compact(const FactGraph& g) {
  std::string out;
  AppendGraphJson(g, false, &out);
  return out;
}

// The rich graph's compact JSON with `from` replaced by `to` (must occur).
std::string Broken(const std::string& from, const std::string& to) {
  std::string text = Compact(testing::RichGraph());
  const size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "fixture lacks " << from);
  return text.replace(at, from.size(), to);
}

TEST_SUITE("graph") {
  TEST_CASE("Rich writer output in every form validates against docs/graph.schema.json") {
    if (!JsonschemaAvailable()) {
      MESSAGE("SKIPPED: python3 module jsonschema is not importable (apt-get install python3-jsonschema)");
      return;
    }
    const FactGraph g = testing::RichGraph();
    std::string pretty;
    AppendGraphJson(g, true, &pretty);
    TempFile pretty_file(".json", pretty);
    CHECK(Validate(pretty_file.path()) == 0);

    // JSONL: one record per line, error records mixed in.
    std::string jsonl = Compact(g) + "\n";
    AppendErrorJson("doc-2", 2, "not valid UTF-8", &jsonl);
    jsonl += "\n" + Compact(FactGraph("empty-doc")) + "\n";
    TempFile jsonl_file(".jsonl", jsonl);
    CHECK(Validate(jsonl_file.path()) == 0);

    // The multi-document wrapper: the same records as the JSONL lines.
    std::string wrapper = "{\"graphs\":[" + Compact(g) + ",";
    AppendErrorJson("doc-2", 0, "empty document", &wrapper);
    wrapper += "]}";
    TempFile wrapper_file(".json", wrapper);
    CHECK(Validate(wrapper_file.path()) == 0);
  }

  TEST_CASE("Deliberately broken records are rejected by the schema") {
    if (!JsonschemaAvailable()) {
      MESSAGE("SKIPPED: python3 module jsonschema is not importable (apt-get install python3-jsonschema)");
      return;
    }
    struct Case {
      const char* what;
      std::string text;
    };
    const Case cases[] = {
        {"negative offset", Broken("\"start\":5,", "\"start\":-5,")},
        {"offset as a string", Broken("\"byte_end\":22,", "\"byte_end\":\"22\",")},
        {"missing mention field", Broken("\"utf16_end\":8,", "")},
        {"unknown mention field", Broken("\"text\":\"이재용\",", "\"text\":\"이재용\",\"score\":1,")},
        {"unknown evidence field", Broken("\"inferred\":false", "\"inferred\":false,\"note\":\"x\"")},
        {"confidence above 1", Broken("\"confidence\":0.75", "\"confidence\":1.5")},
        {"malformed edge id", Broken("\"id\":\"e", "\"id\":\"E")},
        {"graph type not relata", Broken("\"type\":\"relata\"", "\"type\":\"other\"")},
        {"non-string metadata value", Broken("\"lang\":\"ko\"", "\"lang\":7")},
        {"error without message", "{\"error\":{\"doc\":\"d\",\"line\":1}}"},
        {"not JSON at all", "{\"graph\": "},
    };
    for (const Case& c : cases) {
      CAPTURE(c.what);
      TempFile file(".json", c.text);
      CHECK(Validate(file.path() + " 2>/dev/null") != 0);
    }
    // One bad line makes a JSONL file fail.
    TempFile jsonl(".jsonl", Compact(testing::RichGraph()) + "\n{\"graphs\":[{\"nodes\":{}}]}\n");
    CHECK(Validate(jsonl.path() + " 2>/dev/null") != 0);
  }

  TEST_CASE("Golden files and sample expected outputs, if any, conform to the schema") {
    if (!JsonschemaAvailable()) {
      MESSAGE("SKIPPED: python3 module jsonschema is not importable (apt-get install python3-jsonschema)");
      return;
    }
    // With no file arguments the script checks tests/golden/ and samples/*.expected.json.
    CHECK(Validate("--golden") == 0);
  }
}

}  // namespace
}  // namespace relata::graph
