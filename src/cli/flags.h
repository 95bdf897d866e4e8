// Command-line flags: argv → CliFlags (plain strings, nothing validated beyond
// syntax), then ToPipelineOptions() validates. The verbs, their flags and the
// exit codes are documented in UsageText(), which --help prints.
#ifndef RELATA_CLI_FLAGS_H_
#define RELATA_CLI_FLAGS_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "pipeline/pipeline.h"

namespace relata::cli {

// Exit codes are a contract with scripts.
enum ExitCode {
  kExitOk = 0,              // everything annotated (or the examples passed)
  kExitSomeFailed = 1,      // some documents failed (reported), or a rule example failed
  kExitUsage = 2,           // bad flag, or rules / gazetteers that do not load
  kExitOutput = 3,          // the output could not be written (no partial file is left)
};

struct CliFlags {
  std::string command;  // annotate, explain, test-rules, gazetteer, eval, help, version
  std::vector<std::string> inputs;
  std::string format;        // json, jsonl, or empty for the default
  std::string input_format;  // text, jsonl, or empty to guess by extension
  std::vector<std::string> rules;
  std::vector<std::string> gazetteers;
  bool no_default_gazetteers = false;
  std::string lang = "auto";
  std::string date;
  std::string output = "-";
  std::string rule_id;  // explain --rule
  std::string json_output;  // eval --json
  bool lenient = false;
  bool compact = false;  // json on one line
  bool verbose = false;  // test-rules: list passing examples too
  bool help = false;
  int threads = 1;  // annotate --threads; 0 means one per core
};

StatusOr<CliFlags> ParseFlags(int argc, char** argv);
StatusOr<pipeline::PipelineOptions> ToPipelineOptions(const CliFlags& flags);
// The usage text for `command` (empty: the overview).
std::string UsageText(const std::string& command);

}  // namespace relata::cli

#endif  // RELATA_CLI_FLAGS_H_
