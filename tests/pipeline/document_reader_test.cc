#include "pipeline/document_reader.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>


#include "reference_jsonl_reader.h"

namespace relata::pipeline {
namespace {

DocumentReader::Item Expected(const std::string& path, size_t line_no, const std::string& line,
                              const std::string& default_id, std::set<std::string>* seen) {
  return testing::ReferenceJsonlItem(path, line_no, line, default_id, seen);
}

}  // namespace

TEST_SUITE("pipeline") {

TEST_CASE("JSONL lines read the same as a plain nlohmann::json reading, tricky lines included") {
  // Keys and values that the reader's fast path decodes itself and ones it
  // must hand to nlohmann::json (nesting, fractions, long numbers, bad
  // escapes and surrogates, invalid UTF-8, raw control characters).
  const std::vector<std::string> keys = {"\"text\"", "\"id\"", "\"lang\"", "\"date\"", "\"title\"",
                                         "\"url\"", "\"outlet\"", "\"te\\u0078t\"", "\"\""};
  const std::vector<std::string> values = {
      "\"Samsung met Apple.\"", "\"\"", "\"a\\nb\\t\\\"q\\\" \\\\ \\/ \\b\\f\\r\"", "\"caf\\u00e9 \\u00E9\"",
      "\"\\ud83d\\ude00 smile\"", "\"\\ud83d alone\"", "\"\\udc00 trail\"", "\"\\ud83d\\u0041\"",
      "\"\xED\x95\x9C\xEA\xB8\x80\"", "\"bad \xFF byte\"", "\"over \xC0\xAF long\"", "\"raw \x01 control\"",
      "\"bad \\q escape\"", "\"\\u12\"", "\"nul \\u0000 inside\"", "\"del \x7F\"", "0", "-0", "12", "-5", "007",
      "1.5", "1e3", "123456789012345678", "12345678901234567890", "-", "true", "false", "null", "[1]",
      "{\"a\":1}", "nul", "\"unterminated"};
  const std::vector<std::string> spaces = {"", " ", "\t", "\r", "  "};
  uint32_t state = 2024;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  std::vector<std::string> lines;
  for (int round = 0; round < 3000; ++round) {
    std::string line = spaces[next() % spaces.size()] + "{";
    const size_t members = next() % 5;
    for (size_t m = 0; m < members; ++m) {
      if (m > 0) line += ",";
      line += spaces[next() % spaces.size()] + keys[next() % keys.size()] + spaces[next() % spaces.size()] + ":";
      // Mostly well-formed text members, so that many lines are documents.
      const bool plain_text = next() % 2 == 0;
      line += plain_text ? values[next() % 2] : values[next() % values.size()];
    }
    line += "}" + spaces[next() % spaces.size()];
    switch (next() % 16) {
      case 0: line += "x"; break;                                  // trailing garbage
      case 1: line = "\xEF\xBB\xBF" + line; break;                 // a byte order mark
      case 2: line = "[" + line + "]"; break;                      // not an object
      case 3: line.erase(line.size() / 2); break;                  // cut short
      default: break;
    }
    lines.push_back(line);
  }
  // A few fixed lines: the common shape, ids as numbers and repeated ids.
  lines.push_back("{\"id\": \"d1\", \"lang\": \"en\", \"text\": \"One.\"}");
  lines.push_back("{\"id\": \"d1\", \"text\": \"Again.\"}");
  lines.push_back("{\"id\": 42, \"text\": \"Forty-two.\", \"title\": null}");
  lines.push_back("{\"id\": 42, \"text\": \"Repeat.\"}");
  lines.push_back("{\"text\": \"first\", \"text\": \"second\"}");

  const std::filesystem::path path = std::filesystem::temp_directory_path() / "relata_reader_test.jsonl";
  {
    std::ofstream out(path, std::ios::binary);
    for (const std::string& l : lines) out << l << "\n";
  }
  auto reader = DocumentReader::Open(path.string(), InputFormat::kJsonl);
  REQUIRE(reader.ok());
  std::set<std::string> seen;
  size_t line_no = 0, documents = 0;
  for (const std::string& l : lines) {
    ++line_no;
    if (l.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank lines are skipped
    DocumentReader::Item got;
    REQUIRE((*reader)->Next(&got));
    std::string trimmed = l;
    if (!trimmed.empty() && trimmed.back() == '\r') trimmed.pop_back();
    const DocumentReader::Item want = Expected(path.string(), line_no, trimmed, "relata_reader_test", &seen);
    INFO("line " << line_no << ": " << l);
    CHECK(got.line == want.line);
    CHECK(got.error == want.error);
    if (want.error.empty()) {
      ++documents;
      CHECK(got.doc.id == want.doc.id);
      CHECK(got.doc.bytes == want.doc.bytes);
      CHECK(got.doc.lang == want.doc.lang);
      CHECK(got.doc.date == want.doc.date);
      CHECK(got.doc.title == want.doc.title);
      CHECK(got.doc.url == want.doc.url);
    }
  }
  DocumentReader::Item end;
  CHECK_FALSE((*reader)->Next(&end));
  CHECK(documents > 200);  // the fast path had plenty of documents to read
  std::filesystem::remove(path);
}

}  // TEST_SUITE

}  // namespace relata::pipeline
