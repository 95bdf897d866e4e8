// Coordination expansion: a relation rule binds one mention per role, so in
// "A는 B, C와 만났다", "삼성전자와 SK하이닉스에 투자", "Apple and Nvidia
// partnered with TSMC" or "visited Seoul and Tokyo" only one conjunct gets the
// fact. After the rules ran, a fact whose source or target mention is a member
// of a coordination group is repeated for every other member, with the same
// rule id and the attribute via=coordination.
//
// A coordination group is a run of mentions of ONE type, in one sentence, with
// nothing between neighbours but a joiner (and the Korean particle of the
// first, which is part of the gap):
//   ko: 와 과 하고 및 그리고 , 、 · (at most one word and one punctuation mark:
//       "A, 그리고 B")
//   en: , and & (", and" only after an earlier comma in the same group, the
//       serial comma: "Kim met Lee, and Park said" is two clauses)
// Persons carry their titles and organizations inside a list: "젠슨 황 엔비디아
// CEO, 리사 수 AMD CEO와", "이재용 회장과 최태원 회장", "Huang and AMD's Lisa
// Su", "Nvidia CEO Jensen Huang and AMD CEO Lisa Su".
// Guards, each a way coordination is not distribution:
//   * English places joined only by commas are addresses (Cupertino,
//     California), not lists; a group of places needs an "and"/"&". A member
//     another member lies within (gazetteer chain, or a located-at fact
//     between them) is the outer part of an address.
//   * A Korean headline topic: "A, B와 회동" — a bare comma after a name that
//     starts the sentence, with the group ending in the comitative 와/과, marks
//     A as the topic, so A is not a conjunct of B.
//   * Reciprocal groups are not distributed: "between A and B", "among ...",
//     "A와 B 사이/간", "A와 B의 합작/공동/경쟁", "A and B's joint venture".
//   * "respectively" / "각각" in the sentence: pairs are meant one by one.
//   * A possessor is not a conjunct ("Huang and Tim Cook's deputy", "B의").
//   * English: a member after "and" followed by a lowercase word that is not
//     a preposition or time word may be a new clause's subject ("invested in
//     Anthropic and Amazon followed"): dropped unless it is the bound end
//     ("Apple and Nvidia partnered": a subject list).
//   * The fact's other end modifies the first member only ("France's EDF and
//     KHNP", "Samsung Chairman Lee and Kim", "대만 TSMC와 삼성전자"), or sits
//     inside or right after the group as one member's apposition ("조현 외교부
//     장관과 김정관 산업통상자원부 장관"): no expansion of that group.
//   * A member nested in the bound mention (a place within the other by the
//     gazetteer's parent chain) is skipped.
//   * No fact between an entity and itself; no fact that already exists
//     (same relation and entities; either order for symmetric relations); a
//     directed fact whose source and target are in the same group is not
//     expanded (the group is one side of something else).
#ifndef RELATA_RELATIONS_COORDINATION_H_
#define RELATA_RELATIONS_COORDINATION_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/annotation.h"
#include "relations/relation_extractor.h"

namespace relata::relations {

// The coordination groups (two or more mention indices, text order) of the
// mentions of sentence `sentence`, which spans `sentence_span` of `text`.
// `mentions` are the document's mentions in text order. Groups to which a
// reciprocal or "respectively" guard applies are not returned.
std::vector<std::vector<size_t>> CoordinationGroups(std::string_view text, const std::string& lang,
                                                    ByteSpan sentence_span, size_t sentence,
                                                    const std::vector<Mention>& mentions);

struct CoordinationInput {
  std::string_view text;  // the document text
  std::string lang;
  const std::vector<SentenceText>* sentences = nullptr;
  const std::vector<Mention>* mentions = nullptr;
  // The entity of each mention (resolve::Resolution::entity_of).
  const std::vector<std::optional<size_t>>* entity_of = nullptr;
  // Whether the entity of mention `a` lies within that of mention `b` (place
  // parent chains); may be empty.
  std::function<bool(size_t a, size_t b)> within;
};

// Adds the facts coordination implies to `facts` (after the facts of each
// sentence) and records each group member in Fact::conjuncts of both the
// stated and the added facts.
void ExpandCoordination(const CoordinationInput& in, std::vector<Fact>* facts);

}  // namespace relata::relations

#endif  // RELATA_RELATIONS_COORDINATION_H_
