// Fuzz target: the JSONL document reader (pipeline::DocumentReader) over
// arbitrary bytes, read from an in-memory file (memfd) through its
// /proc/self/fd path, exactly as the CLI opens a file.
//
// Properties: reading never crashes and always ends; every item is either an
// error that names path:line or a document; line numbers strictly increase and
// never exceed the number of lines; the ids of the documents are unique; a
// document's decoded "text" is never longer than its line (JSON escapes only
// shrink); and every item is exactly what a plain nlohmann::json reading of
// its line gives (same document fields, same error message), so the reader's
// fast path for flat lines can never disagree with the full parser.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>


#include "../pipeline/reference_jsonl_reader.h"
#include "fuzz_util.h"
#include "pipeline/document_reader.h"

namespace {

using relata::pipeline::DocumentReader;

DocumentReader::Item Expected(const std::string& path, size_t line_no, std::string_view line,
                              const std::string& default_id, std::set<std::string>* seen) {
  return relata::pipeline::testing::ReferenceJsonlItem(path, line_no, line, default_id, seen);
}

// The non-blank lines as the reader sees them: split at LF, one trailing CR
// dropped, lines of only spaces and tabs skipped.
std::vector<std::pair<size_t, std::string_view>> NonBlankLines(std::string_view data) {
  std::vector<std::pair<size_t, std::string_view>> out;
  size_t line_no = 0;
  for (size_t start = 0; start < data.size();) {
    size_t end = data.find('\n', start);
    const size_t next = end == std::string_view::npos ? data.size() : end + 1;
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(start, end - start);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) out.emplace_back(line_no, line);
    start = next;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const int fd = memfd_create("fuzz.jsonl", 0);
  FUZZ_CHECK(fd >= 0, "memfd_create failed");
  FUZZ_CHECK(ftruncate(fd, 0) == 0, "ftruncate failed");
  for (size_t done = 0; done < size;) {
    const ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    FUZZ_CHECK(n > 0, "pwrite failed");
    done += static_cast<size_t>(n);
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  size_t lines = 0;
  size_t longest = 0, current = 0;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == '\n') {
      ++lines;
      longest = std::max(longest, current);
      current = 0;
    } else {
      ++current;
    }
  }
  if (current > 0) ++lines;
  longest = std::max(longest, current);

  auto reader = relata::pipeline::DocumentReader::Open(path, relata::pipeline::InputFormat::kJsonl);
  FUZZ_CHECK(reader.ok(), "open failed: %s", reader.status().message().c_str());
  const auto expected_lines = NonBlankLines(std::string_view(reinterpret_cast<const char*>(data), size));
  std::set<std::string> expected_ids;
  size_t index = 0;
  relata::pipeline::DocumentReader::Item item;
  size_t last_line = 0;
  std::set<std::string> ids;
  while ((*reader)->Next(&item)) {
    FUZZ_CHECK(index < expected_lines.size(), "item %zu beyond the %zu non-blank lines", index, expected_lines.size());
    const auto& [line_no, line] = expected_lines[index++];
    const auto want = Expected(path, line_no, line, std::to_string(fd), &expected_ids);
    FUZZ_CHECK(item.line == want.line, "item for line %zu, wanted line %zu", item.line, want.line);
    FUZZ_CHECK(item.error == want.error, "line %zu: error '%s', plain reading gives '%s'", item.line,
               item.error.c_str(), want.error.c_str());
    if (item.error.empty()) {
      const auto& d = item.doc;
      const auto& w = want.doc;
      FUZZ_CHECK(d.bytes == w.bytes && d.id == w.id && d.lang == w.lang && d.date == w.date && d.title == w.title &&
                     d.url == w.url,
                 "line %zu: fields differ from a plain reading (id '%s' vs '%s')", item.line, d.id.c_str(),
                 w.id.c_str());
    }
    FUZZ_CHECK(item.line > last_line && item.line <= lines, "line %zu after %zu (of %zu lines)", item.line,
               last_line, lines);
    last_line = item.line;
    if (!item.error.empty()) {
      const std::string where = path + ":" + std::to_string(item.line) + ": ";
      FUZZ_CHECK(item.error.rfind(where, 0) == 0, "error does not name %s: %s", where.c_str(), item.error.c_str());
      continue;
    }
    FUZZ_CHECK(ids.insert(item.doc.id).second, "duplicate id '%s' passed as a document", item.doc.id.c_str());
    FUZZ_CHECK(item.doc.bytes.size() <= longest, "text longer than its line");
  }
  FUZZ_CHECK(index == expected_lines.size(), "%zu items for %zu non-blank lines", index, expected_lines.size());
  return 0;
}
