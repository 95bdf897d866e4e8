// Explain: a human-readable account of one analysed document — each sentence,
// each mention with the gazetteer entry or rule behind it and the candidates it
// beat, how it was resolved, and each fact with its rule. With a rule id, a
// line per sentence saying why that relation rule did or did not fire.
#ifndef RELATA_PIPELINE_EXPLAIN_H_
#define RELATA_PIPELINE_EXPLAIN_H_

#include <string>

#include "pipeline/pipeline.h"

namespace relata::pipeline {

// `rule_id` empty: the full account; else the per-sentence account of that
// relation rule (the caller checks that the rule exists).
std::string Explain(const Pipeline& pipeline, const Document& doc, const Analysis& analysis,
                    const std::string& rule_id);

}  // namespace relata::pipeline

#endif  // RELATA_PIPELINE_EXPLAIN_H_
