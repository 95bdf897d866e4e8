#include "relations/event_attributes.h"

#include <algorithm>
#include <cctype>

namespace relata::relations {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::string ValueOf(std::string_view text, const Mention& m) {
  auto v = m.candidate.attributes.find("value");
  if (v != m.candidate.attributes.end()) return v->second;
  return std::string(text.substr(m.candidate.span.begin, m.candidate.span.size()));
}

}  // namespace

bool IsLocativePlace(std::string_view text, const Mention& m) {
  // 에서, 에서는, 에서도, and 서 after a vowel (서울서).
  const std::string& p = m.candidate.particle;
  if (StartsWith(p, "에서") || p == "서" || p == "서는" || p == "서도") return true;
  // English: "in P", "at P" — the preposition a whole word.
  size_t b = m.candidate.span.begin;
  while (b > 0 && text[b - 1] == ' ') --b;
  if (b == m.candidate.span.begin || b < 2) return false;
  std::string word;
  size_t w = b;
  while (w > 0 && std::isalpha(static_cast<unsigned char>(text[w - 1]))) --w;
  for (size_t i = w; i < b; ++i) word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))));
  return word == "in" || word == "at";
}

void AttachEventAttributes(const EventAttributeInput& in, std::vector<Fact>* facts) {
  if (!in.is_event) return;
  const std::vector<Mention>& mentions = *in.mentions;
  auto is_event = [&in](const std::string& relation) { return in.is_event(relation); };
  // Each fact looks at two sentences: index the mentions by sentence once, not
  // every mention of the document per fact.
  std::vector<std::vector<size_t>> by_sentence(in.sentence_count);
  for (size_t i = 0; i < mentions.size(); ++i)
    if (mentions[i].sentence < in.sentence_count) by_sentence[mentions[i].sentence].push_back(i);
  std::vector<bool> has_event(in.sentence_count, false);
  for (const Fact& f : *facts) {
    if (is_event(f.relation) && f.sentence < has_event.size()) has_event[f.sentence] = true;
  }
  for (Fact& f : *facts) {
    if (!is_event(f.relation)) continue;
    for (size_t s = f.sentence; s <= f.sentence + 1 && s < in.sentence_count; ++s) {
      const bool next = s != f.sentence;
      // Another event's sentence: its date and place are its own.
      if (next && has_event[s]) break;
      std::vector<size_t> dates, places;
      std::vector<std::string> place_ids;
      for (size_t i : by_sentence[s]) {
        const Mention& m = mentions[i];
        if (i == f.source || i == f.target) continue;
        // A conjunct of an end is another end of the same statement, not its place.
        if (std::binary_search(f.conjuncts.begin(), f.conjuncts.end(), i)) continue;
        if (m.candidate.type == "date") dates.push_back(i);
        if (m.candidate.type != "place") continue;
        std::optional<std::string> id = in.entity_id(i);
        if (!id) continue;
        if (next && !IsLocativePlace(in.text, m)) continue;
        places.push_back(i);
        place_ids.push_back(*id);
      }
      const bool date_known = f.attributes.count("date") || f.role_mentions.count("date");
      if (!date_known && !dates.empty()) f.attributes["date"] = ValueOf(in.text, mentions[dates.front()]);
      if (next && !dates.empty()) {
        // A place said on another day is another occasion's.
        std::string fact_date;
        auto d = f.attributes.find("date");
        auto r = f.role_mentions.find("date");
        if (d != f.attributes.end()) fact_date = d->second;
        else if (r != f.role_mentions.end()) fact_date = ValueOf(in.text, mentions[r->second]);
        bool same_day = false;
        for (size_t i : dates) same_day = same_day || ValueOf(in.text, mentions[i]) == fact_date;
        if (!same_day) place_ids.clear();
      }
      if (!f.attributes.count("place") && !f.role_mentions.count("place") && !place_ids.empty()) {
        // The most specific place: one that contains none of the others.
        std::string best;
        for (const std::string& id : place_ids) {
          bool contains_other = false;
          for (const std::string& other : place_ids) {
            contains_other = contains_other || (other != id && in.within(other, id));
          }
          if (!contains_other && best.empty()) best = id;
        }
        if (!best.empty()) f.attributes["place"] = best;
      }
      if (f.attributes.count("date") && f.attributes.count("place")) break;
    }
  }
}

}  // namespace relata::relations
