// relata's command line: parse flags, call the library, map the result to an
// exit code (see cli/flags.h). Nothing else lives here.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <thread>

#include "cli/flags.h"
#include "gazetteer/image.h"
#include "eval/evaluator.h"
#include "pipeline/batch.h"
#include "pipeline/document_reader.h"
#include "pipeline/explain.h"
#include "pipeline/output_sink.h"
#include "pipeline/pipeline.h"

namespace relata::cli {
namespace {

int Fail(int code, const std::string& message) {
  std::fprintf(stderr, "relata: %s\n", message.c_str());
  return code;
}

int RunAnnotate(const CliFlags& flags, const pipeline::Pipeline& p) {
  StatusOr<std::unique_ptr<pipeline::OutputSink>> sink = pipeline::OutputSink::Open(flags.output);
  if (!sink.ok()) return Fail(kExitOutput, sink.status().message());
  pipeline::BatchOptions options{flags.inputs, flags.input_format, flags.format, flags.compact};
  options.threads = flags.threads > 0 ? flags.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  pipeline::BatchResult r = pipeline::AnnotateBatch(p, options, sink->get(), stderr);
  if (r.broken_pipe) return kExitOk;  // the reader has all it wanted
  Status committed = r.output_status.ok() ? (*sink)->Commit() : r.output_status;
  if ((*sink)->broken_pipe()) return kExitOk;
  if (!committed.ok()) return Fail(kExitOutput, committed.message());
  if (r.failed > 0) {
    std::fprintf(stderr, "relata: %zu of %zu documents failed\n", r.failed, r.failed + r.documents);
    return kExitSomeFailed;
  }
  return kExitOk;
}

int RunExplain(const CliFlags& flags, const pipeline::Pipeline& p) {
  if (!flags.rule_id.empty() && !p.rules().HasRule(flags.rule_id)) {
    return Fail(kExitUsage, "no rule with id '" + flags.rule_id + "'");
  }
  const std::string& path = flags.inputs[0];
  pipeline::InputFormat format = flags.input_format == "jsonl"  ? pipeline::InputFormat::kJsonl
                                 : flags.input_format == "text" ? pipeline::InputFormat::kText
                                                                : pipeline::GuessInputFormat(path);
  StatusOr<std::unique_ptr<pipeline::DocumentReader>> reader = pipeline::DocumentReader::Open(path, format);
  if (!reader.ok()) return Fail(kExitSomeFailed, reader.status().message());
  int code = kExitOk;
  pipeline::DocumentReader::Item item;
  while ((*reader)->Next(&item)) {
    if (!item.error.empty()) {
      code = Fail(kExitSomeFailed, item.error);
      continue;
    }
    StatusOr<pipeline::Analysis> a = p.Analyze(item.doc);
    if (!a.ok()) {
      code = Fail(kExitSomeFailed, path + ": " + a.status().message());
      continue;
    }
    std::string text = pipeline::Explain(p, item.doc, *a, flags.rule_id);
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) return kExitOk;  // closed pipe
  }
  return code;
}

int RunTestRules(const CliFlags& flags) {
  std::vector<std::string> paths = flags.inputs;
  paths.insert(paths.end(), flags.rules.begin(), flags.rules.end());
  if (paths.empty()) paths.push_back(pipeline::DefaultDataDir() + "/rules");
  rules::LoadOptions options;
  options.compile_all_at_load = true;  // every pattern checked, not only those the examples reach
  StatusOr<rules::RuleSet> rules = rules::RuleSet::Load(paths, options);
  if (!rules.ok()) return Fail(kExitUsage, rules.status().message());
  size_t passed = 0, failed = 0;
  for (const rules::ExampleResult& r : rules->RunExamples()) {
    if (r.passed) {
      ++passed;
      if (flags.verbose) std::printf("PASS %s %s\n", r.rule_id.c_str(), r.origin.c_str());
    } else {
      ++failed;
      std::printf("FAIL %s %s: %s\n", r.rule_id.c_str(), r.origin.c_str(), r.message.c_str());
    }
  }
  std::printf("%zu passed, %zu failed\n", passed, failed);
  return failed == 0 ? kExitOk : kExitSomeFailed;
}

int RunGazetteerStats(const pipeline::Pipeline& p) {
  const gazetteer::GazetteerStats st = p.gazetteer().Stats();
  std::printf("entries\t%zu\nnames\t%zu\n", st.entries, st.surfaces);
  for (const auto& [type, n] : st.by_type) std::printf("type:%s\t%zu\n", type.c_str(), n);
  std::printf("with_context\t%zu\nplaces_with_parent\t%zu\npeople_with_position\t%zu\n", st.with_context,
              st.with_parent, st.with_position);
  return kExitOk;
}

int RunEval(const CliFlags& flags, const pipeline::Pipeline& p) {
  StatusOr<std::vector<eval::GoldDocument>> gold = eval::LoadGold(flags.inputs[0]);
  if (!gold.ok()) return Fail(kExitUsage, gold.status().message());
  const eval::EvalReport report = eval::Evaluate(p, *gold);
  const std::string text = report.ToText();
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (!flags.json_output.empty()) {
    StatusOr<std::unique_ptr<pipeline::OutputSink>> sink = pipeline::OutputSink::Open(flags.json_output);
    if (!sink.ok()) return Fail(kExitOutput, sink.status().message());
    Status s = (*sink)->Write(report.ToJson());
    if (s.ok()) s = (*sink)->Commit();
    if (!s.ok()) return Fail(kExitOutput, s.message());
  }
  return kExitOk;
}

// The gazetteer sources annotate would load, compiled into one image file.
int RunCompile(const CliFlags& flags, const pipeline::PipelineOptions& options) {
  std::vector<std::string> paths = options.gazetteer_paths;
  if (paths.empty()) paths.push_back(pipeline::DefaultDataDir() + "/gazetteers");
  paths.insert(paths.end(), options.extra_gazetteers.begin(), options.extra_gazetteers.end());
  StatusOr<std::vector<std::string>> files = gazetteer::CollectSources(paths);
  if (!files.ok()) return Fail(kExitUsage, files.status().message());
  StatusOr<text::Normalizer> folder = text::Normalizer::Create(text::NormalForm::kNfkcCasefold);
  if (!folder.ok()) return Fail(kExitUsage, folder.status().message());
  gazetteer::GazetteerStats st;
  Status s = gazetteer::CompileImage(*files, *folder, flags.output, &st);
  if (!s.ok()) return Fail(s.code() == Status::Code::kIoError ? kExitOutput : kExitUsage, s.message());
  std::fprintf(stderr, "relata: %s: %zu entries, %zu names from %zu files\n", flags.output.c_str(), st.entries,
               st.surfaces, files->size());
  return kExitOk;
}

}  // namespace

int Main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe becomes EPIPE, handled as a quiet end
  StatusOr<CliFlags> flags = ParseFlags(argc, argv);
  if (!flags.ok()) return Fail(kExitUsage, flags.status().message());
  if (flags->command == "help") {
    std::fputs(UsageText(flags->rules.empty() ? "" : flags->rules[0]).c_str(), stdout);
    return kExitOk;
  }
  if (flags->command == "version") {
    std::printf("relata %s\n", RELATA_VERSION);
    return kExitOk;
  }
  if (flags->help) {
    std::fputs(UsageText(flags->command).c_str(), stdout);
    return kExitOk;
  }
  if (flags->command == "test-rules") return RunTestRules(*flags);

  StatusOr<pipeline::PipelineOptions> options = ToPipelineOptions(*flags);
  if (!options.ok()) return Fail(kExitUsage, options.status().message());
  if (flags->command == "compile") return RunCompile(*flags, *options);
  StatusOr<pipeline::Pipeline> p = pipeline::Pipeline::Create(*options);
  if (!p.ok()) return Fail(kExitUsage, p.status().message());
  if (flags->command == "gazetteer") return RunGazetteerStats(*p);
  if (flags->command == "eval") return RunEval(*flags, *p);
  return flags->command == "annotate" ? RunAnnotate(*flags, *p) : RunExplain(*flags, *p);
}

}  // namespace relata::cli

int main(int argc, char** argv) { return relata::cli::Main(argc, argv); }
