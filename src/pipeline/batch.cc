#include "pipeline/batch.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "graph/json_writer.h"

namespace relata::pipeline {
namespace {

// What one document turns into: its record (graph or error JSON) and its
// diagnostic lines, produced on any thread and written by the calling one in
// input order.
struct Outcome {
  std::string record;
  std::vector<std::string> diagnostics;
  bool failed = false;
};

Outcome ErrorOutcome(const std::string& doc, size_t line, const std::string& message) {
  Outcome o;
  o.failed = true;
  o.diagnostics.push_back("relata: " + message + "\n");
  graph::AppendErrorJson(doc, line, message, &o.record);
  return o;
}

Outcome Annotate(const Pipeline& pipeline, const DocumentReader::Item& item, const std::string& input, bool pretty) {
  StatusOr<graph::FactGraph> g = pipeline.Annotate(item.doc);
  if (!g.ok()) {
    std::string where = input == "-" ? "stdin" : input;
    if (item.line > 0) where += ":" + std::to_string(item.line);
    return ErrorOutcome(item.doc.id, item.line, where + ": " + g.status().message());
  }
  Outcome o;
  for (const std::string& w : g->warnings()) {
    o.diagnostics.push_back("relata: warning: " + item.doc.id + ": " + w + "\n");
  }
  graph::AppendGraphJson(*g, pretty, &o.record);
  return o;
}

// A document in flight: filled by a worker, emitted by the calling thread.
struct Job {
  DocumentReader::Item item;
  const std::string* input = nullptr;
  Outcome outcome;
  bool done = false;
};

// N workers over a FIFO of jobs. The calling thread owns the order: it keeps
// the jobs in a window and writes the oldest as soon as it is done.
class WorkerPool {
 public:
  WorkerPool(const Pipeline& pipeline, bool pretty, int threads) : pipeline_(pipeline), pretty_(pretty) {
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { Run(); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      pending_.clear();
    }
    work_cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }
  void Submit(Job* job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      pending_.push_back(job);
    }
    work_cv_.notify_one();
  }
  void Wait(const Job* job) {
    std::unique_lock<std::mutex> lock(mu_);
    done_cv_.wait(lock, [job] { return job->done; });
  }

 private:
  void Run() {
    while (true) {
      Job* job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [this] { return stop_ || !pending_.empty(); });
        if (stop_) return;
        job = pending_.front();
        pending_.pop_front();
      }
      Outcome o = Annotate(pipeline_, job->item, *job->input, pretty_);
      {
        std::lock_guard<std::mutex> lock(mu_);
        job->outcome = std::move(o);
        job->done = true;
      }
      done_cv_.notify_all();
    }
  }

  const Pipeline& pipeline_;
  const bool pretty_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<Job*> pending_;
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace

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
  // The record (about ten times the article) is written as it is, not copied
  // into a new chunk with its separator.
  auto emit_record = [&](std::string& record) -> bool {
    if (jsonl || single) {
      record.push_back('\n');
      return emit(record);
    }
    const bool separated = first || emit(",\n");
    first = false;
    return separated && emit(record);
  };
  // Writes one document's diagnostics and record; false once output failed.
  auto emit_outcome = [&](Outcome& o) -> bool {
    for (const std::string& d : o.diagnostics) std::fputs(d.c_str(), diagnostics);
    if (o.failed) {
      ++result.failed;
    } else {
      ++result.documents;
    }
    return emit_record(o.record);
  };

  if (!single && !jsonl && !emit("{\"graphs\": [\n")) return result;

  const int threads = options.threads < 1 ? 1 : options.threads;
  // The window is declared before the pool so that the pool (whose workers may
  // still hold a job) is joined before the jobs are freed.
  std::deque<std::unique_ptr<Job>> window;  // oldest first
  std::unique_ptr<WorkerPool> pool;
  if (threads > 1) pool = std::make_unique<WorkerPool>(pipeline, pretty, threads);
  const size_t window_limit = pool ? kWindowPerThread * static_cast<size_t>(threads) : 1;
  auto emit_oldest = [&]() -> bool {
    Job* job = window.front().get();
    if (pool) pool->Wait(job);
    Outcome o = std::move(job->outcome);
    window.pop_front();
    return emit_outcome(o);
  };
  // Queues a job (already done, or for the workers) and writes the oldest ones
  // while the window is full. Single-threaded, every job is done on arrival.
  auto push = [&](std::unique_ptr<Job> job) -> bool {
    Job* raw = job.get();
    window.push_back(std::move(job));
    if (!raw->done) pool->Submit(raw);
    while (!window.empty() && window.size() >= window_limit) {
      if (!emit_oldest()) return false;
    }
    return true;
  };

  for (size_t k = 0; k < inputs.size(); ++k) {
    StatusOr<std::unique_ptr<DocumentReader>> reader = DocumentReader::Open(inputs[k], formats[k]);
    if (!reader.ok()) {
      auto job = std::make_unique<Job>();
      job->outcome = ErrorOutcome("", 0, reader.status().message());
      job->done = true;
      if (!push(std::move(job))) return result;
      continue;
    }
    auto job = std::make_unique<Job>();
    while ((*reader)->Next(&job->item)) {
      job->input = &inputs[k];
      if (!job->item.error.empty()) {
        job->outcome = ErrorOutcome(job->item.doc.id, job->item.line, job->item.error);
        job->done = true;
      } else if (!pool) {
        job->outcome = Annotate(pipeline, job->item, inputs[k], pretty);
        job->done = true;
      }
      if (!push(std::move(job))) return result;
      job = std::make_unique<Job>();
    }
  }
  while (!window.empty()) {
    if (!emit_oldest()) return result;
  }
  if (!single && !jsonl && !emit("\n]}\n")) return result;
  return result;
}

}  // namespace relata::pipeline
