// Batch annotation: every document of every input through one Pipeline, the
// graphs written to an OutputSink in input order, failures reported (stderr and
// an error record in the output) without stopping the batch. Documents may be
// annotated on several threads (BatchOptions::threads); a Pipeline is immutable
// and shared, and the output is byte-identical to a single-threaded run.
#ifndef RELATA_PIPELINE_BATCH_H_
#define RELATA_PIPELINE_BATCH_H_

#include <cstdio>
#include <string>
#include <vector>

#include "pipeline/document_reader.h"
#include "pipeline/output_sink.h"
#include "pipeline/pipeline.h"

namespace relata::pipeline {

struct BatchOptions {
  std::vector<std::string> inputs;  // paths; "-" is stdin; empty means stdin
  std::string input_format;         // "text", "jsonl", or "" to guess by extension
  std::string format;               // "json", "jsonl", or "" for the default (see relata annotate --help)
  bool compact = false;
  // Documents annotated at once. 1: one after another on the calling thread.
  // N > 1: N worker threads annotate and serialize while the calling thread
  // reads ahead and writes; output, diagnostics and error records stay in input
  // order, and at most kWindowPerThread * N documents are in flight, so memory
  // is bounded whatever the input size.
  int threads = 1;
};

constexpr size_t kWindowPerThread = 8;

struct BatchResult {
  size_t documents = 0;  // annotated
  size_t failed = 0;     // reported as errors
  bool broken_pipe = false;
  Status output_status;  // non-OK when writing failed
};

// `diagnostics` receives one line per failed document or warning.
BatchResult AnnotateBatch(const Pipeline& pipeline, const BatchOptions& options, OutputSink* sink,
                          std::FILE* diagnostics);

}  // namespace relata::pipeline

#endif  // RELATA_PIPELINE_BATCH_H_
