// Fuzz target: the JSONL document reader (pipeline::DocumentReader) over
// arbitrary bytes, read from an in-memory file (memfd) through its
// /proc/self/fd path, exactly as the CLI opens a file.
//
// Properties: reading never crashes and always ends; every item is either an
// error that names path:line or a document; line numbers strictly increase and
// never exceed the number of lines; the ids of the documents are unique; a
// document's decoded "text" is never longer than its line (JSON escapes only
// shrink).
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_util.h"
#include "pipeline/document_reader.h"

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
  relata::pipeline::DocumentReader::Item item;
  size_t last_line = 0;
  std::set<std::string> ids;
  while ((*reader)->Next(&item)) {
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
  return 0;
}
