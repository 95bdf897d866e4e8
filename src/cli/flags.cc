#include "cli/flags.h"

#include <cstdlib>

namespace relata::cli {
namespace {

const char kOverview[] =
    R"(relata — entities and the facts that connect them, from news articles, as a JSON graph.

Usage:
  relata annotate [FILE...|-] [options]   annotate articles; the graph goes to stdout or -o
  relata explain FILE [--rule ID]         each mention and fact with the entry or rule behind it
  relata test-rules [DIR...]              run every rule's positive and negative examples
  relata gazetteer stats [--gazetteer F]  count what the gazetteers hold, by type
  relata compile [--gazetteer F] -o FILE  compile the gazetteers into one mappable image
  relata eval GOLD.jsonl [--json FILE]    precision, recall, F1 against a gold set
  relata --help | relata COMMAND --help
  relata --version

Resources default to the rules/ and gazetteers/ directories relata was built
from; set RELATA_DATA_DIR to point elsewhere.

Exit codes: 0 ok; 1 some documents failed (each reported on stderr and as an
error record in the output) or a rule example failed; 2 usage error or rules /
gazetteers that do not load; 3 the output could not be written (no partial file
is left). A closed output pipe ends quietly with 0.
)";

const char kAnnotate[] =
    R"(relata annotate [FILE...|-] [options]

Annotates each input and writes one graph per document (JSON Graph Format v2,
docs/output.md). With no FILE, reads standard input. A *.jsonl / *.ndjson file
holds one document per line: {"id","text"} plus optional "lang","date","title","url".

Options:
  --format json|jsonl     json: one document from a text input gives {"graph": ...};
                          anything else gives {"graphs": [...]}. jsonl: one graph per
                          line. Default: jsonl when an input is JSONL, else json.
  --input-format text|jsonl   how to read inputs (default: by extension; stdin: text)
  --rules PATH            rule file or directory; repeatable; replaces the default rules
  --gazetteer FILE        a gazetteer file or directory (TSV or JSONL); repeatable;
                          added to the default gazetteers
  --no-default-gazetteers use only the --gazetteer files
  --lang ko|en|auto       document language when the input gives none (default auto)
  --date YYYY-MM-DD       document date when the input and the page give none
                          (relative dates like 전날 or yesterday resolve against it)
  --lenient               replace invalid UTF-8 with U+FFFD (a warning) instead of failing
  --compact               json on one line
  -o, --output FILE       write here instead of stdout; the file appears whole or not at all
  --threads N             annotate N documents at once (0: one per core; default 1);
                          the output is the same, in input order, whatever N
)";

const char kExplain[] =
    R"(relata explain FILE [options]

Prints, sentence by sentence, each mention with the gazetteer entry or rule that
found it, the candidates it beat and why, how it was resolved, and each fact
with the rule that made it. Takes annotate's resource options.

  --rule ID    instead, say for each sentence why relation rule ID fired or not
)";

const char kTestRules[] =
    R"(relata test-rules [DIR...] [-v]

Loads the rule files (default: the shipped rules/) and runs every rule's
example+ and example- lines. Prints each failure with file:line, then
"N passed, M failed". Exit 0 when all pass, 1 when any fails, 2 when the rules
do not load.

  -v    list passing examples too
)";

const char kGazetteer[] =
    R"(relata gazetteer stats [--gazetteer FILE]... [--no-default-gazetteers]

Loads the gazetteers (default: the shipped gazetteers/, plus any --gazetteer)
and prints how many entries and names they hold, by type, and how many
ambiguous names carry a context requirement, places know their parent, and
people know a position.
)";

const char kEval[] =
    R"(relata eval GOLD.jsonl [options]

Annotates every article of a gold file (eval/README.md: JSONL with
[SURFACE|TYPE] markup and a "relations" list) and prints precision, recall
and F1 per entity type (exact and overlapping spans) and per relation type,
then every miss and false positive. Takes annotate's resource options.

  --json FILE   also write a machine-readable summary there
)";

const char kCompile[] =
    R"(relata compile [--gazetteer FILE]... [--no-default-gazetteers] -o IMAGE.img

Compiles the gazetteers (default: the shipped gazetteers/, plus any
--gazetteer) into one image file that relata maps and uses in place, so
start-up does not grow with the number of names. Give the image to annotate
as `--gazetteer IMAGE.img --no-default-gazetteers`. The image records its
sources (paths, sizes, modification times) and a hash of them; when a source
changes, the next start rebuilds the image in place. Without compile, large
gazetteers are cached the same way under $RELATA_CACHE_DIR (default
$XDG_CACHE_HOME/relata or ~/.cache/relata), least recently used images
deleted past 2 GiB ($RELATA_CACHE_MAX_MB). Format: docs/gazetteers.md.
Rule files are not compiled ahead: a load that passes every check leaves a
small stamp in the same directory, and later starts with the same rule files
compile each pattern only when a sentence first needs it (docs/rules.md).
)";

bool TakesValue(const std::string& f) {
  return f == "--format" || f == "--input-format" || f == "--rules" || f == "--gazetteer" || f == "--lang" ||
         f == "--date" || f == "-o" || f == "--output" || f == "--rule" || f == "--json" ||
         f == "--threads";
}

}  // namespace

std::string UsageText(const std::string& command) {
  if (command == "annotate") return kAnnotate;
  if (command == "explain") return kExplain;
  if (command == "test-rules") return kTestRules;
  if (command == "gazetteer") return kGazetteer;
  if (command == "compile") return kCompile;
  if (command == "eval") return kEval;
  return kOverview;
}

StatusOr<CliFlags> ParseFlags(int argc, char** argv) {
  CliFlags f;
  int i = 1;
  if (i >= argc) {
    f.command = "help";
    return f;
  }
  const std::string first = argv[i];
  if (first == "--help" || first == "-h" || first == "help") {
    f.command = "help";
    if (i + 1 < argc) f.rules.push_back(argv[i + 1]);  // `relata help annotate`
    return f;
  }
  if (first == "--version" || first == "version") {
    f.command = "version";
    return f;
  }
  if (first != "annotate" && first != "explain" && first != "test-rules" &&
      first != "gazetteer" && first != "eval" && first != "compile") {
    return Status::InvalidArgument("unknown command '" + first + "' (try relata --help)");
  }
  f.command = first;
  bool only_inputs = false;
  for (++i; i < argc; ++i) {
    const std::string a = argv[i];
    if (only_inputs || a == "-" || a.empty() || a[0] != '-') {
      f.inputs.push_back(a);
      continue;
    }
    if (a == "--") {
      only_inputs = true;
      continue;
    }
    std::string name = a, value;
    const size_t eq = a.find('=');
    const bool inline_value = a.rfind("--", 0) == 0 && eq != std::string::npos;
    if (inline_value) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
    }
    if (TakesValue(name)) {
      if (!inline_value) {
        if (i + 1 >= argc) return Status::InvalidArgument(name + " needs a value");
        value = argv[++i];
      }
      if (name == "--format") f.format = value;
      else if (name == "--input-format") f.input_format = value;
      else if (name == "--rules") f.rules.push_back(value);
      else if (name == "--gazetteer") f.gazetteers.push_back(value);
      else if (name == "--lang") f.lang = value;
      else if (name == "--date") f.date = value;
      else if (name == "-o" || name == "--output") f.output = value;
      else if (name == "--rule") f.rule_id = value;
      else if (name == "--json") f.json_output = value;
      else if (name == "--threads") {
        char* end = nullptr;
        const long n = std::strtol(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || n < 0 || n > 1024) {
          return Status::InvalidArgument("--threads must be a number from 0 to 1024, got '" + value + "'");
        }
        f.threads = static_cast<int>(n);
      }
      continue;
    }
    if (inline_value) return Status::InvalidArgument(name + " takes no value");
    if (a == "--help" || a == "-h") f.help = true;
    else if (a == "--lenient") f.lenient = true;
    else if (a == "--compact") f.compact = true;
    else if (a == "--no-default-gazetteers") f.no_default_gazetteers = true;
    else if (a == "-v" || a == "--verbose") f.verbose = true;
    else return Status::InvalidArgument("unknown option '" + a + "' for " + f.command + " (try relata " + f.command + " --help)");
  }
  if (!f.format.empty() && f.format != "json" && f.format != "jsonl") {
    return Status::InvalidArgument("--format must be json or jsonl, got '" + f.format + "'");
  }
  if (!f.input_format.empty() && f.input_format != "text" && f.input_format != "jsonl") {
    return Status::InvalidArgument("--input-format must be text or jsonl, got '" + f.input_format + "'");
  }
  if (f.command == "gazetteer" && !f.help && (f.inputs.size() != 1 || f.inputs[0] != "stats")) {
    return Status::InvalidArgument("usage: relata gazetteer stats [--gazetteer FILE]...");
  }
  if (f.command == "eval" && !f.help && f.inputs.size() != 1) {
    return Status::InvalidArgument("eval takes exactly one GOLD.jsonl");
  }
  if (f.command == "compile" && !f.help && (!f.inputs.empty() || f.output == "-")) {
    return Status::InvalidArgument("usage: relata compile [--gazetteer FILE]... -o IMAGE.img");
  }
  if (f.command == "explain" && !f.help && f.inputs.size() != 1) {
    return Status::InvalidArgument("explain takes exactly one FILE");
  }
  return f;
}

StatusOr<pipeline::PipelineOptions> ToPipelineOptions(const CliFlags& flags) {
  pipeline::PipelineOptions o;
  o.rule_paths = flags.rules;
  if (flags.no_default_gazetteers) {
    if (flags.gazetteers.empty()) {
      return Status::InvalidArgument("--no-default-gazetteers needs at least one --gazetteer");
    }
    o.gazetteer_paths = flags.gazetteers;
  } else {
    o.extra_gazetteers = flags.gazetteers;
  }
  o.lang = flags.lang;
  o.date = flags.date;
  o.lenient = flags.lenient;
  return o;
}

}  // namespace relata::cli
