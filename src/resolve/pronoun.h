// Subject pronouns: "그는 이튿날 새너제이를 찾았다", "He then flew to San
// Jose". A pronoun that opens a clause is resolved to the person the previous
// sentence is about, and becomes a mention of that person's entity so that
// relation rules with {a:person} bind it like a name.
//
// What counts as a pronoun subject:
//   ko: 그 / 그녀 with the particle 는, 가 or 도, as a whole word
//       (그는, 그녀가, 그도; not 그 회사, 그동안, 그러나);
//   en: He / She (case-insensitive), as a whole word.
// Only at the start of a clause: nothing before it in the sentence but
// punctuation, date mentions and a few linking adverbs (이어, 한편, 이후,
// Then, Later, On/In + date, ...). A pronoun after a name in its own sentence
// ("A met B and he said") is left alone: which of them it is cannot be told
// from the surface.
//
// The antecedent: the person entities mentioned in the previous sentence
// (names, resolved short forms and pronouns already resolved there).
//   * exactly one: that person;
//   * several: the subject — in Korean the one person whose mention carries
//     the topic or subject particle (은/는/이/가), in English the first person
//     mentioned when nothing but capitalized words and mentions precede it
//     ("Nvidia CEO Jensen Huang met ..."); otherwise nothing.
// No gender is checked (the gazetteers have none): 그녀/she with one man in
// the previous sentence resolves to him, as 그/he with one woman does.
//
// Deliberately not done: "the company", "회사는", "양사", "두 사람". In news
// these often point past the most recent company (the acquirer vs. the
// target), and 양사 / 두 사람 stand for two entities at once; a wrong guess
// would make a confident false fact, while a miss only loses one.
//
// The mention: span = the pronoun itself (그, 그녀, He) in the original text,
// particle = the Korean particle, type = person, source kResolution with id
// "pronoun", attribute "antecedent" = the text of the antecedent mention.
#ifndef RELATA_RESOLVE_PRONOUN_H_
#define RELATA_RESOLVE_PRONOUN_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/annotation.h"
#include "resolve/entity_resolver.h"

namespace relata::resolve {

// Adds a mention for every resolved subject pronoun to `mentions` (kept in
// text order) and the matching entries to `r->entity_of` / `r->how`
// ("pronoun"). `mentions` and `r` come from EntityResolver::Resolve.
void ResolvePronouns(std::string_view text, const std::vector<SentenceView>& sentences, const std::string& lang,
                     std::vector<Mention>* mentions, Resolution* r);

// Whether `m` is a mention made by ResolvePronouns.
bool IsPronounMention(const Mention& m);

}  // namespace relata::resolve

#endif  // RELATA_RESOLVE_PRONOUN_H_
