// Date and place of events (met-with, visited). News gives them in the
// sentence of the event or in the one after it ("A met B. The two talked in
// Seoul on Monday."). The next sentence is only trusted for what it says about
// the same event:
//   * it must not state an event (met-with/visited) of its own — then its date
//     and place are that event's;
//   * a place from it must be marked as where something happened (Korean
//     locative 에서/서, English "in"/"at" right before it), not a place
//     named for another reason (미국 하버드대 동문인 …);
//   * a place from it is not taken when it has a date of its own that differs
//     from the event's.
// Attributes the rule bound already (role mentions) are kept.
#ifndef RELATA_RELATIONS_EVENT_ATTRIBUTES_H_
#define RELATA_RELATIONS_EVENT_ATTRIBUTES_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/annotation.h"
#include "relations/relation_extractor.h"

namespace relata::relations {

struct EventAttributeInput {
  std::string_view text;  // the document
  size_t sentence_count = 0;
  const std::vector<Mention>* mentions = nullptr;  // in text order, with sentence indices
  // The node id of the entity a mention resolved to, or nullopt.
  std::function<std::optional<std::string>(size_t mention)> entity_id;
  // Whether place `inner` lies within place `outer` (parent chains).
  std::function<bool(const std::string& inner, const std::string& outer)> within;
  // Whether facts of a relation type are events (the rule files' `event`
  // lines); without it no fact is.
  std::function<bool(const std::string& relation)> is_event;
};


// Whether the place mention `m` is marked as the location of something:
// a Korean locative particle or an English "in"/"at" just before it.
bool IsLocativePlace(std::string_view text, const Mention& m);

void AttachEventAttributes(const EventAttributeInput& in, std::vector<Fact>* facts);

}  // namespace relata::relations

#endif  // RELATA_RELATIONS_EVENT_ATTRIBUTES_H_
