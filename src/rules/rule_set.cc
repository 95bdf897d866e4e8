// RuleSet: loading (files, directories, particle lists) and the public
// matching entry points. Compilation lives in rule_compiler.cc, the matching
// primitives in matchers.cc, the example runner in examples.cc.
#include "rules/rule_set.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "base/files.h"
#include "rules/rule_set_internal.h"
#include "rules/rule_stamp.h"

namespace relata::rules {

using internal::ErrorList;
using internal::ParsedRules;
using internal::RuleKind;

namespace fs = std::filesystem;

namespace {

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

Status ReadFile(const std::string& path, size_t max_bytes, std::string* out) {
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  if (ec) return Status::IoError(path + ": cannot read: " + ec.message());
  if (size > max_bytes)
    return Status::DataError(path + ": file is " + std::to_string(size) + " bytes, over the limit of " +
                             std::to_string(max_bytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": read error");
  *out = buffer.str();
  return Status::Ok();
}

}  // namespace

RuleSet::RuleSet() : rep_(std::make_unique<Rep>()) {
  // Building nothing declares the built-in types; it has no rules to fail on.
  Status ignored = rep_->Build(internal::ParsedRules());
  (void)ignored;
}
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;
RuleSet::~RuleSet() = default;

StatusOr<RuleSet> RuleSet::Load(const std::vector<std::string>& paths, const LoadOptions& options) {
  StatusOr<std::vector<std::string>> files = ListFiles(
      paths, [](const fs::path& f) { return f.extension() == ".rules" || f.filename() == "particles.tsv"; });
  if (!files.ok()) return files.status();
  std::vector<std::string> rule_files;
  std::vector<std::string> particle_files;
  for (const std::string& f : *files) {
    (fs::path(f).filename() == "particles.tsv" ? particle_files : rule_files).push_back(f);
  }

  RuleSet result;
  result.rep_ = std::make_unique<Rep>();
  result.rep_->options = options;
  ErrorList errors;
  ParsedRules parsed;
  std::vector<std::pair<std::string, std::string>> texts;  // (file, bytes), for the stamp
  for (const std::string& file : rule_files) {
    std::string text;
    Status st = ReadFile(file, options.max_file_bytes, &text);
    if (!st.ok()) {
      errors.AddPlain(st.message());
      continue;
    }
    internal::ParseRuleFile(text, file, options, &parsed, &errors);
    texts.emplace_back(file, std::move(text));
  }
  for (const std::string& file : particle_files) {
    auto particles = segment::ParticleSet::LoadFile(file);
    if (!particles.ok()) {
      errors.AddPlain(particles.status().message());
      continue;
    }
    result.rep_->particles.Merge(*particles);
  }
  if (!errors.empty()) return errors.ToStatus();
  // `relata test-rules` compiles everything anyway: it always checks afresh.
  const std::string stamp = internal::RuleStampPath(texts, options);
  result.rep_->checked_before = !options.compile_all_at_load && internal::HasRuleStamp(stamp);
  Status st = result.rep_->Build(std::move(parsed));
  if (!st.ok()) return st;
  if (!result.rep_->checked_before && result.rep_->stampable) internal::WriteRuleStamp(stamp);
  return result;
}

StatusOr<RuleSet> RuleSet::FromText(std::string_view text, const std::string& file_name,
                                    const segment::ParticleSet& particles, const LoadOptions& options) {
  RuleSet result;
  result.rep_ = std::make_unique<Rep>();
  result.rep_->options = options;
  result.rep_->particles = particles;
  ErrorList errors;
  ParsedRules parsed;
  internal::ParseRuleFile(text, file_name, options, &parsed, &errors);
  if (!errors.empty()) return errors.ToStatus();
  Status st = result.rep_->Build(std::move(parsed));
  if (!st.ok()) return st;
  return result;
}

const segment::ParticleSet& RuleSet::particles() const {
  static const segment::ParticleSet kEmpty;
  return rep_ ? rep_->particles : kEmpty;
}

bool RuleSet::IsKnownType(const std::string& type) const { return rep_ && rep_->type_index.count(type) > 0; }
size_t RuleSet::zone_rule_count() const { return rep_ ? rep_->zones.size() : 0; }
size_t RuleSet::entity_rule_count() const { return rep_ ? rep_->entities.size() : 0; }
size_t RuleSet::relation_rule_count() const { return rep_ ? rep_->relations.size() : 0; }
bool RuleSet::HasRule(const std::string& id) const { return rep_ && rep_->ids.count(id) > 0; }
bool RuleSet::IsEventRelation(const std::string& relation) const {
  return rep_ && rep_->event_relations.count(relation) > 0;
}

// ---------------------------------------------------------------- zones

segment::LineClass RuleSet::Classify(std::string_view line, const std::string& lang) const {
  segment::LineClass result;
  if (!rep_ || rep_->zones.empty()) return result;
  // Zone patterns, like every rule, see NFKC text (the examples are normalized too).
  std::string nfkc = rep_->normalizer && ValidUtf8(line) ? rep_->normalizer->NormalizeString(line) : std::string(line);
  std::vector<std::pair<int, int>> patterns;
  rep_->zone_filters.Candidates(nfkc, lang, &patterns);
  std::vector<int> candidates;  // rules in file order: the first hit wins
  for (const auto& [rule, pattern] : patterns)
    if (candidates.empty() || candidates.back() != rule) candidates.push_back(rule);
  for (int r : candidates) {
    const internal::ZoneRule& rule = rep_->zones[r];
    std::string date;
    size_t match_end = 0;
    if (!rep_->ZoneMatches(rule, nfkc, &date, &match_end)) continue;
    if (rule.is_prefix) {
      if (match_end == 0) continue;  // an empty prefix marks nothing
      // The match is in NFKC bytes; the zone is cut in the line as given.
      result.prefix_bytes = rep_->normalizer && ValidUtf8(line)
                                ? rep_->normalizer->Normalize(line).map.EndToSource(match_end)
                                : match_end;
    }
    result.kind = rule.is_block    ? segment::LineClass::Kind::kBlock
                  : rule.is_prefix ? segment::LineClass::Kind::kPrefix
                                   : segment::LineClass::Kind::kLine;
    result.until = rule.until;
    result.rule_id = rule.id;
    result.date = date;
    return result;
  }
  return result;
}

bool RuleSet::EndsBlock(const std::string& rule_id, std::string_view line) const {
  if (!rep_) return false;
  auto it = rep_->ids.find(rule_id);
  if (it == rep_->ids.end() || it->second.first != RuleKind::kZone) return false;
  const internal::ZoneRule& rule = rep_->zones[it->second.second];
  if (!rule.until_re) return false;
  std::string nfkc = rep_->normalizer && ValidUtf8(line) ? rep_->normalizer->NormalizeString(line) : std::string(line);
  return RE2::PartialMatch(nfkc, *rule.until_re);
}

// ---------------------------------------------------------------- entities

void RuleSet::MatchEntities(std::string_view nfkc, const std::string& lang, std::vector<EntityMatch>* out) const {
  if (!rep_ || rep_->entities.empty() || nfkc.empty()) return;
  std::vector<std::pair<int, int>> candidates;  // rule order, so output is deterministic
  rep_->entity_filters.Candidates(nfkc, lang, &candidates);
  for (const auto& [r, p] : candidates) {
    const internal::EntityRule& rule = rep_->entities[r];
    rep_->MatchEntityPattern(rule, rule.patterns[p], nfkc, out);
  }
}

// ---------------------------------------------------------------- relations

void RuleSet::MatchRelations(std::string_view nfkc, const std::vector<RelationMention>& mentions,
                             const std::string& lang, std::vector<RelationMatch>* out) const {
  if (!rep_ || rep_->relations.empty() || mentions.size() < 2) return;
  const std::vector<std::pair<int, int>> counts = rep_->TypeCounts(mentions);
  // Prefilter first: most sentences lack the types most rules need, and then
  // neither tokenizing nor the literal scan is needed.
  std::vector<bool> eligible(rep_->relations.size(), false);
  bool any = false;
  // Rules come file by file, so their languages come in long runs: LangApplies
  // is asked once per run, not once per rule (it was 10% of this function).
  const std::string* run_lang = nullptr;
  bool run_applies = false;
  for (size_t r = 0; r < rep_->relations.size(); ++r) {
    const internal::RelationRule& rule = rep_->relations[r];
    if (run_lang == nullptr || rule.lang != *run_lang) {
      run_lang = &rule.lang;
      run_applies = internal::LangApplies(rule.lang, lang);
    }
    if (!run_applies) continue;
    if (rep_->RelationPrefilter(rule, counts, nullptr)) eligible[r] = any = true;
  }
  if (!any) return;
  internal::TokenizedSentence tokenized = internal::Tokenize(nfkc, mentions, rep_->type_index);
  std::vector<std::pair<int, int>> candidates;
  rep_->relation_filters.Candidates(tokenized.text, lang, &candidates, &eligible);
  std::set<std::pair<size_t, size_t>> seen;
  int current_rule = -1;
  for (const auto& [r, p] : candidates) {
    if (!eligible[r]) continue;
    if (r != current_rule) {
      seen.clear();  // bindings are distinct per rule
      current_rule = r;
    }
    const internal::RelationRule& rule = rep_->relations[r];
    rep_->MatchRelationPattern(rule, rule.patterns[p], nfkc, tokenized, &seen, out);
  }
}

std::string RuleSet::ExplainRelation(const std::string& rule_id, std::string_view nfkc,
                                     const std::vector<RelationMention>& mentions, const std::string& lang) const {
  if (!rep_) return "no rules loaded";
  auto it = rep_->ids.find(rule_id);
  if (it == rep_->ids.end() || it->second.first != RuleKind::kRelation)
    return "no relation rule '" + rule_id + "'";
  const internal::RelationRule& rule = rep_->relations[it->second.second];
  std::string head = rule_id + " (" + rule.origin.ToString() + ", " + rule.relation + "): ";
  if (!internal::LangApplies(rule.lang, lang))
    return head + "not tried: the rule is for language '" + rule.lang + "', the sentence is '" + lang + "'";
  std::string why_not;
  if (!rep_->RelationPrefilter(rule, rep_->TypeCounts(mentions), &why_not)) return head + "not tried: " + why_not;
  internal::TokenizedSentence tokenized = internal::Tokenize(nfkc, mentions, rep_->type_index);
  std::vector<RelationMatch> matches;
  std::set<std::pair<size_t, size_t>> seen;
  for (const auto& pattern : rule.patterns) rep_->MatchRelationPattern(rule, pattern, nfkc, tokenized, &seen, &matches);
  std::string shown = tokenized.Display(mentions);
  if (matches.empty()) return head + "no pattern matched the tokenized sentence \"" + shown + "\"";
  auto mention_text = [&](size_t i) {
    const RelationMention& m = mentions[i];
    std::string text = m.begin < m.end && m.end <= nfkc.size() ? std::string(nfkc.substr(m.begin, m.end - m.begin)) : "?";
    return text + " (#" + std::to_string(i) + " " + m.type + ")";
  };
  std::string line = head + "matched \"" + shown + "\":";
  for (size_t k = 0; k < matches.size(); ++k) {
    const RelationMatch& m = matches[k];
    line += (k ? "; " : " ") + rule.source_role + "=" + mention_text(m.source) + " " + rule.target_role + "=" +
            mention_text(m.target);
    for (const auto& [role, idx] : m.role_mentions) line += " " + role + "=" + mention_text(idx);
    for (const auto& [name, value] : m.attributes) line += " " + name + ":" + value;
  }
  return line;
}

}  // namespace relata::rules
