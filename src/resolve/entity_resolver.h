// Within-document resolution: which mentions of one document are the same
// real-world entity, and which entity that is.
//
// Mentions are visited in text order. A mention joins an entity when:
//   * it is a gazetteer hit: the entity is the entry (its canonical id);
//   * it is a rule mention whose name is a name or alias of exactly one
//     gazetteer entry of its type ("gazetteer-alias");
//   * it is a surname + title short form (이 회장, Mr. Lee: attribute
//     surname_only) and exactly one person seen EARLIER in the document has that
//     surname and that title — from the text or from the gazetteer
//     ("surname+title");
//   * it is a single-word person name equal to the last word of exactly one
//     earlier person's name (저커버그 after 마크 저커버그; "last-name").
// What cannot be resolved unambiguously is not guessed: a short form with no
// or several candidates stays unresolved and is reported as such.
//
// After that pass, the short form (ShortFormOf) of every multi-word person
// name is looked for in the whole document — after its first mention
// (Zuckerberg said ...) and before it, as in a headline (이재용, 저커버그와
// 회동) — when no other person in the document has that short form; such
// mentions come with source kResolution and id "last-name". A Latin short form
// must be capitalized in the text, a whole whitespace-separated word, and not
// follow a capitalized given-name-like word: Jill Biden is not Joe Biden but a
// person of her own ("given-name+surname").
#ifndef RELATA_RESOLVE_ENTITY_RESOLVER_H_
#define RELATA_RESOLVE_ENTITY_RESOLVER_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/annotation.h"
#include "gazetteer/gazetteer.h"
#include "segment/particles.h"
#include "text/normalizer.h"

namespace relata::resolve {

// One sentence as the resolver sees it.
struct SentenceView {
  ByteSpan span;                       // in the document text
  const text::NormalizedText* folded;  // kNfkcCasefold of the sentence; map relative to span.begin
};

struct ResolvedEntity {
  std::string id;            // node id: canonical id, or "<type>:<label>"
  std::string label;
  std::string type;
  std::string canonical_id;  // empty when not in a gazetteer
  int64_t entry = -1;        // gazetteer entry index, or -1
  // Persons only (the one type resolved by name; empty for other types, whose
  // names resolution never reads):
  std::vector<std::string> names;  // names known and seen, in order (NFKC_Casefold)
  std::set<std::string> titles;    // titles seen or known (NFKC_Casefold)
  // A Korean person of the gazetteer (primary name in Hangul, unspaced): its
  // romanized names are surname first (Moon Jae-in, Moon Jae In).
  bool korean_order = false;
};

// The word a person is called by alone, from one of its (folded) names: the
// last word of a Western-order name (zuckerberg), the first of a romanized
// Korean one (moon of "moon jae-in": a hyphenated given name after one word,
// or any Latin name of a `korean_order` person). Empty for one-word names.
std::string ShortFormOf(const std::string& folded_name, bool korean_order);

struct Resolution {
  std::vector<ResolvedEntity> entities;
  // Parallel to the mentions after Resolve(): the entity index, or nullopt
  // when the mention stays unresolved.
  std::vector<std::optional<size_t>> entity_of;
  // Parallel too: how the mention was resolved ("gazetteer", "rule",
  // "gazetteer-alias", "surname+title", "last-name", "given-name+surname",
  // "value"), or why not.
  std::vector<std::string> how;
};

class EntityResolver {
 public:
  // `gazetteer`, `folder` (kNfkcCasefold) and `particles` must outlive the resolver.
  EntityResolver(const gazetteer::Gazetteer* gazetteer, const text::Normalizer* folder,
                 const segment::ParticleSet* particles);

  // `mentions` are the document's mentions in text order; last-name mentions
  // found are inserted in order. `text` is the document text.
  Resolution Resolve(std::string_view text, const std::vector<SentenceView>& sentences,
                     std::vector<Mention>* mentions) const;

  // The normalized label of a mention: attribute "name" if set, else the text.
  static std::string MentionName(std::string_view text, const Mention& m);

 private:
  const gazetteer::Gazetteer* gazetteer_;
  const text::Normalizer* folder_;
  const segment::ParticleSet* particles_;
};

// Value types (date, money, percent, quantity) are not entities of the world
// but still nodes, keyed by their normalized value.
bool IsValueType(const std::string& type);

}  // namespace relata::resolve

#endif  // RELATA_RESOLVE_ENTITY_RESOLVER_H_
