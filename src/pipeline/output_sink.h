// OutputSink: where a graph goes — standard output, or a file that appears
// whole or not at all. A regular file is written to a temporary file beside it
// and renamed over it on Commit(); on any failure (full disk, unwritable
// directory) or when the sink is destroyed uncommitted, the temporary file is
// removed and the target is left as it was. Special files (/dev/stdout, a FIFO,
// /dev/full) are written in place.
//
// A closed pipe on standard output (relata annotate big.jsonl | head -1) is not
// an error: Write() reports it through broken_pipe() so the caller can stop
// quietly with status 0. SIGPIPE must be ignored by the program (the CLI does).
#ifndef RELATA_PIPELINE_OUTPUT_SINK_H_
#define RELATA_PIPELINE_OUTPUT_SINK_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace relata::pipeline {

class OutputSink {
 public:
  // `path` "-" is standard output.
  static StatusOr<std::unique_ptr<OutputSink>> Open(const std::string& path);
  ~OutputSink();

  Status Write(std::string_view data);
  // Flushes, closes and renames into place. Idempotent.
  Status Commit();
  bool broken_pipe() const { return broken_pipe_; }

 private:
  OutputSink() = default;
  Status Fail(const std::string& what);
  std::string path_;
  std::string temp_path_;  // empty when writing in place
  std::FILE* file_ = nullptr;
  bool owns_ = false;
  bool committed_ = false;
  bool broken_pipe_ = false;
};

}  // namespace relata::pipeline

#endif  // RELATA_PIPELINE_OUTPUT_SINK_H_
