// RuleSet: the compiled form of the rule files (*.rules, format in
// docs/rules.md) — zone rules, entity rules and relation rules — plus the
// Korean particle lists (particles.tsv) found beside them.
//
// Compiling can fail (file:line and RE2's own message); matching never fails.
// All matching runs on NFKC text of one sentence (text::NormalForm::kNfkc: case
// kept), so rules see fullwidth forms unfolded and ㈜ as (주).
//
// Entity rules tag what gazetteers cannot list (names with titles, company
// forms, dates, money, percentages). Zone and relation patterns are
// prefiltered by the literal text any match of them must contain (one
// multi-literal scan per line or sentence), entity patterns by one RE2::Set
// per language (see PatternFilter in rule_set_internal.h); only the patterns
// that pass run their own RE2 for positions and captures.
//
// Relation rules are RE2 patterns over a sentence in which each mention is
// replaced by a reserved token, and placeholders {role:type|type} in the
// pattern stand for such tokens (compiled to RE2, see docs/rules.md). Rules are
// prefiltered by the entity types a sentence contains and then by the literals
// in the tokenized sentence, so cost does not grow as rules × sentences.
#ifndef RELATA_RULES_RULE_SET_H_
#define RELATA_RULES_RULE_SET_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "segment/particles.h"
#include "segment/zones.h"

namespace relata::rules {

// A mention proposed by an entity rule, in NFKC byte offsets of the sentence.
struct EntityMatch {
  size_t begin = 0;
  size_t end = 0;            // the mention group (or the whole match)
  size_t particle_end = 0;   // end of the Korean particle chain after it (== end when none)
  std::string type;
  std::string rule_id;
  int priority = 0;
  // From the rule's `attr` lines: constants and captured groups, e.g. title,
  // name, surname_only; for dates/money a normalized "value" (see Normalize* below).
  std::map<std::string, std::string> attributes;
};

// A mention as relation rules see it: NFKC byte offsets of the sentence, sorted
// by begin, non-overlapping.
struct RelationMention {
  size_t begin = 0;
  size_t end = 0;
  std::string type;
};

struct RelationMatch {
  std::string rule_id;
  std::string relation;     // e.g. "met-with"
  bool directed = true;     // false for symmetric relations
  double confidence = 0.5;
  size_t source = 0;        // index into the mentions passed in
  size_t target = 0;
  // Constant and captured attributes (title, modality, ...). Roles other than
  // source and target that bind a mention (e.g. {when:date}, {where:place})
  // are reported in `role_mentions` instead.
  std::map<std::string, std::string> attributes;
  std::map<std::string, size_t> role_mentions;
  size_t match_begin = 0;   // NFKC bytes of the sentence covered by the match
  size_t match_end = 0;
  // From the rule's `require A within B` lines, as mention indices: the
  // caller keeps the match only when A's entity lies within B's (it knows
  // the gazetteer's parent chains; the rules do not).
  std::vector<std::pair<size_t, size_t>> within;
};

struct ExampleResult {
  std::string rule_id;
  std::string origin;   // file:line of the example
  bool positive = true; // example+ (true) or example- (false)
  bool passed = false;
  std::string message;  // why it failed (empty when passed)
};

struct LoadOptions {
  // Limits so that no rule file makes the program slow or huge.
  size_t max_file_bytes = 16 << 20;
  size_t max_pattern_bytes = 64 << 10;     // after macro expansion
  int64_t max_program_memory = 8 << 20;    // RE2::Options::max_mem per pattern
  // Relation patterns are parsed and checked at load but compiled on first
  // use. With this set they are compiled at load too, so that one over
  // max_program_memory is a load error; `relata test-rules` sets it.
  bool compile_all_at_load = false;
};

class RuleSet : public segment::LineClassifier {
 public:
  RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;
  ~RuleSet() override;

  // Loads every *.rules and particles.tsv under each path (files, or directories
  // walked recursively in sorted order). Rule ids must be unique across files.
  static StatusOr<RuleSet> Load(const std::vector<std::string>& paths,
                                const LoadOptions& options = LoadOptions());
  // Compiles one rule file's text; `file_name` is used in error messages.
  // Particles can be given for tests (rule files themselves do not carry them).
  static StatusOr<RuleSet> FromText(std::string_view text, const std::string& file_name,
                                    const segment::ParticleSet& particles = segment::ParticleSet(),
                                    const LoadOptions& options = LoadOptions());

  const segment::ParticleSet& particles() const;
  // Built-in types (person, company, organization, place, date, money, percent,
  // quantity) plus those declared with `type NAME` in a rule file.
  bool IsKnownType(const std::string& type) const;
  size_t zone_rule_count() const;
  size_t entity_rule_count() const;
  size_t relation_rule_count() const;
  bool HasRule(const std::string& id) const;
  // Whether facts of relation type `relation` are events (an `event` line in
  // a rule file): they get the date and place their sentence gives.
  bool IsEventRelation(const std::string& relation) const;

  // segment::LineClassifier. The line is NFKC-normalized before the zone
  // rules for `lang` (and for every language) are tried in load order; the
  // first rule with a matching `line`/`block` pattern wins.
  segment::LineClass Classify(std::string_view line, const std::string& lang) const override;
  bool EndsBlock(const std::string& rule_id, std::string_view line) const override;

  // Appends every entity-rule match in `nfkc` (one sentence) for `lang`.
  // Mention boundaries follow the gazetteer's policy (a mention starts at a word
  // start; a Hangul-final mention is followed by nothing or a particle chain).
  void MatchEntities(std::string_view nfkc, const std::string& lang, std::vector<EntityMatch>* out) const;

  // Appends every relation-rule match in `nfkc` with `mentions` for `lang`.
  // Each rule reports each distinct (source, target) binding once per sentence.
  void MatchRelations(std::string_view nfkc, const std::vector<RelationMention>& mentions,
                      const std::string& lang, std::vector<RelationMatch>* out) const;

  // Why relation rule `rule_id` does or does not fire on this sentence, in one
  // line: wrong language, a required type missing, the tokenized sentence it was
  // tried on, or the bindings it made.
  std::string ExplainRelation(const std::string& rule_id, std::string_view nfkc,
                              const std::vector<RelationMention>& mentions, const std::string& lang) const;

  // Runs every rule's positive and negative examples (docs/rules.md), each
  // against its own rule only, in load order.
  std::vector<ExampleResult> RunExamples() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// Value normalization for entity rules' captured attributes.
// Dates: attributes year/month/day (digits or English/Korean month names) or
// relative ("relative" = "-1d", "+1y", "0d", "-1w", "weekday:-tue" …) resolved
// against `anchor` (ISO date: the document date, or for anchor=previous the last
// absolute date mentioned before). Returns "YYYY", "YYYY-MM" or "YYYY-MM-DD",
// or empty when it cannot be resolved (no anchor: not guessed).
std::string NormalizeDate(const std::map<std::string, std::string>& attributes, const std::string& anchor);
// Money: attributes amount (digits with , and .), scale words (억, 조, 만,
// million, billion, trillion) and currency → "37000000000 USD"; empty if unparsable.
std::string NormalizeMoney(const std::map<std::string, std::string>& attributes);

}  // namespace relata::rules

#endif  // RELATA_RULES_RULE_SET_H_
