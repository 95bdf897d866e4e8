#include "relations/relation_extractor.h"

#include <algorithm>

namespace relata::relations {

std::vector<rules::RelationMention> RelationMentionsOf(const SentenceText& sentence, size_t sentence_index,
                                                       const std::vector<Mention>& mentions,
                                                       std::vector<size_t>* indices) {
  std::vector<rules::RelationMention> out;
  indices->clear();
  size_t last_end = 0;
  // Mentions are in text order, so one sentence's mentions are a contiguous
  // run: a binary search finds it. Scanning every mention for every sentence
  // made a long article quadratic (a 1 MB article took a minute).
  auto first = std::partition_point(mentions.begin(), mentions.end(),
                                    [&](const Mention& m) { return m.sentence < sentence_index; });
  for (size_t i = static_cast<size_t>(first - mentions.begin()); i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    if (m.sentence != sentence_index) break;
    ByteSpan local{m.candidate.span.begin - sentence.span.begin, m.candidate.span.end - sentence.span.begin};
    ByteSpan norm = sentence.nfkc->map.ToNormalized(local);
    // Widening to whole normalization edits could make neighbours touch; the
    // token view needs disjoint spans, so a later one yields.
    if (!out.empty() && norm.begin < last_end) continue;
    out.push_back(rules::RelationMention{norm.begin, norm.end, m.candidate.type});
    indices->push_back(i);
    last_end = norm.end;
  }
  return out;
}

std::vector<Fact> ExtractFacts(const rules::RuleSet& rules, const std::string& lang,
                               const std::vector<SentenceText>& sentences, const std::vector<Mention>& mentions) {
  std::vector<Fact> facts;
  std::vector<size_t> indices;
  std::vector<rules::RelationMatch> matches;
  for (size_t s = 0; s < sentences.size(); ++s) {
    const SentenceText& sentence = sentences[s];
    std::vector<rules::RelationMention> rm = RelationMentionsOf(sentence, s, mentions, &indices);
    if (rm.empty()) continue;
    matches.clear();
    rules.MatchRelations(sentence.nfkc->text, rm, lang, &matches);
    for (rules::RelationMatch& m : matches) {
      if (m.source >= indices.size() || m.target >= indices.size()) continue;
      Fact f;
      f.rule_id = std::move(m.rule_id);
      f.relation = std::move(m.relation);
      f.directed = m.directed;
      f.confidence = m.confidence;
      f.source = indices[m.source];
      f.target = indices[m.target];
      f.attributes = std::move(m.attributes);
      for (const auto& [role, idx] : m.role_mentions) {
        if (idx < indices.size()) f.role_mentions.emplace(role, indices[idx]);
      }
      for (const auto& [ia, ib] : m.within) {
        if (ia < indices.size() && ib < indices.size()) f.within.emplace_back(indices[ia], indices[ib]);
      }
      f.sentence = s;
      ByteSpan local = sentence.nfkc->map.ToSource({m.match_begin, m.match_end});
      f.match = {sentence.span.begin + local.begin, sentence.span.begin + local.end};
      facts.push_back(std::move(f));
    }
  }
  return facts;
}

}  // namespace relata::relations
