// Matching primitives: one entity pattern over a sentence, one relation
// pattern over a tokenized sentence, one zone rule over a line. Both the
// public entry points (rule_set.cc) and the example runner use them.
#include <algorithm>
#include <array>

#include "rules/rule_set_internal.h"
#include "segment/boundary.h"

namespace relata::rules {

using internal::AttrSpec;
using internal::TokenizedSentence;

namespace {

size_t NextCodePoint(std::string_view s, size_t i) {
  if (i >= s.size()) return s.size() + 1;
  ++i;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return i;
}

bool Participated(const re2::StringPiece& piece) { return piece.data() != nullptr; }

// Builds the attributes of a match. `group_text` returns false when the group
// does not exist or did not participate.
template <typename GroupText>
std::map<std::string, std::string> BuildAttributes(const std::vector<AttrSpec>& attrs, GroupText group_text) {
  std::map<std::string, std::string> out;
  for (const AttrSpec& attr : attrs) {
    std::string ignored;
    if (!attr.when.empty() && !group_text(attr.when, &ignored)) continue;
    std::string value;
    bool complete = true;
    for (const auto& piece : attr.value) {
      if (!piece.is_group) {
        value += piece.text;
        continue;
      }
      std::string text;
      if (!group_text(piece.text, &text)) {
        complete = false;
        break;
      }
      value += text;
    }
    if (complete) out[attr.name] = std::move(value);
  }
  return out;
}

std::string TypeList(const std::vector<int>& types, const std::vector<std::string>& names) {
  if (types.empty()) return "any";
  std::string s;
  for (int t : types) s += (s.empty() ? "" : "|") + (t < static_cast<int>(names.size()) ? names[t] : "?");
  return s;
}

}  // namespace

void RuleSet::Rep::MatchEntityPattern(const internal::EntityRule& rule, const internal::EntityPattern& pattern,
                                      std::string_view nfkc, std::vector<EntityMatch>* out) const {
  const RE2* compiled = pattern.re ? pattern.re->Get() : nullptr;
  if (compiled == nullptr) return;
  const RE2& re = *compiled;
  const int ngroups = 1 + pattern.num_groups;
  // Most patterns have a handful of groups: no allocation per call for them.
  std::array<re2::StringPiece, 16> inline_groups;
  std::vector<re2::StringPiece> heap_groups;
  re2::StringPiece* groups = inline_groups.data();
  if (ngroups > static_cast<int>(inline_groups.size())) {
    heap_groups.resize(ngroups);
    groups = heap_groups.data();
  }
  const re2::StringPiece text(nfkc.data(), nfkc.size());
  const auto& named = re.NamedCapturingGroups();
  auto offset = [&](const re2::StringPiece& p) { return static_cast<size_t>(p.data() - nfkc.data()); };

  size_t start = 0;
  while (start <= nfkc.size()) {
    if (!re.Match(text, start, nfkc.size(), RE2::UNANCHORED, groups, ngroups)) break;
    const size_t match_begin = offset(groups[0]);
    const size_t match_end = match_begin + groups[0].size();
    // A dropped match may hide a good one that starts inside it, so the scan
    // resumes one character after a dropped match's start, and after the end
    // of an accepted one.
    const size_t retry = NextCodePoint(nfkc, match_begin);
    const re2::StringPiece& mention = groups[pattern.mention_group];
    if (!Participated(mention) || mention.empty()) {
      start = retry;
      continue;
    }
    const size_t begin = offset(mention);
    const size_t end = begin + mention.size();
    bool rejected = false;
    for (size_t i = 0; i < pattern.reject_groups.size() && !rejected; ++i) {
      const int group = pattern.reject_groups[i];
      if (group < 0 || group >= ngroups) continue;
      const re2::StringPiece& g = groups[group];
      rejected = Participated(g) && RE2::PartialMatch(g, *rule.rejects[i].re);
    }
    size_t particle_end = end;
    if (rejected || !segment::IsNameBoundary(nfkc, begin, end, particles, &particle_end)) {
      start = retry;
      continue;
    }
    EntityMatch m;
    m.begin = begin;
    m.end = end;
    m.particle_end = particle_end;
    m.type = rule.type;
    m.rule_id = rule.id;
    m.priority = rule.priority;
    m.attributes = BuildAttributes(rule.attrs, [&](const std::string& name, std::string* value) {
      auto it = named.find(name);
      if (it == named.end() || !Participated(groups[it->second])) return false;
      *value = std::string(groups[it->second].data(), groups[it->second].size());
      return true;
    });
    if (rule.type == "money") {
      std::string value = NormalizeMoney(m.attributes);
      if (!value.empty()) m.attributes["value"] = value;
    }
    out->push_back(std::move(m));
    start = match_end > match_begin ? match_end : retry;
  }
}

void RuleSet::Rep::MatchRelationPattern(const internal::RelationRule& rule, const internal::RelationPattern& pattern,
                                        std::string_view nfkc, const TokenizedSentence& tokenized,
                                        std::set<std::pair<size_t, size_t>>* seen,
                                        std::vector<RelationMatch>* out) const {
  if (!pattern.re || pattern.source_group < 0 || pattern.target_group < 0) return;
  // The skeleton matches a superset of the pattern's language and is small
  // (under a millisecond to compile): when it finds nothing, neither would
  // the pattern, whose first use costs a compile of up to ~50 ms.
  const RE2* skeleton = pattern.skeleton ? pattern.skeleton->Get() : nullptr;
  if (skeleton != nullptr &&
      !skeleton->Match(re2::StringPiece(tokenized.text), 0, tokenized.text.size(), RE2::UNANCHORED, nullptr, 0))
    return;
  const RE2* compiled = pattern.re->Get();
  if (compiled == nullptr) return;
  const RE2& re = *compiled;
  const std::string& tok = tokenized.text;
  const int ngroups = 1 + pattern.num_groups;
  std::vector<re2::StringPiece> groups(ngroups);
  const re2::StringPiece text(tok.data(), tok.size());
  const auto& named = re.NamedCapturingGroups();
  auto offset = [&](const re2::StringPiece& p) { return static_cast<size_t>(p.data() - tok.data()); };
  auto mention_of = [&](const re2::StringPiece& p) -> long {
    if (!Participated(p)) return -1;
    return tokenized.MentionAt(offset(p), offset(p) + p.size());
  };

  size_t start = 0;
  while (start <= tok.size()) {
    if (!re.Match(text, start, tok.size(), RE2::UNANCHORED, groups.data(), ngroups)) break;
    const size_t match_begin = offset(groups[0]);
    const size_t match_end = match_begin + groups[0].size();
    // Rescan after the first mention token of this match, so that later
    // bindings overlapping this match are found too ("A와 B, C와 D").
    auto first = std::lower_bound(tokenized.tokens.begin(), tokenized.tokens.end(), match_begin,
                                  [](const TokenizedSentence::Token& t, size_t v) { return t.tok_begin < v; });
    size_t next = (first != tokenized.tokens.end() && first->tok_begin < match_end) ? first->tok_end
                                                                                      : NextCodePoint(tok, match_begin);
    start = std::max(next, NextCodePoint(tok, match_begin));

    bool rejected = false;
    for (const auto& reject : rule.rejects) {
      auto it = named.find(reject.first);
      rejected = rejected || (it != named.end() && Participated(groups[it->second]));
    }
    if (rejected) continue;
    const long source = mention_of(groups[pattern.source_group]);
    const long target = mention_of(groups[pattern.target_group]);
    if (source < 0 || target < 0 || source == target) continue;
    std::pair<size_t, size_t> key(source, target);
    if (!rule.directed && key.first > key.second) std::swap(key.first, key.second);
    if (!seen->insert(key).second) continue;

    RelationMatch m;
    m.rule_id = rule.id;
    m.relation = rule.relation;
    m.directed = rule.directed;
    m.confidence = rule.confidence;
    m.source = static_cast<size_t>(source);
    m.target = static_cast<size_t>(target);
    for (const auto& [role, group] : pattern.other_roles) {
      long idx = mention_of(groups[group]);
      if (idx >= 0) m.role_mentions[role] = static_cast<size_t>(idx);
    }
    auto role_mention = [&](const std::string& role) -> long {
      if (role == rule.source_role) return source;
      if (role == rule.target_role) return target;
      auto it = m.role_mentions.find(role);
      return it == m.role_mentions.end() ? -1 : static_cast<long>(it->second);
    };
    bool unbound = false;
    for (const auto& [a, b] : rule.within) {
      const long ia = role_mention(a), ib = role_mention(b);
      if (ia < 0 || ib < 0) unbound = true;
      else m.within.emplace_back(static_cast<size_t>(ia), static_cast<size_t>(ib));
    }
    if (unbound) continue;  // a requirement on a role this match left empty cannot hold
    // $group in an attribute gives the sentence text the group covered, with
    // mention tokens turned back into the mentions' text.
    m.attributes = BuildAttributes(rule.attrs, [&](const std::string& name, std::string* value) {
      auto it = named.find(name);
      if (it == named.end() || !Participated(groups[it->second])) return false;
      const size_t b = tokenized.StartToNfkc(offset(groups[it->second]));
      const size_t e = tokenized.EndToNfkc(offset(groups[it->second]) + groups[it->second].size());
      *value = b < e && e <= nfkc.size() ? std::string(nfkc.substr(b, e - b)) : std::string();
      return true;
    });
    m.match_begin = tokenized.StartToNfkc(match_begin);
    m.match_end = tokenized.EndToNfkc(match_end);
    out->push_back(std::move(m));
  }
}

std::vector<std::pair<int, int>> RuleSet::Rep::TypeCounts(const std::vector<RelationMention>& mentions) const {
  std::vector<int> indexes;
  indexes.reserve(mentions.size());
  for (const RelationMention& m : mentions) indexes.push_back(TypeIndexOf(m.type));
  std::sort(indexes.begin(), indexes.end());
  std::vector<std::pair<int, int>> counts;
  for (int t : indexes) {
    if (counts.empty() || counts.back().first != t) counts.emplace_back(t, 0);
    ++counts.back().second;
  }
  return counts;
}

bool RuleSet::Rep::RelationPrefilter(const internal::RelationRule& rule, const std::vector<std::pair<int, int>>& counts,
                                     std::string* why_not) const {
  // A pattern can only report a match when its source and target placeholders
  // bind two distinct mentions of their types; other placeholders may be
  // optional, so they do not count. This runs for every rule on every
  // sentence: only the few types present are visited, against the bit masks
  // of the distinct type pairs of the rule's patterns.
  for (const auto& [source_mask, target_mask] : rule.type_masks) {
    int s = 0, t = 0, either = 0;
    for (const auto& [type, count] : counts) {
      const bool as_source = source_mask[static_cast<size_t>(type)];
      const bool as_target = target_mask[static_cast<size_t>(type)];
      if (as_source) s += count;
      if (as_target) t += count;
      if (as_source || as_target) either += count;
    }
    if (s >= 1 && t >= 1 && either >= 2) return true;
  }
  if (why_not) {
    std::string have;
    for (const auto& [type, count] : counts) {
      std::string name = type < static_cast<int>(types.size()) ? types[type] : "unknown";
      have += (have.empty() ? "" : ", ") + name + " x" + std::to_string(count);
    }
    std::string need;
    for (const auto& p : rule.patterns) {
      std::string one = rule.source_role + ":" + TypeList(p.source_types, types) + " + " + rule.target_role + ":" +
                        TypeList(p.target_types, types);
      if (need.find(one) == std::string::npos) need += (need.empty() ? "" : " or ") + one;
    }
    *why_not = "a required type is missing: needs two distinct mentions " + need + "; the sentence has " +
               (have.empty() ? "no mentions" : have);
  }
  return false;
}

bool RuleSet::Rep::ZoneMatches(const internal::ZoneRule& rule, std::string_view line, std::string* date,
                                size_t* match_end) const {
  for (const internal::ZonePattern& pattern : rule.patterns)
    if (ZonePatternMatches(pattern, line, date, rule.is_prefix, match_end)) return true;
  return false;
}

bool RuleSet::Rep::ZonePatternMatches(const internal::ZonePattern& rule, std::string_view line, std::string* date,
                                      bool anchor_start, size_t* match_end) const {
  const RE2* compiled = rule.re ? rule.re->Get() : nullptr;
  if (compiled == nullptr) return false;
  const RE2& re = *compiled;
  const int ngroups = 1 + re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(ngroups);
  // A prefix rule describes how a line starts: it matches at the start only.
  if (!re.Match(re2::StringPiece(line.data(), line.size()), 0, line.size(),
                anchor_start ? RE2::ANCHOR_START : RE2::UNANCHORED, groups.data(), ngroups))
    return false;
  if (match_end != nullptr) *match_end = static_cast<size_t>(groups[0].data() - line.data()) + groups[0].size();
  date->clear();
  std::map<std::string, std::string> attrs;
  auto group = [&](int g) {
    return g >= 0 && g < ngroups && Participated(groups[g]) ? std::string(groups[g].data(), groups[g].size())
                                                             : std::string();
  };
  if (!group(rule.date_group).empty()) {
    attrs = internal::DateAttributesFromText(group(rule.date_group));
  } else {
    if (!group(rule.year_group).empty()) attrs["year"] = group(rule.year_group);
    if (!group(rule.month_group).empty()) attrs["month"] = group(rule.month_group);
    if (!group(rule.day_group).empty()) attrs["day"] = group(rule.day_group);
  }
  if (!attrs.empty()) {
    std::string iso = NormalizeDate(attrs, "");
    if (iso.size() == 10) *date = iso;  // only a full date is a publication date
  }
  return true;
}

}  // namespace relata::rules
