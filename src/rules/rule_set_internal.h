// Internal to relata_rules: the parsed and compiled form of rule files, shared
// by the parser, the compiler, the matchers and the example runner. Nothing
// outside src/rules includes this header (RE2 types stay out of rule_set.h).
#ifndef RELATA_RULES_RULE_SET_INTERNAL_H_
#define RELATA_RULES_RULE_SET_INTERNAL_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <bitset>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "rules/atom_matcher.h"
#include "rules/literal_prefilter.h"
#include "rules/rule_set.h"
#include "segment/particles.h"
#include "segment/zones.h"
#include "text/normalizer.h"

namespace relata::rules {
namespace internal {

// Where something was written: "file:line".
struct Origin {
  std::string file;
  int line = 0;
  std::string ToString() const { return file + ":" + std::to_string(line); }
};

// Errors are collected (up to a limit) so that one run shows an editor several
// mistakes at once; each message already starts with file:line.
class ErrorList {
 public:
  static constexpr size_t kMaxErrors = 25;
  void Add(const Origin& origin, const std::string& message);
  void AddPlain(const std::string& message);
  bool empty() const { return messages_.empty(); }
  bool full() const { return messages_.size() >= kMaxErrors; }
  // DataError listing every message, one per line.
  Status ToStatus() const;

 private:
  std::vector<std::string> messages_;
  size_t dropped_ = 0;
};

// A pattern as written (macros not yet expanded) and, once compiled, the
// expanded text handed to RE2.
struct PatternSpec {
  Origin origin;
  std::string text;
  std::string expanded;
};

struct ExampleSpec {
  Origin origin;
  bool positive = true;
  std::string text;  // the value after example+ / example-, verbatim
};

// An attribute value: constant text and $group references.
struct ValuePiece {
  bool is_group = false;
  std::string text;  // constant text, or the group name
};

struct AttrSpec {
  Origin origin;
  std::string name;
  std::string raw_value;
  std::vector<ValuePiece> value;
  std::string when;  // relation rules: only if this group participated
};

struct MacroDef {
  Origin origin;
  std::string name;
  std::string value;
};

struct TypeDecl {
  Origin origin;
  std::string name;
};

// One `line` or `block` pattern of a zone rule; several are alternatives.
// A pattern compiled on first use. Relation patterns are gap-heavy: `{0,80}`
// over a multi-byte class is 80 copies of its program, so compiling all of
// them at load was most of start-up, while a document needs few of them.
// Every pattern is compiled and checked at load when the rule files are new
// (no stamp, see rule_stamp.h); when the stamp shows these exact files passed
// those checks before, nothing is compiled until a pattern is first needed.
class LazyRegex {
 public:
  LazyRegex(std::string pattern, const RE2::Options& options, Origin origin)
      : pattern_(std::move(pattern)), options_(options), origin_(std::move(origin)) {}
  // Compiles now; false (with RE2's error) when RE2 rejects the pattern.
  bool CompileNow(std::string* error);
  const std::string& pattern() const { return pattern_; }
  // The compiled pattern, or null when RE2 rejected it (reported once on
  // stderr with file:line: the load checked it, so only a program over the
  // memory budget, or a stamp that lies, can fail here). Thread-safe.
  const RE2* Get() const;

 private:
  const RE2* Compile(bool report) const;

  std::string pattern_;
  RE2::Options options_;
  Origin origin_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<RE2> re_;
};

struct ZonePattern {
  PatternSpec spec;
  std::unique_ptr<LazyRegex> re;  // null when the pattern failed to compile
  // Capture groups for the publication date (-1 when absent).
  int date_group = -1, year_group = -1, month_group = -1, day_group = -1;
};

struct ZoneRule {
  std::string id;
  Origin origin;
  std::string lang = "*";
  bool is_block = false;
  bool is_prefix = false;             // `prefix`: only the matched start of the line
  std::vector<ZonePattern> patterns;  // all `line`, all `block` or all `prefix`
  segment::LineClass::Until until = segment::LineClass::Until::kBlankLine;
  bool has_until = false;
  Origin until_origin;
  PatternSpec until_pattern;  // for Until::kPattern
  std::vector<ExampleSpec> examples;

  std::unique_ptr<RE2> until_re;
};

struct EntityPattern {
  PatternSpec spec;
  std::unique_ptr<LazyRegex> re;  // null when the pattern failed to compile
  int mention_group = 0;  // 0: the whole match
  int num_groups = 0;     // RE2 capturing groups
  // Per reject of the rule (EntityRule::rejects, same order): the group it
  // tests in this pattern, or -1 when the pattern lacks the group.
  std::vector<int> reject_groups;
};

struct RejectSpec {
  Origin origin;
  std::string group;
  PatternSpec pattern;
  std::unique_ptr<RE2> re;  // matched anchored at both ends
};

struct EntityRule {
  std::string id;
  Origin origin;
  std::string lang = "*";
  std::string type;
  Origin type_origin;
  std::vector<EntityPattern> patterns;
  std::string mention_group;
  Origin mention_origin;
  std::vector<RejectSpec> rejects;
  std::vector<AttrSpec> attrs;
  int priority = 0;
  bool has_priority = false;
  std::vector<ExampleSpec> examples;
};

// One {role:type|type} in a relation pattern.
struct Placeholder {
  std::string role;        // empty for {:type}
  std::vector<int> types;  // type indexes; empty means any type ({role:*})
};

// `pattern` with every counted repetition x{m,n} turned into x* (m = 0) or
// x+ (m > 0). The skeleton matches a superset of the pattern's language, has
// the same capture groups and matches the empty string exactly when the
// pattern does, so it serves the literal prefilter and the load-time checks
// at a fraction of the compile cost.
struct Skeleton {
  std::string pattern;
  // The largest product of nested counted repetitions ((x{0,5}){0,3} → 15):
  // RE2 refuses the pattern above kMaxRepetitionProduct, which the skeleton
  // alone would not show.
  int64_t max_repetition_product = 1;
};
constexpr int64_t kMaxRepetitionProduct = 1000;
Skeleton RelaxCountedRepetitions(std::string_view pattern);

struct RelationPattern {
  PatternSpec spec;
  std::string compiled;  // expanded, placeholders replaced by token regexes
  std::vector<Placeholder> placeholders;
  std::unique_ptr<LazyRegex> skeleton;  // checked before the pattern itself runs
  std::unique_ptr<LazyRegex> re;        // the pattern itself
  int num_groups = 0;
  int source_group = -1;
  int target_group = -1;
  std::vector<int> source_types;  // empty: any
  std::vector<int> target_types;
  // Roles other than source/target that bind a mention: role -> group.
  std::map<std::string, int> other_roles;
};

struct RelationRule {
  std::string id;
  Origin origin;
  std::string lang = "*";
  std::string relation;
  bool directed = true;
  bool has_direction = false;
  std::string source_role;
  std::string target_role;
  std::vector<RelationPattern> patterns;
  // The distinct (source, target) types its patterns bind, as sets of type
  // indexes (256: kUnknownTypeIndex included), for the per-sentence
  // prefilter: a rule's patterns mostly bind the same types, so this is
  // usually one pair for many patterns.
  std::vector<std::pair<std::bitset<256>, std::bitset<256>>> type_masks;
  std::vector<AttrSpec> attrs;
  double confidence = 0.5;
  bool has_confidence = false;
  // `require A within B`: the pipeline keeps a match only when the entity bound
  // to role A lies within the one bound to B (gazetteer parent chains).
  std::vector<std::pair<std::string, std::string>> within;
  // `reject GROUP`: a match in which GROUP took part is dropped (negation,
  // a third party, a wrong reading), with where the line was for errors.
  std::vector<std::pair<std::string, Origin>> rejects;
  std::vector<ExampleSpec> examples;
};

enum class RuleKind { kZone, kEntity, kRelation };

// Everything the parser read from all files, before compilation.
struct ParsedRules {
  std::vector<MacroDef> macros;
  std::vector<TypeDecl> types;
  std::vector<TypeDecl> events;  // `event RELATION` lines: relation types whose facts are events
  std::vector<ZoneRule> zones;
  std::vector<EntityRule> entities;
  std::vector<RelationRule> relations;
};

// Parses one file's text and appends its rules to `out`.
void ParseRuleFile(std::string_view text, const std::string& file_name, const LoadOptions& options,
                   ParsedRules* out, ErrorList* errors);

// The macro table: global across files, expanded on demand with memoization.
class MacroTable {
 public:
  // Registers every definition; duplicates are reported.
  void Define(const std::vector<MacroDef>& defs, ErrorList* errors);
  // Expands @NAME references (and @@) in `text`. Errors are reported at
  // `origin` (or at the macro definition that holds the bad reference).
  bool Expand(const std::string& text, const Origin& origin, size_t max_bytes, std::string* out,
              ErrorList* errors);

 private:
  bool ExpandInto(const std::string& text, const Origin& origin, size_t max_bytes,
                  std::vector<std::string>* stack, std::string* out, ErrorList* errors);
  bool ExpandMacro(const std::string& name, size_t max_bytes, std::vector<std::string>* stack,
                   ErrorList* errors);
  std::map<std::string, MacroDef> defs_;
  std::map<std::string, std::string> expanded_;
  std::set<std::string> failed_;
};

// Type index k is written as the code point U+E100 + k in tokenized sentences;
// kUnknownTypeIndex marks mentions whose type no rule file knows.
constexpr int kMaxTypes = 255;
constexpr int kUnknownTypeIndex = 255;
constexpr char32_t kTokenOpen = 0xE000;
constexpr char32_t kTokenClose = 0xE001;
constexpr char32_t kDigitBase = 0xE010;
constexpr char32_t kTypeBase = 0xE100;

// Replaces the placeholders of a relation pattern (already macro-expanded) by
// token regexes. `type_index` resolves type names.
bool CompilePlaceholders(const std::string& pattern, const Origin& origin,
                         const std::map<std::string, int>& type_index, std::string* compiled,
                         std::vector<Placeholder>* placeholders, ErrorList* errors);

// A sentence with every mention replaced by its token.
struct TokenizedSentence {
  struct Token {
    size_t tok_begin, tok_end;    // bytes in `text`
    size_t nfkc_begin, nfkc_end;  // bytes in the sentence
    size_t mention;               // index into the caller's mentions
  };
  std::string text;
  std::vector<Token> tokens;  // ascending
  // Maps offsets of `text` back to the sentence: an offset inside a token goes
  // to the mention's start (for a start) or end (for an end).
  size_t StartToNfkc(size_t tok) const;
  size_t EndToNfkc(size_t tok) const;
  // The mention whose token spans exactly [begin, end) of `text`, or -1.
  long MentionAt(size_t begin, size_t end) const;
  // Human-readable form: tokens shown as [type#index].
  std::string Display(const std::vector<RelationMention>& mentions) const;
};

TokenizedSentence Tokenize(std::string_view nfkc, const std::vector<RelationMention>& mentions,
                           const std::map<std::string, int>& type_index);

// The patterns of one rule kind written for one language ("ko", "en" or "*").
//
// Why a literal prefilter rather than one RE2::Set per language: the relation
// patterns are long and gap-heavy ([^.]{0,60}?), so the union DFA of a set
// thrashes on every sentence and compiling the sets dominated start-up. Almost
// every pattern needs some literal text (a verb stem, a particle after a
// mention token), so AnalyzePattern (literal_prefilter.h) derives from each
// pattern's text the literals ("atoms") any match must contain, as an AND/OR
// tree; one Aho–Corasick pass over the case-folded text finds the atoms
// present, and only patterns whose tree is satisfied (and the few without
// atoms) run their own RE2. Nothing here needs a compiled RE2 (re2's
// FilteredRE2 did, and compiling every pattern at load was half of start-up);
// the automaton is built on first use, so a run that never sees a language
// does not pay for its patterns' prefilter.
//
// Entity patterns are the exception (kExactSet): they are short, so the union
// DFA of one RE2::Set stays small and a single pass reports exactly the
// patterns that match; with literals, many candidates that then fail to match
// made entity matching 1.3x slower on the bench corpus. The set holds each
// pattern's skeleton (RelaxCountedRepetitions): a superset, so it still names
// every pattern that matches (each then runs alone), and without the counted
// repetitions the set's DFA needs far fewer states (set matching −31%
// instructions, entity candidates nearly unchanged). Built on first use.
class PatternFilter {
 public:
  enum class Strategy { kLiterals, kExactSet };
  explicit PatternFilter(Strategy strategy) : strategy_(strategy) {}

  // Registers pattern `index` of rule `rule`. Nothing is compiled or
  // analyzed until the filter is first used.
  void Add(const std::string& pattern, const RE2::Options& options, int rule, int index);

  // Appends (rule, pattern) of every pattern that may match `text`, whose
  // FoldForPrefilter form is `folded` (only kLiterals reads it). Thread-safe.
  // With `rules`, only patterns of rules r with (*rules)[r] are considered
  // (the caller already knows the others cannot apply).
  void AppendCandidates(std::string_view text, std::string_view folded, const std::vector<bool>* rules,
                        std::vector<std::pair<int, int>>* out) const;

  // How many distinct atoms the prefilter looks for (kLiterals; 0 before first
  // use), for tests and statistics.
  size_t atom_count() const { return atoms_text_.size(); }

 private:
  // The requirement trees of all entries as one graph. Identical subtrees are
  // one node (the relation patterns expand the same mention macros again and
  // again: ~14,000 tree nodes are ~2,700 distinct ones), and a node is true on
  // a text once `needed` of its children are: all of them for an AND, one for
  // an OR or an atom. A text is judged bottom-up, from the atoms found in it
  // to their parents, so the work grows with the atoms present, not with the
  // size of the trees; kAll parts are folded away while the graph is built.
  struct Node {
    uint32_t needed = 1;
    uint32_t first_parent = 0, parent_count = 0;  // into parents_
  };
  static constexpr int kAlways = -1;  // an entry whose tree holds on every text
  struct Graph;                       // what Prepare uses to build the nodes
  int AddNode(const LiteralRequirement& req, Graph* graph) const;
  void Prepare() const;

  Strategy strategy_;
  std::vector<std::string> patterns_;  // per entry
  // Built by Prepare (kLiterals).
  mutable std::vector<std::string> atoms_text_;  // folded, distinct
  mutable std::vector<Node> nodes_;
  mutable std::vector<uint32_t> parents_;
  mutable std::vector<uint32_t> atom_nodes_;  // per atom: its node
  mutable std::vector<int> roots_;            // per entry: its tree's node, or kAlways
  mutable AtomMatcher atoms_;
  mutable std::unique_ptr<RE2::Set> set_;  // kExactSet; null when over its memory budget
  mutable std::once_flag prepared_;
  RE2::Options options_;
  std::vector<std::pair<int, int>> entries_;  // entry -> (rule, pattern)
};

struct LangFilters {
  explicit LangFilters(PatternFilter::Strategy s) : strategy(s) {}
  PatternFilter::Strategy strategy;
  std::map<std::string, PatternFilter> by_rule_lang;  // "ko", "en", "*"
  PatternFilter& For(const std::string& rule_lang) { return by_rule_lang.try_emplace(rule_lang, strategy).first->second; }
  // (rule, pattern), ascending, of the patterns for `lang` (its own and those
  // for every language) that may match `text`.
  void Candidates(std::string_view text, const std::string& lang, std::vector<std::pair<int, int>>* out,
                  const std::vector<bool>* rules = nullptr) const;
};

// Languages a rule may name besides "*".
const std::vector<std::string>& KnownLanguages();
bool LangApplies(const std::string& rule_lang, const std::string& lang);

// RE2 options shared by every compiled pattern.
RE2::Options PatternOptions(const LoadOptions& options);

// Parses a captured date text ("2024-02-29 15:12", "2024.02.29", "2024년 2월
// 29일", "March 1, 2024") into year/month/day attributes.
std::map<std::string, std::string> DateAttributesFromText(std::string_view text);

}  // namespace internal

struct RuleSet::Rep {
  LoadOptions options;
  segment::ParticleSet particles;
  std::vector<std::string> types;             // index -> name
  std::map<std::string, int> type_index;      // name -> index
  std::set<std::string> event_relations;      // from `event` lines
  std::vector<internal::ZoneRule> zones;
  std::vector<internal::EntityRule> entities;
  std::vector<internal::RelationRule> relations;
  std::map<std::string, std::pair<internal::RuleKind, size_t>> ids;
  internal::LangFilters zone_filters{internal::PatternFilter::Strategy::kLiterals};
  internal::LangFilters entity_filters{internal::PatternFilter::Strategy::kExactSet};
  internal::LangFilters relation_filters{internal::PatternFilter::Strategy::kLiterals};
  std::unique_ptr<text::Normalizer> normalizer;  // kNfkc, for zone lines and examples
  // Set by Load when a stamp shows these rule files passed every load-time
  // check before: Build then compiles nothing (see rule_stamp.h).
  bool checked_before = false;
  // Cleared by Build when the pattern scanner disagreed with RE2 on a
  // pattern's groups: such a rule set is never stamped.
  bool stampable = true;

  // Compiles everything parsed; on success `*this` is ready to match.
  Status Build(internal::ParsedRules parsed);

  // Matching primitives shared by the public API and the example runner.
  void MatchEntityPattern(const internal::EntityRule& rule, const internal::EntityPattern& pattern,
                          std::string_view nfkc, std::vector<EntityMatch>* out) const;
  // Appends matches of one relation rule's pattern; `seen` holds the bindings
  // already reported for this rule in this sentence.
  void MatchRelationPattern(const internal::RelationRule& rule, const internal::RelationPattern& pattern,
                            std::string_view nfkc, const internal::TokenizedSentence& tokenized,
                            std::set<std::pair<size_t, size_t>>* seen, std::vector<RelationMatch>* out) const;
  // Could the rule's placeholders for source and target be filled by these
  // mentions' types (counting distinct mentions)?
  // `types` holds each type index present with its number of mentions.
  bool RelationPrefilter(const internal::RelationRule& rule, const std::vector<std::pair<int, int>>& types,
                         std::string* why_not) const;
  std::vector<std::pair<int, int>> TypeCounts(const std::vector<RelationMention>& mentions) const;
  // Does zone rule `rule` classify `nfkc_line`? Fills the date when captured.
  // `*match_end` (optional) receives the end of the match, in bytes of `nfkc_line`.
  bool ZoneMatches(const internal::ZoneRule& rule, std::string_view nfkc_line, std::string* date,
                   size_t* match_end = nullptr) const;
  bool ZonePatternMatches(const internal::ZonePattern& pattern, std::string_view nfkc_line, std::string* date,
                          bool anchor_start, size_t* match_end) const;
  int TypeIndexOf(const std::string& type) const;
};

}  // namespace relata::rules

#endif  // RELATA_RULES_RULE_SET_INTERNAL_H_
