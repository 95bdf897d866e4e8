#include "resolve/entity_resolver.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <map>
#include <unordered_map>

#include "segment/boundary.h"

namespace relata::resolve {
namespace {

// The space-separated words of `s`, as views into it. Names have a handful of
// words; resolution asks for them per mention and per known name, so no word
// is copied.
std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsOneWord(std::string_view s) {
  const size_t first = s.find_first_not_of(' ');
  if (first == std::string_view::npos) return false;
  const size_t space = s.find(' ', first);
  return space == std::string_view::npos || s.find_first_not_of(' ', space) == std::string_view::npos;
}

// Korean names are written surname first with no space (이재용); spaced names
// are either Western order (Mark Zuckerberg, 마크 저커버그) or romanized
// Korean order (Lee Jae-yong), so both ends count as a surname.
bool HasSurname(std::string_view folded_name, std::string_view surname) {
  std::vector<std::string_view> words = Words(folded_name);
  if (words.empty()) return false;
  if (words.size() == 1) return folded_name != surname && folded_name.substr(0, surname.size()) == surname;
  return words.front() == surname || words.back() == surname;
}

// The next occurrence of `needle` in `haystack` at or after `from`, or npos;
// what std::string::find answers. glibc's memmem skips ahead by pairs of
// bytes, where find stops at every copy of the first byte — in Hangul text
// that is every third byte (the lead bytes EA..ED), and resolution scans the
// whole document once per short form and per propagated name.
size_t FindFrom(std::string_view haystack, std::string_view needle, size_t from) {
  if (from > haystack.size()) return std::string_view::npos;
  if (needle.empty()) return from;
  const void* hit = memmem(haystack.data() + from, haystack.size() - from, needle.data(), needle.size());
  return hit == nullptr ? std::string_view::npos : static_cast<const char*>(hit) - haystack.data();
}

// Candidate attributes are a std::map<std::string, std::string>, whose find()
// takes a std::string: the keys asked for once per mention are made once.
struct AttributeKeys {
  const std::string name = "name", surname = "surname", surname_only = "surname_only", title = "title",
                    value = "value";
};
const AttributeKeys& Keys() {
  static const AttributeKeys kKeys;
  return kKeys;
}

// The one type resolved by name (surname + title, last names): only persons
// keep their names and titles.
bool IsPerson(std::string_view type) { return type == "person"; }

std::vector<std::string> SplitTitles(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find_first_of("|;,", i);
    if (j == std::string::npos) j = s.size();
    std::string t = s.substr(i, j - i);
    while (!t.empty() && t.front() == ' ') t.erase(t.begin());
    while (!t.empty() && t.back() == ' ') t.pop_back();
    if (!t.empty()) out.push_back(t);
    i = j + 1;
  }
  return out;
}

// A document's folded sentences end to end, each followed by a NUL that no
// name contains, so that no hit spans two sentences. The short forms and
// propagated names are looked for in every sentence; one search over the
// document tells which sentences hold a name, where searching each sentence
// costs a call per sentence and name.
class FoldedDocument {
 public:
  explicit FoldedDocument(const std::vector<SentenceView>& sentences) {
    starts_.reserve(sentences.size() + 1);
    for (const SentenceView& sv : sentences) {
      starts_.push_back(text_.size());
      if (sv.folded != nullptr) text_ += sv.folded->text;
      text_.push_back('\0');
    }
    starts_.push_back(text_.size());
  }

  // The indices of the sentences whose folded text contains `needle`, ascending.
  std::vector<size_t> SentencesWith(std::string_view needle) const {
    std::vector<size_t> out;
    const size_t sentence_count = starts_.size() - 1;
    if (needle.empty() || needle.find('\0') != std::string_view::npos) {
      // Could match across a separator: let the caller search every sentence.
      for (size_t s = 0; s < sentence_count; ++s) out.push_back(s);
      return out;
    }
    size_t s = 0;
    for (size_t pos = FindFrom(text_, needle, 0); pos != std::string_view::npos;
         pos = FindFrom(text_, needle, starts_[s + 1])) {
      while (starts_[s + 1] <= pos) ++s;
      out.push_back(s);
    }
    return out;
  }

 private:
  std::string text_;
  std::vector<size_t> starts_;  // where each sentence starts in text_, then text_.size()
};

// Spans by begin, the first one per begin (as a std::map<begin, end> would
// keep them): a sorted array, since the mentions come in text order and the
// spans added later are few.
class TakenSpans {
 public:
  explicit TakenSpans(const std::vector<Mention>& mentions) {
    spans_.reserve(mentions.size());
    for (const Mention& m : mentions) spans_.push_back(m.candidate.span);
    const auto by_begin = [](const ByteSpan& a, const ByteSpan& b) { return a.begin < b.begin; };
    if (!std::is_sorted(spans_.begin(), spans_.end(), by_begin)) {
      std::stable_sort(spans_.begin(), spans_.end(), by_begin);
    }
    spans_.erase(std::unique(spans_.begin(), spans_.end(),
                             [](const ByteSpan& a, const ByteSpan& b) { return a.begin == b.begin; }),
                 spans_.end());
  }

  // Whether a span begins inside `span`, or the last one beginning before it
  // reaches into it.
  bool Overlaps(const ByteSpan& span) const {
    auto next = LowerBound(span.begin);
    if (next != spans_.end() && next->begin < span.end) return true;
    return next != spans_.begin() && std::prev(next)->end > span.begin;
  }

  // Adds `span` unless a span with its begin is there already.
  void Add(const ByteSpan& span) {
    auto at = LowerBound(span.begin);
    if (at == spans_.end() || at->begin != span.begin) spans_.insert(at, span);
  }

 private:
  std::vector<ByteSpan>::const_iterator LowerBound(size_t begin) const {
    return std::lower_bound(spans_.begin(), spans_.end(), begin,
                            [](const ByteSpan& s, size_t b) { return s.begin < b; });
  }
  std::vector<ByteSpan> spans_;
};

// Whether `name` without its spaces is two Hangul syllables or more (by
// their lead bytes, as IsHangulWord tells), without making that string.
bool IsHangulName(std::string_view name) {
  size_t letters = 0;  // bytes other than spaces so far
  for (char ch : name) {
    if (ch == ' ') continue;
    const unsigned char b = static_cast<unsigned char>(ch);
    if (letters % 3 == 0 && (b < 0xEA || b > 0xED)) return false;
    ++letters;
  }
  return letters >= 6 && letters % 3 == 0;
}

bool IsAsciiLetters(std::string_view w) {
  if (w.empty()) return false;
  for (char ch : w) {
    if (!std::isalpha(static_cast<unsigned char>(ch))) return false;
  }
  return true;
}

// Hangul syllables only (U+AC00..U+D7A3: three UTF-8 bytes from EA B0 80).
bool IsHangulWord(std::string_view w) {
  if (w.empty() || w.size() % 3 != 0) return false;
  for (size_t i = 0; i < w.size(); i += 3) {
    const unsigned char b0 = static_cast<unsigned char>(w[i]);
    if (b0 < 0xEA || b0 > 0xED) return false;
  }
  return true;
}

// Words that stand capitalized before a name without being a given name:
// titles anywhere, and ordinary words when they open the sentence.
const std::set<std::string>& TitleWords() {
  static const std::set<std::string> kWords = {
      "president", "vice", "chairman", "chairwoman", "chair", "secretary", "senator", "governor", "minister",
      "premier", "chancellor", "king", "queen", "prince", "princess", "pope", "general", "director", "chief",
      "judge", "justice", "mayor", "ambassador", "speaker", "leader", "representative", "former", "candidate",
      "founder", "executive", "officer", "professor", "commissioner", "admiral", "lawmaker", "envoy", "lady",
      "first", "then", "sir", "dame", "lord", "emperor", "crown"};
  return kWords;
}
const std::set<std::string>& SentenceOpeners() {
  static const std::set<std::string> kWords = {
      "but", "and", "when", "after", "before", "while", "as", "if", "so", "yet", "because", "since", "although",
      "though", "meanwhile", "also", "still", "now", "later", "today", "yesterday", "here", "there", "with", "for",
      "in", "on", "at", "by", "from", "to", "under", "the", "that", "this", "both", "neither", "where", "once",
      "until", "unlike", "like", "for", "whether", "what", "how", "why", "earlier", "instead", "only", "even",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "last", "next", "during",
      "about", "against", "according", "asked", "indeed", "however", "meanwhile", "separately", "previously"};
  return kWords;
}

// Whether the word right before `begin` (same sentence, one space apart) is a
// capitalized given-name-like word: Jill in "Jill Biden". `given` receives
// where that word starts.
bool FollowsGivenName(std::string_view text, ByteSpan sentence, size_t begin, size_t* given) {
  if (begin <= sentence.begin || text[begin - 1] != ' ') return false;
  const size_t b = begin - 1;
  size_t w = b;
  while (w > sentence.begin && std::isalpha(static_cast<unsigned char>(text[w - 1]))) --w;
  std::string_view word = text.substr(w, b - w);
  if (word.size() < 2 || !std::isupper(static_cast<unsigned char>(word[0]))) return false;
  for (size_t i = 1; i < word.size(); ++i) {
    if (!std::islower(static_cast<unsigned char>(word[i]))) return false;  // CEO, McDonald-like: not a given name
  }
  if (w > sentence.begin && !std::isspace(static_cast<unsigned char>(text[w - 1]))) return false;
  std::string lower;
  for (char ch : word) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  if (TitleWords().count(lower)) return false;
  if (SentenceOpeners().count(lower)) return false;
  *given = w;
  return true;
}

}  // namespace

std::string ShortFormOf(const std::string& folded_name, bool korean_order) {
  std::vector<std::string_view> w = Words(folded_name);
  if (w.size() < 2) return "";
  // Romanized Korean order: Lee Jae-yong, Moon Jae In (for a known Korean).
  const size_t hyphen = w.size() == 2 ? w[1].find('-') : std::string::npos;
  const bool hyphenated_given = hyphen != std::string::npos && hyphen > 0 && hyphen + 1 < w[1].size() &&
                                IsAsciiLetters(w[0]) && IsAsciiLetters(w[1].substr(0, hyphen)) &&
                                IsAsciiLetters(w[1].substr(hyphen + 1));
  if (hyphenated_given || (korean_order && IsAsciiLetters(w[0]))) return std::string(w.front());
  return std::string(w.back());
}

bool IsValueType(const std::string& type) {
  const std::string_view t = type;
  return t == "date" || t == "money" || t == "percent" || t == "quantity";
}

EntityResolver::EntityResolver(const gazetteer::Gazetteer* gazetteer, const text::Normalizer* folder,
                               const segment::ParticleSet* particles)
    : gazetteer_(gazetteer), folder_(folder), particles_(particles) {}

namespace {

// MentionName without the copy: a view of the attribute or of `text`.
std::string_view MentionNameView(std::string_view text, const Mention& m) {
  auto it = m.candidate.attributes.find(Keys().name);
  if (it != m.candidate.attributes.end() && !it->second.empty()) return it->second;
  return text.substr(m.candidate.span.begin, m.candidate.span.size());
}

}  // namespace

std::string EntityResolver::MentionName(std::string_view text, const Mention& m) {
  return std::string(MentionNameView(text, m));
}

Resolution EntityResolver::Resolve(std::string_view text, const std::vector<SentenceView>& sentences,
                                   std::vector<Mention>* mentions) const {
  const AttributeKeys& keys = Keys();
  Resolution r;
  std::unordered_map<std::string, size_t> by_id;
  // ShortFormOf each person's names, in step with ResolvedEntity::names (empty
  // for other types): the last-name tests below ask for them once per person
  // mention and entity.
  std::vector<std::vector<std::string>> short_forms;
  auto add_name = [&](size_t entity, std::string folded_name) {
    ResolvedEntity& e = r.entities[entity];
    short_forms[entity].push_back(ShortFormOf(folded_name, e.korean_order));
    e.names.push_back(std::move(folded_name));
  };
  r.entity_of.reserve(mentions->size());
  r.how.reserve(mentions->size());
  // The main pass makes at most one entity per mention; reserved so that the
  // entities (strings, vectors, a set each) are not moved as the list grows.
  r.entities.reserve(mentions->size());
  short_forms.reserve(mentions->size());
  by_id.reserve(mentions->size());

  auto upsert = [&](const std::string& id, std::string_view label, const std::string& type,
                    int64_t entry) -> size_t {
    auto [it, inserted] = by_id.try_emplace(id, r.entities.size());
    if (!inserted) return it->second;
    const size_t index = it->second;
    r.entities.emplace_back();
    short_forms.emplace_back();
    ResolvedEntity& e = r.entities.back();
    e.id = id;
    e.label = label;
    e.type = type;
    e.entry = entry;
    if (entry >= 0) {
      const gazetteer::EntryRef g = gazetteer_->entry(static_cast<uint32_t>(entry));
      e.canonical_id = std::string(g.id());
      // Names and titles serve only to resolve persons by name: the other
      // entries (most of them) need neither folded.
      if (IsPerson(e.type)) {
        std::string_view titles;
        if (g.attribute("title", &titles)) {
          for (const std::string& title : SplitTitles(std::string(titles))) {
            e.titles.insert(folder_->NormalizeString(title));
          }
        }
        e.korean_order = IsHangulWord(g.name());
        add_name(index, folder_->NormalizeString(g.name()));
        for (size_t k = 0; k < g.alias_count(); ++k) add_name(index, folder_->NormalizeString(g.alias(k)));
      }
    }
    return index;
  };
  // Whether `folded` is the short form of one of the person `entity`'s names.
  auto is_short_form_of = [&](size_t entity, std::string_view folded) {
    const std::vector<std::string>& forms = short_forms[entity];
    return std::find(forms.begin(), forms.end(), folded) != forms.end();
  };

  // A short form (이 회장) is not a name of the entity: it would make 회장 look
  // like a last name. Only persons keep names and titles (see upsert).
  auto note_mention = [&](size_t entity, const Mention& m, const std::string& folded_name) {
    ResolvedEntity& e = r.entities[entity];
    if (!IsPerson(e.type)) return;
    const bool short_form = m.candidate.attributes.count(keys.surname_only) > 0;
    if (!short_form && std::find(e.names.begin(), e.names.end(), folded_name) == e.names.end()) {
      add_name(entity, folded_name);
    }
    auto t = m.candidate.attributes.find(keys.title);
    if (t != m.candidate.attributes.end()) e.titles.insert(folder_->NormalizeString(t->second));
  };

  for (const Mention& m : *mentions) {
    const Candidate& c = m.candidate;
    const std::string_view name = MentionNameView(text, m);
    // The folded name, made only where it is used: gazetteer mentions of
    // places or companies (the most common) need none.
    std::string folded;
    bool have_folded = false;
    auto fold = [&]() -> const std::string& {
      if (!have_folded) folded = folder_->NormalizeString(name);
      have_folded = true;
      return folded;
    };
    std::optional<size_t> entity;
    std::string how;

    if (c.source == MentionSource::kGazetteer) {
      // Most gazetteer mentions repeat an entity already made; only a new one
      // needs its entry looked up.
      auto known = by_id.find(c.canonical_id);
      if (known != by_id.end()) {
        entity = known->second;
      } else {
        const int64_t entry = gazetteer_->Find(c.canonical_id);
        const std::string_view label =
            entry >= 0 ? gazetteer_->entry(static_cast<uint32_t>(entry)).name() : name;
        entity = upsert(c.canonical_id, label, c.type, entry);
      }
      how = "gazetteer";
    } else if (IsValueType(c.type)) {
      auto v = c.attributes.find(keys.value);
      const std::string& key = v != c.attributes.end() && !v->second.empty() ? v->second : fold();
      entity = upsert(c.type + ":" + key, name, c.type, -1);
      how = "value";
    } else if (c.attributes.count(keys.surname_only)) {
      auto s = c.attributes.find(keys.surname);
      auto t = c.attributes.find(keys.title);
      const std::string surname =
          folder_->NormalizeString(s != c.attributes.end() ? std::string_view(s->second) : name);
      const std::string title = t != c.attributes.end() ? folder_->NormalizeString(t->second) : "";
      std::vector<size_t> hits;
      for (size_t e = 0; e < r.entities.size(); ++e) {
        const ResolvedEntity& ent = r.entities[e];
        if (!IsPerson(ent.type)) continue;
        if (!title.empty() && !ent.titles.count(title)) continue;
        bool surname_ok = false;
        for (const std::string& n : ent.names) surname_ok = surname_ok || HasSurname(n, surname);
        if (surname_ok) hits.push_back(e);
      }
      if (hits.size() == 1) {
        entity = hits[0];
        how = "surname+title";
      } else {
        how = hits.empty() ? "unresolved: no earlier person with this surname and title"
                           : "unresolved: " + std::to_string(hits.size()) + " earlier persons share this surname and title";
      }
    } else {
      // A rule mention: a gazetteer name of its type, else an earlier person's
      // last name, else a new entity of its own.
      fold();
      std::optional<uint32_t> same_type;
      size_t same_type_count = 0;
      for (uint32_t idx : gazetteer_->Lookup(folded)) {
        if (gazetteer_->entry(idx).type() == c.type) {
          same_type = idx;
          ++same_type_count;
        }
      }
      if (same_type_count == 1) {
        const gazetteer::EntryRef g = gazetteer_->entry(*same_type);
        entity = upsert(std::string(g.id()), g.name(), std::string(g.type()), *same_type);
        how = "gazetteer-alias";
      } else if (IsPerson(c.type) && IsOneWord(folded)) {
        std::vector<size_t> hits;
        for (size_t e = 0; e < r.entities.size(); ++e) {
          if (IsPerson(r.entities[e].type) && is_short_form_of(e, folded)) hits.push_back(e);
        }
        if (hits.size() == 1) {
          entity = hits[0];
          how = "last-name";
        }
      }
      if (!entity) {
        entity = upsert(c.type + ":" + folded, name, c.type, -1);
        how = "rule";
      }
    }
    if (entity && IsPerson(r.entities[*entity].type)) note_mention(*entity, m, fold());
    r.entity_of.push_back(entity);
    r.how.push_back(std::move(how));
  }

  // A headline names people before the article introduces them (모디 총리 …
  // then 나렌드라 모디 …): a person known only by one word that is the last
  // word of exactly one other person in the document is that person.
  for (size_t e = 0; e < r.entities.size(); ++e) {
    const ResolvedEntity& ent = r.entities[e];
    if (!IsPerson(ent.type) || ent.entry >= 0 || ent.names.size() != 1 || !IsOneWord(ent.names[0])) continue;
    std::vector<size_t> owners;
    for (size_t o = 0; o < r.entities.size(); ++o) {
      if (o != e && IsPerson(r.entities[o].type) && is_short_form_of(o, ent.names[0])) owners.push_back(o);
    }
    if (owners.size() != 1) continue;
    for (size_t i = 0; i < r.entity_of.size(); ++i) {
      if (r.entity_of[i] == e) {
        r.entity_of[i] = owners[0];
        r.how[i] = "last-name";
      }
    }
  }

  // Bare last names of multi-word person names, after the first mention.
  std::map<std::string, std::vector<size_t>> last_names;
  for (size_t e = 0; e < r.entities.size(); ++e) {
    if (!IsPerson(r.entities[e].type)) continue;
    std::set<std::string> own;
    for (const std::string& short_form : short_forms[e]) {
      if (short_form.size() >= 2) own.insert(short_form);
    }
    for (const std::string& l : own) last_names[l].push_back(e);
  }
  // Built on first use: most documents have no short form or name to look for.
  std::optional<FoldedDocument> folded_document_storage;
  auto folded_document = [&]() -> const FoldedDocument& {
    if (!folded_document_storage) folded_document_storage.emplace(sentences);
    return *folded_document_storage;
  };
  std::vector<std::pair<Mention, size_t>> found;
  std::vector<bool> mentioned(r.entities.size(), false);
  for (const auto& e : r.entity_of)
    if (e) mentioned[*e] = true;
  // Spans already taken, by the chosen mentions (which do not overlap) and by
  // those added below: one ordered lookup per candidate instead of a pass over
  // every mention of the document.
  TakenSpans taken_spans(*mentions);
  auto taken = [&](const ByteSpan& span) { return taken_spans.Overlaps(span); };
  for (const auto& [last, owners] : last_names) {
    if (owners.size() != 1) continue;
    // Only once the full name is in the document; then also before it (a
    // headline's bare surname), since no other person has this short form.
    if (!mentioned[owners[0]]) continue;
    const bool latin = IsAsciiLetters(last);
    for (size_t s : folded_document().SentencesWith(last)) {
      const SentenceView& sv = sentences[s];
      if (sv.folded == nullptr) continue;
      const std::string& f = sv.folded->text;
      for (size_t pos = FindFrom(f, last, 0); pos != std::string::npos; pos = FindFrom(f, last, pos + 1)) {
        size_t particle_end = 0;
        if (!segment::IsNameBoundary(f, pos, pos + last.size(), *particles_, &particle_end)) continue;
        ByteSpan local = sv.folded->map.ToSource({pos, pos + last.size()});
        ByteSpan span{sv.span.begin + local.begin, sv.span.begin + local.end};
        bool other_person = false;
        if (latin) {
          // A name as written (Moon, not the moon), a whole word between
          // spaces (not in of Jae-in), not the surname of someone else
          // (Jill Biden).
          if (!std::isupper(static_cast<unsigned char>(text[span.begin]))) continue;
          if (span.begin > 0 && text[span.begin - 1] == '-') continue;
          if (span.end < text.size() && text[span.end] == '-') continue;
          // Another person of the family: a person of its own, by its full name.
          size_t given = 0;
          if (FollowsGivenName(text, sv.span, span.begin, &given)) {
            span.begin = given;
            other_person = true;
          }
        }
        if (taken(span)) continue;
        taken_spans.Add(span);
        Mention m;
        m.sentence = s;
        m.candidate.span = span;
        m.candidate.type = "person";
        m.candidate.source = MentionSource::kResolution;
        m.candidate.source_id = other_person ? "given-name+surname" : "last-name";
        ByteSpan particle_local = sv.folded->map.ToSource({pos + last.size(), particle_end});
        m.candidate.particle = std::string(
            text.substr(sv.span.begin + particle_local.begin, particle_local.size()));
        size_t owner = owners[0];
        if (other_person) {
          const std::string full(text.substr(span.begin, span.size()));
          owner = upsert("person:" + folder_->NormalizeString(full), full, "person", -1);
          note_mention(owner, m, folder_->NormalizeString(full));
        }
        found.emplace_back(std::move(m), owner);
      }
    }
  }

  // One sense per discourse: a company or organization name an entity rule
  // found (AI 스타트업 에너솔, Saigon Polymer Recycling Co.) is the same
  // name at its other bare occurrences in the document. Only names that do
  // not read as ordinary words: two Hangul syllables or more, or a
  // capitalized Latin name of four letters or more that the document never
  // writes in lower case; a Latin occurrence must be written as found.
  std::map<std::string, std::pair<std::string, size_t>> propagate;  // folded surface → (surface, entity)
  for (size_t i = 0; i < mentions->size(); ++i) {
    const Mention& m = (*mentions)[i];
    // Names the gazetteer knows are matched (or held back for context) by it.
    if (m.candidate.source != MentionSource::kRule || !r.entity_of[i] || r.how[i] != "rule") continue;
    const std::string_view type = m.candidate.type;
    if (type != "company" && type != "organization") continue;
    const std::string_view surface = text.substr(m.candidate.span.begin, m.candidate.span.size());
    const bool hangul = IsHangulName(surface);
    size_t latin_letters = 0;
    for (char ch : surface) latin_letters += std::isalpha(static_cast<unsigned char>(ch)) ? 1 : 0;
    const bool latin = !surface.empty() && std::isupper(static_cast<unsigned char>(surface[0])) && latin_letters >= 4;
    if (!hangul && !latin) continue;
    const std::string folded = folder_->NormalizeString(surface);
    auto it = propagate.find(folded);
    if (it != propagate.end() && it->second.second != *r.entity_of[i]) {
      it->second.second = SIZE_MAX;  // two entities by one name: no sense to spread
      continue;
    }
    propagate.emplace(folded, std::make_pair(std::string(surface), *r.entity_of[i]));
  }
  // Longer names first, so that 에코볼트 리사이클링 is spread whole before
  // 에코볼트 could take its first word.
  // (Entries of `propagate` are sorted, not copies of them.)
  std::vector<const std::pair<const std::string, std::pair<std::string, size_t>>*> by_length;
  by_length.reserve(propagate.size());
  for (const auto& entry : propagate) by_length.push_back(&entry);
  std::stable_sort(by_length.begin(), by_length.end(),
                   [](const auto* a, const auto* b) { return a->first.size() > b->first.size(); });
  for (const auto* entry : by_length) {
    const std::string& folded = entry->first;
    const auto& [surface, entity] = entry->second;
    if (entity == SIZE_MAX) continue;
    const bool latin = IsAsciiLetters(std::string_view(surface).substr(0, 1));
    std::vector<Mention> hits;
    bool ordinary = false;
    for (size_t s : folded_document().SentencesWith(folded)) {
      if (ordinary) break;
      const SentenceView& sv = sentences[s];
      if (sv.folded == nullptr) continue;
      const std::string& f = sv.folded->text;
      for (size_t pos = FindFrom(f, folded, 0); pos != std::string::npos; pos = FindFrom(f, folded, pos + 1)) {
        size_t particle_end = 0;
        if (!segment::IsNameBoundary(f, pos, pos + folded.size(), *particles_, &particle_end)) continue;
        ByteSpan local = sv.folded->map.ToSource({pos, pos + folded.size()});
        ByteSpan span{sv.span.begin + local.begin, sv.span.begin + local.end};
        if (latin && text.substr(span.begin, span.size()) != surface) {
          // Written otherwise (lower case): an ordinary word as well.
          if (!std::isupper(static_cast<unsigned char>(text[span.begin]))) ordinary = true;
          continue;
        }
        // A hashtag or handle is a tag, not a mention of the name.
        if (span.begin > 0 && (text[span.begin - 1] == '#' || text[span.begin - 1] == '@')) continue;
        // A Latin name opening a sentence may be an ordinary capitalized word.
        if (latin && span.begin == sv.span.begin && IsOneWord(folded)) continue;
        // Hits stay tentative until the name proves not ordinary; they come in
        // text order, so only the last can overlap this one.
        if (taken(span) || (!hits.empty() && hits.back().candidate.span.Overlaps(span))) continue;
        Mention m;
        m.sentence = s;
        m.candidate.span = span;
        m.candidate.type = r.entities[entity].type;
        m.candidate.source = MentionSource::kResolution;
        m.candidate.source_id = "propagated";
        ByteSpan particle_local = sv.folded->map.ToSource({pos + folded.size(), particle_end});
        m.candidate.particle = std::string(
            text.substr(sv.span.begin + particle_local.begin, particle_local.size()));
        hits.push_back(std::move(m));
      }
    }
    if (ordinary) continue;
    for (Mention& m : hits) {
      taken_spans.Add(m.candidate.span);
      found.emplace_back(std::move(m), entity);
    }
  }

  if (!found.empty()) {
    std::vector<std::tuple<Mention, std::optional<size_t>, std::string>> all;
    for (size_t i = 0; i < mentions->size(); ++i) {
      all.emplace_back(std::move((*mentions)[i]), r.entity_of[i], std::move(r.how[i]));
    }
    for (auto& [m, e] : found) {
      std::string how = m.candidate.source_id;
      all.emplace_back(std::move(m), e, std::move(how));
    }
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return std::get<0>(a).candidate.span < std::get<0>(b).candidate.span;
    });
    mentions->clear();
    r.entity_of.clear();
    r.how.clear();
    for (auto& [m, e, h] : all) {
      mentions->push_back(std::move(m));
      r.entity_of.push_back(e);
      r.how.push_back(std::move(h));
    }
  }
  return r;
}

}  // namespace relata::resolve
