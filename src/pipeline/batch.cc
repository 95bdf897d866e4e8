#include "pipeline/batch.h"

#include "graph/json_writer.h"

namespace relata::pipeline {

BatchResult AnnotateBatch(const Pipeline& pipeline, const BatchOptions& options, OutputSink* sink,
                          std::FILE* diagnostics) {
  BatchResult result;
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  std::vector<InputFormat> formats;
  bool any_jsonl = false;
  for (const std::string& in : inputs) {
    InputFormat f = options.input_format == "jsonl"  ? InputFormat::kJsonl
                    : options.input_format == "text" ? InputFormat::kText
                    : in == "-"                      ? InputFormat::kText
                                                     : GuessInputFormat(in);
    any_jsonl = any_jsonl || f == InputFormat::kJsonl;
    formats.push_back(f);
  }
  const bool jsonl = options.format.empty() ? any_jsonl : options.format == "jsonl";
  // A single plain-text document is the one case that gets {"graph": ...}.
  const bool single = !jsonl && inputs.size() == 1 && !any_jsonl;
  const bool pretty = !jsonl && !options.compact;

  std::string buf;
  bool first = true;
  auto emit = [&](const std::string& chunk) -> bool {
    if (!result.output_status.ok()) return false;
    Status s = sink->Write(chunk);
    if (!s.ok()) {
      result.output_status = s;
      result.broken_pipe = sink->broken_pipe();
      return false;
    }
    return true;
  };
  auto emit_record = [&](const std::string& record) -> bool {
    if (jsonl) return emit(record + "\n");
    if (single) return emit(record + "\n");
    std::string chunk = first ? "" : ",\n";
    first = false;
    return emit(chunk + record);
  };
  auto report = [&](const std::string& doc, size_t line, const std::string& message) {
    ++result.failed;
    std::fprintf(diagnostics, "relata: %s\n", message.c_str());
    buf.clear();
    graph::AppendErrorJson(doc, line, message, &buf);
    return emit_record(buf);
  };

  if (!single && !jsonl && !emit("{\"graphs\": [\n")) return result;
  for (size_t k = 0; k < inputs.size(); ++k) {
    StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(inputs[k], formats[k]);
    if (!reader.ok()) {
      if (!report("", 0, reader.status().message())) return result;
      continue;
    }
    DocumentReader::Item item;
    while ((*reader)->Next(&item)) {
      if (!item.error.empty()) {
        if (!report(item.doc.id, item.line, item.error)) return result;
        continue;
      }
      StatusOr<graph::FactGraph> g = pipeline.Annotate(item.doc);
      if (!g.ok()) {
        std::string where = inputs[k] == "-" ? "stdin" : inputs[k];
        if (item.line > 0) where += ":" + std::to_string(item.line);
        if (!report(item.doc.id, item.line, where + ": " + g.status().message())) return result;
        continue;
      }
      for (const std::string& w : g->warnings()) {
        std::fprintf(diagnostics, "relata: warning: %s: %s\n", item.doc.id.c_str(), w.c_str());
      }
      buf.clear();
      graph::AppendGraphJson(*g, pretty, &buf);
      ++result.documents;
      if (!emit_record(buf)) return result;
    }
  }
  if (!single && !jsonl && !emit("\n]}\n")) return result;
  return result;
}

}  // namespace relata::pipeline
