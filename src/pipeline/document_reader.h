// DocumentReader: the documents of one input — a plain text file (one
// document), or JSONL (one document per line: {"id","text"} plus optional
// "lang", "date", "title", "url"). Reading streams: one JSONL line is held at a
// time, so memory does not grow with the number of documents.
//
// A bad JSONL line (not JSON, not an object, no "text", a non-string field, an
// id seen before) does not stop the batch: Next() returns it as an item with
// an error naming the line, and the caller reports it and goes on.
//
// For JSONL, offsets in the output point into the decoded "text" string.
#ifndef RELATA_PIPELINE_DOCUMENT_READER_H_
#define RELATA_PIPELINE_DOCUMENT_READER_H_

#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "base/status.h"
#include "pipeline/pipeline.h"

namespace relata::pipeline {

enum class InputFormat { kText, kJsonl };

// kJsonl for *.jsonl and *.ndjson paths, else kText.
InputFormat GuessInputFormat(const std::string& path);

class DocumentReader {
 public:
  struct Item {
    Document doc;        // valid when error is empty
    size_t line = 0;     // 1-based JSONL line; 0 for a text file
    std::string error;   // non-empty: this item could not be read
  };

  // `path` is a file name or "-" for standard input. A directory, a missing or
  // unreadable file is an error naming the path.
  static StatusOr<std::unique_ptr<DocumentReader>> Open(const std::string& path, InputFormat format);
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;  // owns the FILE and the line buffer
  DocumentReader& operator=(const DocumentReader&) = delete;

  // Reads the next item; false at the end of input. A read error of the
  // stream itself ends the input with an item carrying the error.
  bool Next(Item* item);

  const std::string& path() const { return path_; }

 private:
  DocumentReader() = default;
  bool NextJsonl(Item* item);
  bool NextJsonlFast(std::string_view line, Item* item);
  std::string path_;
  std::string default_id_;
  InputFormat format_ = InputFormat::kText;
  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  bool done_ = false;
  size_t line_ = 0;
  // getline()'s buffer, kept across lines so that reading one allocates nothing.
  char* line_buf_ = nullptr;
  size_t line_cap_ = 0;
  std::set<std::string> seen_ids_;
};

// Reads a whole stream or file into `*out`. Errors name `path`.
Status ReadAll(std::FILE* f, const std::string& path, std::string* out);

}  // namespace relata::pipeline

#endif  // RELATA_PIPELINE_DOCUMENT_READER_H_
