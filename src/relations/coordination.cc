#include "relations/coordination.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace relata::relations {
namespace {

bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  if (s[i] == ' ' || s[i] == '\t') {
    *len = 1;
    return true;
  }
  if (s.substr(i, 2) == "\xC2\xA0") {  // no-break space
    *len = 2;
    return true;
  }
  return false;
}

// Joiner punctuation: comma forms, middle-dot forms (Korean lists), '&'.
constexpr std::string_view kPunct[] = {",", "\xEF\xBC\x8C" /* ， */, "\xE3\x80\x81" /* 、 */,
                                       "\xC2\xB7" /* · */,  "\xE3\x86\x8D" /* ㆍ */, "\xE3\x83\xBB" /* ・ */,
                                       "\xE2\x80\xA7" /* ‧ */, "&"};

size_t PunctAt(std::string_view s, size_t i) {
  for (std::string_view p : kPunct) {
    if (s.substr(i, p.size()) == p) return p.size();
  }
  return 0;
}

// The gap's tokens: whitespace-separated words, each joiner punctuation mark
// its own token. A newline ends the chance of a join (returns false).
bool Tokens(std::string_view gap, std::vector<std::string_view>* out) {
  size_t i = 0;
  while (i < gap.size()) {
    size_t len = 0;
    if (gap[i] == '\n' || gap[i] == '\r') return false;
    if (IsSpaceAt(gap, i, &len)) {
      i += len;
      continue;
    }
    if ((len = PunctAt(gap, i)) > 0) {
      out->push_back(gap.substr(i, len));
      i += len;
      continue;
    }
    size_t j = i;
    size_t l = 0;
    while (j < gap.size() && gap[j] != '\n' && gap[j] != '\r' && !IsSpaceAt(gap, j, &l) && PunctAt(gap, j) == 0) ++j;
    out->push_back(gap.substr(i, j - i));
    i = j;
  }
  return true;
}

bool IsComma(std::string_view t) { return t == "," || t == "\xEF\xBC\x8C" || t == "\xE3\x80\x81"; }

enum class Link { kNone, kComma, kWord, kCommaWord };

// How the gap between two neighbouring mentions joins them.
Link LinkOf(std::string_view gap, const std::string& lang) {
  std::vector<std::string_view> tokens;
  if (!Tokens(gap, &tokens) || tokens.empty() || tokens.size() > 2) return Link::kNone;
  int commas = 0, words = 0;
  for (std::string_view t : tokens) {
    if (IsComma(t)) {
      ++commas;
    } else if (lang == "en") {
      if (t == "and" || t == "&") {
        ++words;
      } else {
        return Link::kNone;
      }
    } else {
      // Korean: the particle of the first conjunct (와/과/하고) or a free
      // conjunction (및/그리고), or a middle dot.
      if (t == "와" || t == "과" || t == "하고" || t == "및" || t == "그리고" || t == "\xC2\xB7" ||
          t == "\xE3\x86\x8D" || t == "\xE3\x83\xBB" || t == "\xE2\x80\xA7") {
        ++words;
      } else {
        return Link::kNone;
      }
    }
  }
  if (commas > 1 || words > 1) return Link::kNone;
  if (commas == 1 && words == 1) return Link::kCommaWord;
  return commas == 1 ? Link::kComma : Link::kWord;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes) {
    if (s.substr(0, p.size()) == p) return true;
  }
  return false;
}

// A group whose members are related to each other rather than each to the
// fact's other end.
bool Reciprocal(std::string_view text, const std::string& lang, ByteSpan sentence_span, const Mention& first,
                const Mention& last) {
  std::string_view before = TrimSpace(text.substr(sentence_span.begin, first.candidate.span.begin - sentence_span.begin));
  std::string_view after = text.substr(last.candidate.span.end, sentence_span.end - last.candidate.span.end);
  if (lang == "en") {
    const std::string b = Lower(before);
    auto ends_with = [&](std::string_view w) {
      return b.size() >= w.size() && b.compare(b.size() - w.size(), w.size(), w) == 0 &&
             (b.size() == w.size() || b[b.size() - w.size() - 1] == ' ');
    };
    if (ends_with("between") || ends_with("among") || ends_with("amongst")) return true;
    const std::string a = Lower(after.substr(0, 32));
    return StartsWithAny(a, {"'s joint", "\xE2\x80\x99s joint", " joint venture"});
  }
  const std::string& particle = last.candidate.particle;
  if (particle.find("간") != std::string::npos || particle.find("사이") != std::string::npos) return true;
  std::string_view rest = after;
  if (rest.substr(0, particle.size()) == particle) rest.remove_prefix(particle.size());
  rest = TrimSpace(rest);
  return StartsWithAny(rest, {"사이", "간", "합작", "공동", "경쟁", "양측"});
}

// Whether `gap`, the text between the fact's other end and the first member
// of a group, makes that end a modifier of the first member only: "France's
// EDF and KHNP", "Samsung Chairman Lee and Kim", "대만 TSMC와 삼성전자". Then
// the fact is about the first member alone. `particle` is the other end's
// Korean particle (part of the gap). A verb, an object particle or any other
// lowercase or Korean word in between makes it an argument instead ("Kim
// visited Seoul and Tokyo", "LG는 A와 B에 투자").
bool ModifierGap(std::string_view gap, const std::string& particle) {
  if (!particle.empty() && particle != "의") return false;
  gap.remove_prefix(std::min(gap.size(), particle.size()));
  gap = TrimSpace(gap);
  for (std::string_view p : {"'s", "\xE2\x80\x99s"}) {
    if (gap.substr(0, p.size()) == p) gap = TrimSpace(gap.substr(p.size()));
  }
  // What remains may only be capitalized words: titles (CEO, Chairman).
  size_t i = 0;
  while (i < gap.size()) {
    while (i < gap.size() && gap[i] == ' ') ++i;
    if (i >= gap.size()) break;
    if (!(gap[i] >= 'A' && gap[i] <= 'Z')) return false;
    while (i < gap.size() && gap[i] != ' ') ++i;
  }
  return true;
}

// A title word that may follow a Korean name (회장, 사장, CEO) or precede an
// English one (Chairman, CEO): Hangul of at most four syllables whose last
// syllable is not a particle or verb ending, or a capitalized Latin word.
bool IsTitleWord(std::string_view w, const std::string& lang) {
  if (w.empty()) return false;
  if (w[0] >= 'A' && w[0] <= 'Z') {
    return std::all_of(w.begin(), w.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.'; });
  }
  if (lang == "en" || w.size() % 3 != 0 || w.size() > 12) return false;
  for (size_t i = 0; i < w.size(); i += 3) {
    const unsigned char lead = static_cast<unsigned char>(w[i]);
    if (lead < 0xEA || lead > 0xED) return false;  // Hangul syllables only
  }
  static constexpr std::string_view kEndings[] = {"의", "을", "를", "이", "가", "은", "는", "에", "도", "로",
                                                  "서", "고", "며", "한", "된", "던", "난", "할", "와", "과"};
  const std::string_view last = w.substr(w.size() - 3);
  return std::none_of(std::begin(kEndings), std::end(kEndings), [&](std::string_view e) { return e == last; });
}

// Persons in a list carry their titles and organizations with them:
//   ko: 젠슨 황 엔비디아 CEO, 리사 수 AMD CEO와 / 이재용 회장과 최태원 회장
//   en: Jensen Huang and AMD's Lisa Su / Jensen Huang and AMD CEO Lisa Su
// `pre` is the text between the first person and the organization mention
// between them (or the next person when there is none), `post` the text
// between that mention and the next person (empty when there is none).
Link PersonLink(std::string_view pre, bool has_org, std::string_view post, const std::string& lang) {
  std::vector<std::string_view> a, b;
  if (!Tokens(pre, &a) || !Tokens(post, &b)) return Link::kNone;
  if (lang == "en") {
    // Joiners first (in `pre`), then [ORG['s]] and capitalized titles.
    size_t j = 0;
    int commas = 0, words = 0;
    for (; j < a.size() && (IsComma(a[j]) || a[j] == "and" || a[j] == "&"); ++j) (IsComma(a[j]) ? commas : words)++;
    if (j == 0 || commas > 1 || words > 1) return Link::kNone;
    std::vector<std::string_view> titles(a.begin() + static_cast<std::ptrdiff_t>(j), a.end());
    if (has_org) {
      if (!titles.empty()) return Link::kNone;
      titles = b;
      if (!titles.empty() && (titles[0] == "'s" || titles[0] == "\xE2\x80\x99s")) titles.erase(titles.begin());
    }
    if (titles.size() > 3) return Link::kNone;
    for (std::string_view t : titles) {
      if (!IsTitleWord(t, lang)) return Link::kNone;
    }
    if (commas == 1 && words == 1) return Link::kCommaWord;
    return commas == 1 ? Link::kComma : Link::kWord;
  }
  // Korean: NAME [ORG] TITLE{1,2} then a joiner: a comma, 및, ·, 그리고 as a
  // token, or 와/과/하고 glued to the last title.
  if (has_org && !a.empty()) return Link::kNone;
  std::vector<std::string_view> t = has_org ? b : a;
  if (t.empty()) return Link::kNone;
  std::vector<std::string_view> titles(t.begin(), t.end() - 1);
  std::string_view last = t.back();
  Link link = Link::kWord;
  if (IsComma(last)) {
    link = Link::kComma;
  } else if (last == "및" || last == "그리고" || PunctAt(last, 0) == last.size()) {
    link = Link::kWord;
  } else {
    std::string_view stem;
    for (std::string_view j : {"하고", "와", "과"}) {
      if (last.size() > j.size() && last.substr(last.size() - j.size()) == j) {
        stem = last.substr(0, last.size() - j.size());
        break;
      }
    }
    if (stem.empty()) return Link::kNone;
    titles.push_back(stem);
  }
  if (titles.empty() || titles.size() > 2) return Link::kNone;
  for (std::string_view w : titles) {
    if (!IsTitleWord(w, lang)) return Link::kNone;
  }
  return link;
}

constexpr size_t kMaxMembers = 10;

struct Group {
  std::vector<size_t> members;
  // English: the last member is followed by a word that may start a new
  // clause ("invested in Anthropic and Amazon followed"). Then the last member
  // is a conjunct only of itself being the bound end (a subject list:
  // "Apple and Nvidia partnered"), see ExpandCoordination.
  bool clause_after = false;
};

std::vector<Group> GroupsIn(std::string_view text, const std::string& lang, ByteSpan sentence_span, size_t sentence,
                            const std::vector<Mention>& mentions) {
  std::vector<Group> groups;
  std::string_view sentence_text = text.substr(sentence_span.begin, sentence_span.size());
  if (Lower(sentence_text).find("respectively") != std::string::npos ||
      sentence_text.find("각각") != std::string_view::npos) {
    return groups;
  }
  auto first = std::partition_point(mentions.begin(), mentions.end(),
                                    [&](const Mention& m) { return m.sentence < sentence; });
  std::vector<size_t> idx;
  for (size_t i = static_cast<size_t>(first - mentions.begin()); i < mentions.size(); ++i) {
    if (mentions[i].sentence != sentence) break;
    idx.push_back(i);
  }

  auto finish = [&](std::vector<size_t> group, const std::vector<Link>& links) {
    // A long run is a catalogue (tags, a table flattened into text) rather
    // than the parties of one event; distributing over it would also make
    // facts grow with the product of two such runs.
    if (group.size() < 2 || group.size() > kMaxMembers) return;
    const std::string& type = mentions[group[0]].candidate.type;
    if (lang == "en" && type == "place" &&
        std::none_of(links.begin(), links.end(), [](Link l) { return l != Link::kComma; })) {
      return;  // City, State
    }
    if (lang != "en" && links.front() == Link::kComma) {
      const Mention& head = mentions[group[0]];
      const bool starts = TrimSpace(text.substr(sentence_span.begin, head.candidate.span.begin - sentence_span.begin)).empty();
      const std::string& tail_particle = mentions[group.back()].candidate.particle;
      if (starts && (StartsWithAny(tail_particle, {"와", "과"}))) group.erase(group.begin());
      if (group.size() < 2) return;
    }
    if (Reciprocal(text, lang, sentence_span, mentions[group.front()], mentions[group.back()])) return;
    // English: after a list comes punctuation, the end, a preposition or a
    // time word. Another lowercase word after a member joined by "and" may
    // be a verb whose subject is that member.
    bool clause_after = false;
    if (lang == "en" && links.back() != Link::kComma) {
      const Mention& last = mentions[group.back()];
      std::string_view after = TrimSpace(text.substr(last.candidate.span.end, sentence_span.end - last.candidate.span.end));
      size_t n = 0;
      while (n < after.size() && after[n] >= 'a' && after[n] <= 'z') ++n;
      static const std::set<std::string_view> kListEnd = {
          "in", "on", "at", "for", "to", "from", "with", "by", "of", "last", "this", "next", "earlier", "later",
          "during", "after", "before", "as", "since", "until", "over", "about", "into", "across", "near", "under",
          "respectively", "and", "or", "via", "through", "each", "both", "together", "too", "among"};
      clause_after = n > 0 && !kListEnd.count(after.substr(0, n));
    }
    groups.push_back(Group{std::move(group), clause_after});
  };
  // A possessor is not a conjunct: in "Jensen Huang and Tim Cook's deputy"
  // the second member is the deputy; "삼성전자와 SK하이닉스의" likewise.
  auto possessive = [&](const Mention& m) {
    if (lang != "en") return m.candidate.particle == "의";
    std::string_view after = text.substr(m.candidate.span.end, 4);
    return StartsWithAny(after, {"'s", "\xE2\x80\x99s"});
  };

  std::vector<size_t> group;
  std::vector<Link> links;
  for (size_t k = 0; k < idx.size(); ++k) {
    const Mention& m = mentions[idx[k]];
    if (!group.empty()) {
      const Mention& prev = mentions[group.back()];
      Link link = Link::kNone;
      size_t next = k;  // the mention that would join the group
      if (possessive(prev)) {
        link = Link::kNone;
      } else if (prev.candidate.type == m.candidate.type && prev.candidate.span.end <= m.candidate.span.begin) {
        const std::string_view gap = text.substr(prev.candidate.span.end, m.candidate.span.begin - prev.candidate.span.end);
        link = LinkOf(gap, lang);
        if (link == Link::kNone && m.candidate.type == "person") link = PersonLink(gap, false, {}, lang);
      } else if (prev.candidate.type == "person" && k + 1 < idx.size() &&
                 (m.candidate.type == "company" || m.candidate.type == "organization") &&
                 mentions[idx[k + 1]].candidate.type == "person") {
        // A person's organization between two persons (젠슨 황 엔비디아 CEO, 리사 수).
        const Mention& q = mentions[idx[k + 1]];
        link = PersonLink(text.substr(prev.candidate.span.end, m.candidate.span.begin - prev.candidate.span.end), true,
                          text.substr(m.candidate.span.end, q.candidate.span.begin - m.candidate.span.end), lang);
        next = k + 1;
      }
      // The serial comma comes only after an earlier comma of the same list.
      if (link == Link::kCommaWord && lang == "en" &&
          std::find(links.begin(), links.end(), Link::kComma) == links.end()) {
        link = Link::kNone;
      }
      if (link != Link::kNone && possessive(mentions[idx[next]])) link = Link::kNone;
      if (link != Link::kNone) {
        group.push_back(idx[next]);
        links.push_back(link);
        k = next;
        continue;
      }
      finish(std::move(group), links);
      group.clear();
      links.clear();
    }
    group.push_back(idx[k]);
  }
  finish(std::move(group), links);
  return groups;
}

}  // namespace

std::vector<std::vector<size_t>> CoordinationGroups(std::string_view text, const std::string& lang,
                                                    ByteSpan sentence_span, size_t sentence,
                                                    const std::vector<Mention>& mentions) {
  std::vector<std::vector<size_t>> out;
  for (Group& g : GroupsIn(text, lang, sentence_span, sentence, mentions)) out.push_back(std::move(g.members));
  return out;
}

void ExpandCoordination(const CoordinationInput& in, std::vector<Fact>* facts) {
  const std::vector<Mention>& mentions = *in.mentions;
  const std::vector<std::optional<size_t>>& entity_of = *in.entity_of;

  // Facts already stated, by relation and entities.
  using Key = std::tuple<std::string, size_t, size_t>;
  auto key_of = [&](const Fact& f, size_t src, size_t dst) -> std::optional<Key> {
    if (src >= entity_of.size() || dst >= entity_of.size() || !entity_of[src] || !entity_of[dst]) return std::nullopt;
    size_t a = *entity_of[src], b = *entity_of[dst];
    if (!f.directed && b < a) std::swap(a, b);
    return Key{f.relation + (f.directed ? ">" : "-"), a, b};
  };
  std::set<Key> known;
  for (const Fact& f : *facts) {
    if (auto k = key_of(f, f.source, f.target)) known.insert(*k);
  }

  std::map<size_t, std::vector<Group>> groups_of_sentence;
  auto full_group_of = [&](size_t mention) -> const Group* {
    const size_t s = mentions[mention].sentence;
    auto it = groups_of_sentence.find(s);
    if (it == groups_of_sentence.end()) {
      const SentenceText& st = (*in.sentences)[s];
      it = groups_of_sentence.emplace(s, GroupsIn(in.text, in.lang, st.span, s, mentions)).first;
    }
    for (const Group& g : it->second) {
      if (std::find(g.members.begin(), g.members.end(), mention) != g.members.end()) return &g;
    }
    return nullptr;
  };
  auto group_of = [&](size_t mention) -> const std::vector<size_t>* {
    const Group* g = full_group_of(mention);
    return g == nullptr ? nullptr : &g->members;
  };
  // The members an end bound to `mention` distributes over: its group, less
  // a last member that starts a new clause unless that member is the bound
  // one (then the group is the clause's subject: "Apple and Nvidia partnered").
  auto conjuncts_of = [&](size_t mention) {
    const Group* g = full_group_of(mention);
    std::vector<size_t> out = g->members;
    if (g->clause_after && out.back() != mention) out.pop_back();
    return out;
  };

  // Address parts: "plants in Taylor, Texas, and Pyeongtaek" lists two
  // places, the first with its state. A member that another member of its
  // group lies within (by the gazetteer, or by a located-at fact between the
  // two in the sentence) is the outer part of an address, not a conjunct.
  std::set<size_t> outer;
  for (const Fact& f : *facts) {
    if (f.relation != "located-at") continue;
    // The `require A within B` check runs later; a fact that will fail it
    // ("Seoul, Detroit") says nothing about an address.
    const bool holds = std::all_of(f.within.begin(), f.within.end(), [&](const auto& p) {
      return in.within && in.within(p.first, p.second);
    });
    if (!holds) continue;
    const std::vector<size_t>* g = group_of(f.source);
    if (g != nullptr && std::find(g->begin(), g->end(), f.target) != g->end()) outer.insert(f.target);
  }
  auto is_outer = [&](size_t m, const std::vector<size_t>& g) {
    if (outer.count(m)) return true;
    if (!in.within) return false;
    return std::any_of(g.begin(), g.end(), [&](size_t other) { return other != m && in.within(other, m); });
  };

  std::vector<Fact> out;
  std::vector<Fact> pending;  // expansions of the current sentence
  size_t current_sentence = 0;
  for (Fact& f : *facts) {
    if (f.sentence != current_sentence) {
      for (Fact& p : pending) out.push_back(std::move(p));
      pending.clear();
      current_sentence = f.sentence;
    }
    const std::vector<size_t>* gs = group_of(f.source);
    const std::vector<size_t>* gt = group_of(f.target);
    for (const auto* g : {gs, gt}) {
      if (g == nullptr) continue;
      for (size_t m : *g) {
        if (std::find(f.conjuncts.begin(), f.conjuncts.end(), m) == f.conjuncts.end()) f.conjuncts.push_back(m);
      }
    }
    std::sort(f.conjuncts.begin(), f.conjuncts.end());
    // A directed fact inside one group relates the members to each other.
    // An end that modifies the first member of the other end's group scopes
    // over that member only.
    auto modifies = [&](size_t end, const std::vector<size_t>* g) {
      if (g == nullptr) return false;
      const Mention& e = mentions[end];
      const Mention& first_member = mentions[g->front()];
      if (e.candidate.span.end > first_member.candidate.span.begin) return false;
      return ModifierGap(in.text.substr(e.candidate.span.end, first_member.candidate.span.begin - e.candidate.span.end),
                         e.candidate.particle);
    };
    // An end inside the other end's group belongs to one member's apposition
    // (젠슨 황 엔비디아 CEO, 리사 수 AMD CEO: 엔비디아 is Huang's only).
    auto inside = [&](size_t end, const std::vector<size_t>* g) {
      return g != nullptr && g->front() < end && end < g->back() &&
             std::find(g->begin(), g->end(), end) == g->end();
    };
    // An end right after the last member, with nothing but space between,
    // is that member's apposition too (김정관 산업통상자원부 장관).
    auto follows = [&](size_t end, const std::vector<size_t>* g) {
      if (g == nullptr) return false;
      const Mention& last = mentions[g->back()];
      const Mention& e = mentions[end];
      if (!last.candidate.particle.empty() || e.candidate.span.begin < last.candidate.span.end) return false;
      return TrimSpace(in.text.substr(last.candidate.span.end, e.candidate.span.begin - last.candidate.span.end)).empty();
    };
    if (modifies(f.target, gs) || inside(f.target, gs) || follows(f.target, gs)) gs = nullptr;
    if (modifies(f.source, gt) || inside(f.source, gt) || follows(f.source, gt)) gt = nullptr;
    const bool same_group = gs != nullptr && gs == gt;
    if ((gs != nullptr || gt != nullptr) && !(same_group && f.directed)) {
      std::vector<size_t> sources{f.source}, targets{f.target};
      if (gs) sources = conjuncts_of(f.source);
      if (gt) targets = conjuncts_of(f.target);
      auto nested = [&](size_t a, size_t b) { return in.within && a != b && (in.within(a, b) || in.within(b, a)); };
      auto bound_elsewhere = [&](size_t m) {
        for (const auto& [role, idx] : f.role_mentions) {
          if (idx == m) return true;
        }
        return false;
      };
      for (size_t s : sources) {
        if (s != f.source && (nested(s, f.source) || bound_elsewhere(s) || is_outer(s, sources))) continue;
        for (size_t t : targets) {
          if (s == f.source && t == f.target) continue;
          if (t != f.target && (nested(t, f.target) || bound_elsewhere(t) || is_outer(t, targets))) continue;
          if (s == t || (s == f.target && t == f.source)) continue;
          std::optional<Key> k = key_of(f, s, t);
          if (!k || std::get<1>(*k) == std::get<2>(*k) || known.count(*k)) continue;
          known.insert(*k);
          Fact e = f;
          e.source = s;
          e.target = t;
          e.attributes["via"] = "coordination";
          auto remap = [&](size_t x) { return x == f.source ? s : x == f.target ? t : x; };
          for (auto& [a, b] : e.within) {
            a = remap(a);
            b = remap(b);
          }
          for (size_t m : {s, t}) {
            e.match.begin = std::min(e.match.begin, mentions[m].candidate.span.begin);
            e.match.end = std::max(e.match.end, mentions[m].candidate.span.end);
          }
          pending.push_back(std::move(e));
        }
      }
    }
    out.push_back(std::move(f));
  }
  for (Fact& p : pending) out.push_back(std::move(p));
  *facts = std::move(out);
}

}  // namespace relata::relations
