// Relation extraction: runs the relation rules over each sentence, where the
// sentence's mentions stand as reserved tokens (rules::RuleSet::MatchRelations),
// and turns rule matches into facts between document mentions.
#ifndef RELATA_RELATIONS_RELATION_EXTRACTOR_H_
#define RELATA_RELATIONS_RELATION_EXTRACTOR_H_

#include <map>
#include <string>
#include <vector>

#include "base/annotation.h"
#include "rules/rule_set.h"
#include "text/normalizer.h"

namespace relata::relations {

// A sentence as relation rules see it.
struct SentenceText {
  ByteSpan span;                     // in the document text
  const text::NormalizedText* nfkc;  // kNfkc of the sentence; map relative to span.begin
};

// A fact between two document mentions, with its evidence.
struct Fact {
  std::string rule_id;
  std::string relation;
  bool directed = true;
  double confidence = 0.5;
  size_t source = 0;  // indices into the document's mentions
  size_t target = 0;
  std::map<std::string, std::string> attributes;
  std::map<std::string, size_t> role_mentions;  // other bound roles → mention index
  size_t sentence = 0;
  ByteSpan match;  // in the document text
  // `require A within B` of the rule, as document mention indices.
  std::vector<std::pair<size_t, size_t>> within;
  // Members of the coordination groups of the source and target (see
  // relations/coordination.h), so that stages looking for other mentions in
  // the sentence (event date and place) do not take a conjunct for one.
  std::vector<size_t> conjuncts;
};

// `mentions` are the document's mentions in text order, each with its sentence
// index. Returns facts in sentence order, then rule order.
std::vector<Fact> ExtractFacts(const rules::RuleSet& rules, const std::string& lang,
                               const std::vector<SentenceText>& sentences, const std::vector<Mention>& mentions);

// The relation-rule view of one sentence's mentions: NFKC offsets relative to
// the sentence. `indices` receives the document mention index of each.
std::vector<rules::RelationMention> RelationMentionsOf(const SentenceText& sentence, size_t sentence_index,
                                                       const std::vector<Mention>& mentions,
                                                       std::vector<size_t>* indices);

}  // namespace relata::relations

#endif  // RELATA_RELATIONS_RELATION_EXTRACTOR_H_
