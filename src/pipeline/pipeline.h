// Pipeline: the one facade over relata's stages, used by the CLI, the golden
// tests and the benchmarks. Stage contracts, in the order data flows:
//
//   text       bytes → text::SourceText (strict or lenient UTF-8) and, per
//              sentence, text::NormalizedText in two forms (NFKC for rules,
//              NFKC_Casefold for gazetteers) with OffsetMaps back to the text.
//   segment    SourceText → zones (furniture dropped, publication date) →
//              sentences (ICU BreakIterator, language-specific).
//   gazetteer  casefolded sentence → candidates (one trie pass, particle-aware
//              boundaries).
//   rules      NFKC sentence → entity candidates; the overlap policy
//              (resolve/overlap.h) chooses mentions; dates get their values.
//   resolve    mentions → entities (aliases, surname + title, last names);
//              clause-opening pronoun subjects (그는, He) become mentions of
//              the previous sentence's person (resolve/pronoun.h).
//   relations  NFKC sentence with mentions as tokens → facts; facts repeated
//              for the other members of coordinated lists
//              (relations/coordination.h).
//   graph      entities + facts → graph::FactGraph → JSON.
//
// Building can fail (Status); annotating a document fails only on input the
// user must fix (invalid UTF-8 in strict mode), never on content.
//
// A Pipeline is immutable after Create() and may be shared between threads;
// Analyze() keeps its per-call state on the stack (and a thread-local ICU
// BreakIterator per language).
#ifndef RELATA_PIPELINE_PIPELINE_H_
#define RELATA_PIPELINE_PIPELINE_H_

#include <memory>
#include <string>
#include <vector>

#include "base/annotation.h"
#include "base/status.h"
#include "gazetteer/gazetteer.h"
#include "graph/fact_graph.h"
#include "relations/relation_extractor.h"
#include "resolve/entity_resolver.h"
#include "rules/rule_set.h"
#include "segment/zones.h"
#include "text/normalizer.h"
#include "text/source_text.h"

namespace relata::pipeline {

struct Document {
  std::string id;      // graph id; "doc" when empty
  std::string bytes;   // the article as given (UTF-8 expected)
  std::string lang;    // "ko", "en", or empty/"auto" to detect
  std::string date;    // publication date, ISO YYYY-MM-DD; empty to take it from a zone rule
  std::string title;   // optional, copied to metadata
  std::string url;     // optional, copied to metadata
};

struct PipelineOptions {
  // Rule files or directories. Empty: <data dir>/rules.
  std::vector<std::string> rule_paths;
  // Gazetteer files or directories (*.tsv, *.jsonl). Empty: <data dir>/gazetteers.
  // Extra gazetteers are added with `extra_gazetteers` on top of the defaults.
  std::vector<std::string> gazetteer_paths;
  std::vector<std::string> extra_gazetteers;
  std::string lang = "auto";  // used when a document has none
  std::string date;           // used when a document and its zones give none
  bool lenient = false;       // replace invalid UTF-8 instead of failing
};

// The directory holding rules/ and gazetteers/: $RELATA_DATA_DIR if set, else
// the source tree the binary was built from.
std::string DefaultDataDir();

struct SentenceAnalysis {
  ByteSpan span;
  text::NormalizedText folded;  // kNfkcCasefold
  text::NormalizedText nfkc;    // kNfkc
};

// Everything the stages found in one document, for the graph and for explain.
struct Analysis {
  text::SourceText source;
  std::string lang;
  std::string date;         // the document date used to resolve relative dates
  std::string date_source;  // "input", "zone:<rule id>", "option", or ""
  segment::ZoneResult zones;
  std::vector<SentenceAnalysis> sentences;
  std::vector<Mention> mentions;  // text order
  resolve::Resolution resolution;
  std::vector<relations::Fact> facts;
  std::vector<std::string> warnings;
};

class Pipeline {
 public:
  static StatusOr<Pipeline> Create(const PipelineOptions& options);
  Pipeline(Pipeline&&) noexcept;
  Pipeline& operator=(Pipeline&&) noexcept;
  ~Pipeline();

  StatusOr<Analysis> Analyze(const Document& doc) const;
  graph::FactGraph BuildGraph(const Document& doc, const Analysis& analysis) const;
  // The same graph from an analysis not needed afterwards: mention attributes
  // and particles are moved into the graph instead of copied.
  graph::FactGraph BuildGraph(const Document& doc, Analysis&& analysis) const;
  // Analyze + BuildGraph.
  StatusOr<graph::FactGraph> Annotate(const Document& doc) const;

  const rules::RuleSet& rules() const;
  const gazetteer::Gazetteer& gazetteer() const;

 private:
  Pipeline();
  // Both BuildGraphs: `spent` is null, or &analysis when its mentions may be
  // moved from.
  graph::FactGraph BuildGraph(const Document& doc, const Analysis& analysis, Analysis* spent) const;
  // The gazetteer's parent place of entry `id` ("" when none), and whether
  // `inner`'s chain of parents reaches `outer`.
  std::string ParentOf(const std::string& id) const;
  // Date and place of events (met-with, visited) from the same or the next sentence.
  void AttachEventAttributes(Analysis* a) const;
  bool IsWithin(const std::string& inner, const std::string& outer) const;
  void AddInferredLocations(const std::string& source, const std::string& place, const relations::Fact& fact,
                            const graph::Evidence& stated, graph::FactGraph* g) const;
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// The graph's offsets for a span of the analysed document.
graph::Offsets OffsetsOf(const text::SourceText& source, ByteSpan span);

}  // namespace relata::pipeline

#endif  // RELATA_PIPELINE_PIPELINE_H_
