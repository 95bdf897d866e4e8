// Evaluation against a gold set: precision, recall and F1 per entity type and
// per relation type, with every miss and false positive listed.
//
// Gold file: JSONL, one article per line (format in eval/README.md):
//   {"id", "lang", "date", "text": "<article with [SURFACE|TYPE] markup>",
//    "relations": [{"relation", "source": SURFACE, "target": SURFACE, "attributes": {...}}]}
//
// Entities are compared per mention, twice: exact (same start, end and type)
// and overlapping (same type, spans overlap; each gold mention matches at most
// one prediction). Relations are compared per document as (relation, source
// entity, target entity): a prediction matches a gold relation when the
// relation is the same and the gold source and target surfaces are among the
// surfaces of the predicted nodes' mentions (casefolded; either order for an
// undirected prediction). Edges whose evidence is all inferred (located-at
// completed up a place chain) are not scored: the gold lists stated facts.
// Value types (date, money, percent, quantity) are
// scored like the others but reported separately from the "entities" total.
#ifndef RELATA_EVAL_EVALUATOR_H_
#define RELATA_EVAL_EVALUATOR_H_

#include <map>
#include <string>
#include <vector>

#include "base/markup.h"
#include "base/status.h"
#include "pipeline/pipeline.h"

namespace relata::eval {

struct GoldRelation {
  std::string relation;
  std::string source;  // a marked surface of the source entity
  std::string target;
};

struct GoldDocument {
  std::string id;
  std::string lang;
  std::string date;
  MarkedText marked;
  std::vector<GoldRelation> relations;
  size_t line = 0;
};

// Reads a gold file; errors name file:line.
StatusOr<std::vector<GoldDocument>> LoadGold(const std::string& path);

struct Counts {
  size_t tp = 0, fp = 0, fn = 0;
  double Precision() const { return tp + fp == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fp); }
  double Recall() const { return tp + fn == 0 ? 0.0 : static_cast<double>(tp) / static_cast<double>(tp + fn); }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
};

struct EvalReport {
  size_t documents = 0;
  // Keyed by type; "entities" sums person/company/organization/place (and any
  // other non-value type), "values" sums date/money/percent/quantity.
  std::map<std::string, Counts> entity_exact;
  std::map<std::string, Counts> entity_overlap;
  // Keyed by relation type; "relations" sums them all.
  std::map<std::string, Counts> relations;
  std::vector<std::string> misses;           // gold items not found
  std::vector<std::string> false_positives;  // predictions not in the gold

  std::string ToText() const;  // a table, then the misses and false positives
  std::string ToJson() const;  // machine-readable summary (counts and P/R/F1)
};

EvalReport Evaluate(const pipeline::Pipeline& pipeline, const std::vector<GoldDocument>& gold);

}  // namespace relata::eval

#endif  // RELATA_EVAL_EVALUATOR_H_
