// RunExamples: every rule's example+ / example- lines, run against that rule
// alone, so a rule file documents and tests itself (docs/rules.md).
#include <algorithm>

#include "base/markup.h"
#include "rules/rule_set_internal.h"

namespace relata::rules {
namespace {

constexpr std::string_view kArrow = " => ";

std::string Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return std::string(s);
}

// Splits a positive example "TEXT => EXPECT"; `expect` is empty when there is
// no arrow. A negative example is all text: "=>" there is just text.
void SplitExample(const internal::ExampleSpec& ex, std::string* text, std::string* expect) {
  const std::string& value = ex.text;
  size_t at = ex.positive ? value.find(kArrow) : std::string::npos;
  if (at == std::string::npos) {
    *text = value;
    expect->clear();
    return;
  }
  *text = Trim(std::string_view(value).substr(0, at));
  *expect = Trim(std::string_view(value).substr(at + kArrow.size()));
}

std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

bool IsIdentStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

// "a=이재용 b=마크 저커버그" -> {a: 이재용, b: 마크 저커버그}. A binding starts at
// an identifier followed by '=' at the start or after a space.
bool ParseBindings(const std::string& s, std::vector<std::pair<std::string, std::string>>* out, std::string* error) {
  std::vector<std::pair<size_t, size_t>> starts;  // (role start, '=' position)
  for (size_t i = 0; i < s.size(); ++i) {
    if ((i != 0 && s[i - 1] != ' ') || !IsIdentStart(s[i])) continue;
    size_t j = i;
    while (j < s.size() && IsIdentChar(s[j])) ++j;
    if (j < s.size() && s[j] == '=') starts.emplace_back(i, j);
  }
  if (starts.empty() || starts[0].first != 0) {
    *error = "expected ROLE=TEXT after '=>', got " + Quoted(s);
    return false;
  }
  for (size_t k = 0; k < starts.size(); ++k) {
    size_t value_begin = starts[k].second + 1;
    size_t value_end = k + 1 < starts.size() ? starts[k + 1].first : s.size();
    std::string value = Trim(std::string_view(s).substr(value_begin, value_end - value_begin));
    if (value.empty()) {
      *error = "binding " + s.substr(starts[k].first, starts[k].second - starts[k].first) + "= has no text";
      return false;
    }
    out->emplace_back(s.substr(starts[k].first, starts[k].second - starts[k].first), value);
  }
  return true;
}

}  // namespace

std::vector<ExampleResult> RuleSet::RunExamples() const {
  std::vector<ExampleResult> results;
  if (!rep_) return results;
  const Rep& rep = *rep_;
  auto normalize = [&](std::string_view s) {
    return rep.normalizer ? rep.normalizer->NormalizeString(s) : std::string(s);
  };
  auto result = [&](const std::string& id, const internal::ExampleSpec& ex, std::string failure) {
    ExampleResult r;
    r.rule_id = id;
    r.origin = ex.origin.ToString();
    r.positive = ex.positive;
    r.passed = failure.empty();
    r.message = std::move(failure);
    results.push_back(std::move(r));
  };

  for (const internal::ZoneRule& rule : rep.zones) {
    for (const auto& ex : rule.examples) {
      std::string text, expect_date;
      SplitExample(ex, &text, &expect_date);
      std::string date;
      bool hit = rep.ZoneMatches(rule, normalize(text), &date);
      std::string failure;
      if (ex.positive && !hit) {
        failure = "the line is not classified as furniture by this rule";
      } else if (!ex.positive && hit) {
        failure = "the line is classified as furniture by this rule but should not be";
      } else if (ex.positive && !expect_date.empty() && date != expect_date) {
        failure = "captured date " + Quoted(date) + ", expected " + Quoted(expect_date);
      }
      result(rule.id, ex, failure);
    }
  }

  for (const internal::EntityRule& rule : rep.entities) {
    for (const auto& ex : rule.examples) {
      std::string text, expect;
      SplitExample(ex, &text, &expect);
      std::string nfkc = normalize(text);
      std::vector<EntityMatch> matches;
      for (const auto& pattern : rule.patterns) rep.MatchEntityPattern(rule, pattern, nfkc, &matches);
      std::string found;
      for (const EntityMatch& m : matches) found += (found.empty() ? "" : ", ") + Quoted(nfkc.substr(m.begin, m.end - m.begin));
      std::string failure;
      if (!ex.positive) {
        if (!matches.empty()) failure = "the rule produced " + found + " but should produce no mention";
      } else if (matches.empty()) {
        failure = "the rule produced no mention";
      } else if (!expect.empty()) {
        std::string want = normalize(expect);
        bool any = std::any_of(matches.begin(), matches.end(), [&](const EntityMatch& m) {
          return nfkc.compare(m.begin, m.end - m.begin, want) == 0;
        });
        if (!any) failure = "expected the mention " + Quoted(want) + ", the rule produced " + found;
      }
      result(rule.id, ex, failure);
    }
  }

  for (const internal::RelationRule& rule : rep.relations) {
    for (const auto& ex : rule.examples) {
      std::string text, expect;
      SplitExample(ex, &text, &expect);
      // Inline mentions: [text|type] (base/markup.h). Each piece is normalized
      // on its own so a mention's span stays exactly its normalized surface.
      std::string nfkc, failure;
      std::vector<RelationMention> mentions;
      MarkedText marked;
      if (!ParseMarkup(text, &marked, &failure)) failure = "in the example: " + failure;
      size_t done = 0;
      for (const MarkedMention& mm : marked.mentions) {
        if (!failure.empty()) break;
        if (!rep.type_index.count(mm.type)) {
          failure = "unknown entity type " + Quoted(mm.type) + " in an example mention";
          break;
        }
        nfkc += normalize(std::string_view(marked.text).substr(done, mm.span.begin - done));
        RelationMention m;
        m.begin = nfkc.size();
        nfkc += normalize(std::string_view(marked.text).substr(mm.span.begin, mm.span.size()));
        m.end = nfkc.size();
        m.type = mm.type;
        mentions.push_back(m);
        done = mm.span.end;
      }
      if (failure.empty()) nfkc += normalize(std::string_view(marked.text).substr(done));
      std::vector<std::pair<std::string, std::string>> bindings;
      if (failure.empty() && !expect.empty()) ParseBindings(expect, &bindings, &failure);
      if (!failure.empty()) {
        result(rule.id, ex, failure);
        continue;
      }
      internal::TokenizedSentence tokenized = internal::Tokenize(nfkc, mentions, rep.type_index);
      std::vector<RelationMatch> matches;
      std::set<std::pair<size_t, size_t>> seen;
      for (const auto& pattern : rule.patterns)
        rep.MatchRelationPattern(rule, pattern, nfkc, tokenized, &seen, &matches);
      auto mention_text = [&](size_t k) { return nfkc.substr(mentions[k].begin, mentions[k].end - mentions[k].begin); };
      auto describe = [&](const RelationMatch& m) {
        std::string s = rule.source_role + "=" + mention_text(m.source) + " " + rule.target_role + "=" + mention_text(m.target);
        for (const auto& [role, k] : m.role_mentions) s += " " + role + "=" + mention_text(k);
        return s;
      };
      std::string found;
      for (const auto& m : matches) found += (found.empty() ? "" : "; ") + describe(m);
      if (!ex.positive) {
        if (!matches.empty()) failure = "the rule matched (" + found + ") but should not";
      } else if (matches.empty()) {
        failure = "the rule did not match the tokenized sentence \"" + tokenized.Display(mentions) + "\"";
      } else if (!bindings.empty()) {
        auto satisfies = [&](const RelationMatch& m, bool swapped) {
          for (const auto& [role, want] : bindings) {
            std::string got;
            if (role == rule.source_role) {
              got = mention_text(swapped ? m.target : m.source);
            } else if (role == rule.target_role) {
              got = mention_text(swapped ? m.source : m.target);
            } else {
              auto it = m.role_mentions.find(role);
              if (it == m.role_mentions.end()) return false;
              got = mention_text(it->second);
            }
            if (got != normalize(want)) return false;
          }
          return true;
        };
        bool ok = std::any_of(matches.begin(), matches.end(), [&](const RelationMatch& m) {
          return satisfies(m, false) || (!rule.directed && satisfies(m, true));
        });
        if (!ok) failure = "expected bindings " + expect + ", the rule bound " + found;
      }
      result(rule.id, ex, failure);
    }
  }
  return results;
}

}  // namespace relata::rules
