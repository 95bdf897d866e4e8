// Compilation of parsed rules: macro expansion, placeholder compilation, RE2
// compilation with clear errors, the checks that need every file at once
// (types, duplicate ids, group names) and the per-language pattern filters.
#include <algorithm>
#include <cstdio>

#include "rules/rule_set_internal.h"

namespace relata::rules {
namespace internal {
namespace {

const char* const kBuiltinTypes[] = {"person", "company", "organization", "place",
                                     "date",   "money",   "percent",      "quantity"};

std::string Quote(const std::string& s) { return "`" + s + "`"; }

// RE2's own message, the construct it points at and, for the constructs
// people bring from other regex engines, what to do instead.
std::string DescribeRe2Error(const RE2& re, int64_t max_mem) {
  std::string msg = "RE2 cannot compile the pattern: " + re.error();
  const std::string& arg = re.error_arg();
  if (!arg.empty()) msg += " (offending construct " + Quote(arg) + ")";
  switch (re.error_code()) {
    case RE2::ErrorBadEscape:
      if (arg.size() >= 2 && arg[0] == '\\' && arg[1] >= '0' && arg[1] <= '9')
        msg += "; RE2 does not support backreferences such as \\1: repeat the group or capture both and compare "
               "in an attr";
      break;
    case RE2::ErrorBadPerlOp:
    case RE2::ErrorMissingParen:
      if (arg.rfind("(?=", 0) == 0 || arg.rfind("(?!", 0) == 0 || arg.rfind("(?<", 0) == 0)
        msg += "; RE2 does not support lookahead or lookbehind ((?=...), (?!...), (?<=...), (?<!...)): match "
               "the context as part of the pattern and select the mention with a named group and 'mention', or "
               "drop unwanted matches with 'reject'";
      break;
    case RE2::ErrorPatternTooLarge:
      msg += "; the compiled program needs more than max_program_memory (" + std::to_string(max_mem) +
             " bytes): simplify the pattern or split it into several 'pattern' lines";
      break;
    default:
      break;
  }
  return msg;
}

// True when the pattern can match an empty string somewhere. Probes cover the
// contexts RE2's empty-width assertions (^ $ \A \z \b \B) distinguish.
bool CanMatchEmpty(const RE2& re) {
  static const char* const kProbes[] = {"", "a", " ", "a b", "1", ".", "aa", "\xea\xb0\x80", " a "};
  for (const char* probe : kProbes) {
    std::string_view s(probe);
    for (size_t p = 0; p <= s.size(); ++p) {
      if (p < s.size() && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) continue;
      if (re.Match(re2::StringPiece(s.data(), s.size()), p, p, RE2::ANCHOR_BOTH, nullptr, 0)) return true;
    }
  }
  return false;
}

// The type indexes a placeholder accepts; no types means any.
std::bitset<256> TypeMask(const std::vector<int>& types) {
  std::bitset<256> mask;
  if (types.empty()) mask.set();
  for (int t : types) mask.set(static_cast<size_t>(t));
  return mask;
}

struct PatternGroups {
  int num = 0;
  std::map<std::string, int> named;
};

// A template only because RuleSet::Rep is a private name: Rep::Build names it.
template <typename Rep>
class Compiler {
 public:
  Compiler(Rep* rep, ErrorList* errors) : rep_(rep), errors_(errors) {}

  void Run(ParsedRules* parsed) {
    DeclareTypes(parsed->types);
    for (const TypeDecl& d : parsed->events) rep_->event_relations.insert(d.name);
    macros_.Define(parsed->macros, errors_);
    // Expand every macro once, so that a broken macro is reported even when no
    // pattern uses it.
    for (const MacroDef& d : parsed->macros) {
      std::string ignored;
      macros_.Expand("@" + d.name, d.origin, rep_->options.max_pattern_bytes, &ignored, errors_);
    }
    CheckIds(*parsed);
    for (size_t i = 0; i < parsed->zones.size(); ++i) CompileZone(static_cast<int>(i), &parsed->zones[i]);
    for (size_t i = 0; i < parsed->entities.size(); ++i) CompileEntity(static_cast<int>(i), &parsed->entities[i]);
    for (size_t i = 0; i < parsed->relations.size(); ++i)
      CompileRelation(static_cast<int>(i), &parsed->relations[i]);
    rep_->zones = std::move(parsed->zones);
    rep_->entities = std::move(parsed->entities);
    rep_->relations = std::move(parsed->relations);
  }

 private:
  void DeclareTypes(const std::vector<TypeDecl>& decls) {
    for (const char* t : kBuiltinTypes) AddType(t);
    std::map<std::string, Origin> declared;
    for (const TypeDecl& d : decls) {
      if (std::find(std::begin(kBuiltinTypes), std::end(kBuiltinTypes), d.name) != std::end(kBuiltinTypes)) {
        errors_->Add(d.origin, "type '" + d.name + "' is built in and needs no declaration");
        continue;
      }
      // Several files may declare the same extra type; that is one type.
      if (rep_->type_index.count(d.name)) continue;
      if (static_cast<int>(rep_->types.size()) >= kMaxTypes) {
        errors_->Add(d.origin, "too many entity types (at most " + std::to_string(kMaxTypes) + ")");
        continue;
      }
      AddType(d.name);
    }
  }

  void AddType(const std::string& name) {
    rep_->type_index[name] = static_cast<int>(rep_->types.size());
    rep_->types.push_back(name);
  }

  void CheckIds(const ParsedRules& parsed) {
    std::map<std::string, Origin> seen;
    auto check = [&](const std::string& id, const Origin& origin, RuleKind kind, size_t index) {
      auto [it, inserted] = seen.emplace(id, origin);
      if (!inserted) {
        errors_->Add(origin, "duplicate rule id '" + id + "' (first defined at " + it->second.ToString() + ")");
        return;
      }
      rep_->ids[id] = {kind, index};
    };
    for (size_t i = 0; i < parsed.zones.size(); ++i) check(parsed.zones[i].id, parsed.zones[i].origin, RuleKind::kZone, i);
    for (size_t i = 0; i < parsed.entities.size(); ++i)
      check(parsed.entities[i].id, parsed.entities[i].origin, RuleKind::kEntity, i);
    for (size_t i = 0; i < parsed.relations.size(); ++i)
      check(parsed.relations[i].id, parsed.relations[i].origin, RuleKind::kRelation, i);
  }

  // Expands macros and registers `spec` with `filter`; reports and returns
  // null on error.
  std::unique_ptr<LazyRegex> CompilePattern(PatternSpec* spec, PatternFilter* filter, int rule, int index,
                                            PatternGroups* groups) {
    if (!macros_.Expand(spec->text, spec->origin, rep_->options.max_pattern_bytes, &spec->expanded, errors_))
      return nullptr;
    if (!CheckSize(spec->expanded, spec->origin)) return nullptr;
    auto re = std::make_unique<LazyRegex>(spec->expanded, PatternOptions(rep_->options), spec->origin);
    const PatternAnalysis analysis = AnalyzePattern(spec->expanded, /*literals=*/false);
    if (!Check(re.get(), spec->expanded, spec->origin) || !Groups(re.get(), analysis, spec->origin, groups))
      return nullptr;
    filter->Add(spec->expanded, PatternOptions(rep_->options), rule, index);
    return re;
  }

  // The load-time checks of a rule pattern (`re`; errors describe
  // `described`, the pattern as written when `re` is its skeleton): RE2
  // accepts it and it cannot match the empty string. Skipped, and nothing
  // compiled, when the stamp shows these rule files passed them before.
  bool Check(LazyRegex* re, const std::string& described, const Origin& origin) {
    if (rep_->checked_before) return true;
    std::string ignored;
    if (!re->CompileNow(&ignored)) {
      errors_->Add(origin, DescribeRe2Error(RE2(described, PatternOptions(rep_->options)),
                                            rep_->options.max_program_memory));
      return false;
    }
    if (CanMatchEmpty(*re->Get())) {
      errors_->Add(origin, "pattern can match the empty string; every pattern must consume text (look for a "
                           "pattern whose parts are all optional, e.g. x* or (?:...)?)");
      return false;
    }
    return true;
  }

  // The capture groups, from the scanner; when it did not understand the
  // pattern, from RE2 (compiled now). Whenever the pattern was compiled
  // anyway, the two are compared, and a disagreement keeps the rule set from
  // being stamped (RE2 is taken).
  bool Groups(LazyRegex* re, const PatternAnalysis& analysis, const Origin& origin, PatternGroups* out) {
    if (analysis.understood) {
      out->num = analysis.num_groups;
      out->named = analysis.named_groups;
      if (rep_->checked_before) return true;
    }
    std::string error;
    if (!re->CompileNow(&error)) {
      errors_->Add(origin, error);
      return false;
    }
    const RE2& compiled = *re->Get();
    if (analysis.understood && analysis.num_groups == compiled.NumberOfCapturingGroups() &&
        analysis.named_groups == compiled.NamedCapturingGroups())
      return true;
    if (analysis.understood) rep_->stampable = false;
    out->num = compiled.NumberOfCapturingGroups();
    out->named = compiled.NamedCapturingGroups();
    return true;
  }

  // Reject and until patterns, which are not rule patterns: compiled alone.
  std::unique_ptr<RE2> CompileAlone(const std::string& expanded, const Origin& origin, bool reject_empty) {
    if (!CheckSize(expanded, origin)) return nullptr;
    auto re = std::make_unique<RE2>(expanded, PatternOptions(rep_->options));
    if (!re->ok()) {
      errors_->Add(origin, DescribeRe2Error(*re, rep_->options.max_program_memory));
      return nullptr;
    }
    if (reject_empty && CanMatchEmpty(*re)) {
      errors_->Add(origin, "pattern can match the empty string; every pattern must consume text (look for a "
                           "pattern whose parts are all optional, e.g. x* or (?:...)?)");
      return nullptr;
    }
    return re;
  }

  bool CheckSize(const std::string& expanded, const Origin& origin) {
    if (expanded.size() <= rep_->options.max_pattern_bytes) return true;
    errors_->Add(origin, "pattern is " + std::to_string(expanded.size()) + " bytes after expansion, over the limit of " +
                             std::to_string(rep_->options.max_pattern_bytes));
    return false;
  }

  void CompileZone(int index, ZoneRule* z) {
    PatternFilter* filter = &rep_->zone_filters.For(z->lang);
    for (size_t i = 0; i < z->patterns.size(); ++i) {
      ZonePattern& p = z->patterns[i];
      PatternGroups groups;
      p.re = CompilePattern(&p.spec, filter, index, static_cast<int>(i), &groups);
      if (!p.re) continue;
      auto find = [&](const char* name) {
        auto it = groups.named.find(name);
        return it == groups.named.end() ? -1 : it->second;
      };
      p.date_group = find("date");
      p.year_group = find("year");
      p.month_group = find("month");
      p.day_group = find("day");
    }
    if (z->until == segment::LineClass::Until::kPattern &&
        macros_.Expand(z->until_pattern.text, z->until_pattern.origin, rep_->options.max_pattern_bytes,
                       &z->until_pattern.expanded, errors_))
      z->until_re = CompileAlone(z->until_pattern.expanded, z->until_pattern.origin, /*reject_empty=*/true);
  }

  void CompileEntity(int index, EntityRule* e) {
    if (!e->type.empty() && !rep_->type_index.count(e->type))
      errors_->Add(e->type_origin, "unknown entity type '" + e->type + "' (declare it with 'type " + e->type + "')");
    std::set<std::string> all_groups;
    PatternFilter* filter = &rep_->entity_filters.For(e->lang);
    std::vector<std::map<std::string, int>> named(e->patterns.size());  // per pattern
    for (size_t i = 0; i < e->patterns.size(); ++i) {
      EntityPattern& p = e->patterns[i];
      PatternGroups groups;
      p.re = CompilePattern(&p.spec, filter, index, static_cast<int>(i), &groups);
      if (!p.re) continue;
      p.num_groups = groups.num;
      named[i] = groups.named;
      for (const auto& [name, number] : groups.named) all_groups.insert(name);
      if (!e->mention_group.empty()) {
        auto it = groups.named.find(e->mention_group);
        if (it == groups.named.end()) {
          errors_->Add(p.spec.origin, "pattern has no group (?P<" + e->mention_group + ">...) for 'mention " +
                                          e->mention_group + "' (" + e->mention_origin.ToString() + ")");
        } else {
          p.mention_group = it->second;
        }
      }
    }
    bool all_compiled = std::all_of(e->patterns.begin(), e->patterns.end(), [](const EntityPattern& p) { return p.re != nullptr; });
    for (RejectSpec& r : e->rejects) {
      if (!macros_.Expand(r.pattern.text, r.origin, rep_->options.max_pattern_bytes, &r.pattern.expanded, errors_))
        continue;
      // Anchored at both ends: the group must match the stop-word pattern fully.
      r.re = CompileAlone("^(?:" + r.pattern.expanded + ")$", r.origin, /*reject_empty=*/false);
      if (all_compiled && !all_groups.count(r.group))
        errors_->Add(r.origin, "reject names group '" + r.group + "', which no pattern of rule '" + e->id + "' has");
    }
    // Group numbers, not names, are what a match has: looked up once here.
    for (size_t i = 0; i < e->patterns.size(); ++i) {
      for (const RejectSpec& r : e->rejects) {
        auto it = named[i].find(r.group);
        e->patterns[i].reject_groups.push_back(r.re && it != named[i].end() ? it->second : -1);
      }
    }
    if (all_compiled) CheckAttrGroups(e->attrs, all_groups, e->id);
  }

  void CheckAttrGroups(const std::vector<AttrSpec>& attrs, const std::set<std::string>& groups, const std::string& id) {
    for (const AttrSpec& a : attrs) {
      for (const ValuePiece& piece : a.value)
        if (piece.is_group && !groups.count(piece.text))
          errors_->Add(a.origin, "attr " + a.name + " refers to $" + piece.text + ", a group no pattern of rule '" +
                                     id + "' has");
      if (!a.when.empty() && !groups.count(a.when))
        errors_->Add(a.origin, "attr " + a.name + " depends on 'when " + a.when + "', a group no pattern of rule '" +
                                   id + "' has");
    }
  }

  void CompileRelation(int index, RelationRule* r) {
    std::set<std::string> all_groups;
    bool all_compiled = true;
    PatternFilter* filter = &rep_->relation_filters.For(r->lang);
    for (size_t i = 0; i < r->patterns.size(); ++i) {
      RelationPattern& p = r->patterns[i];
      if (!macros_.Expand(p.spec.text, p.spec.origin, rep_->options.max_pattern_bytes, &p.spec.expanded, errors_) ||
          !CompilePlaceholders(p.spec.expanded, p.spec.origin, rep_->type_index, &p.compiled, &p.placeholders,
                               errors_)) {
        all_compiled = false;
        continue;
      }
      bool roles_ok = true;
      for (const auto& [a, b] : r->within) {
        for (const std::string& role : {a, b}) {
          if (std::none_of(p.placeholders.begin(), p.placeholders.end(),
                           [&](const Placeholder& ph) { return ph.role == role; })) {
            errors_->Add(p.spec.origin, "role '" + role + "' of 'require' is not bound in this pattern");
            roles_ok = false;
          }
        }
      }
      for (const std::string* role : {&r->source_role, &r->target_role}) {
        if (role->empty()) continue;
        bool bound = std::any_of(p.placeholders.begin(), p.placeholders.end(),
                                 [&](const Placeholder& ph) { return ph.role == *role; });
        if (!bound) {
          errors_->Add(p.spec.origin, std::string(role == &r->source_role ? "source" : "target") + " role '" +
                                          *role + "' is not bound in this pattern (write {" + *role + ":TYPE})");
          roles_ok = false;
        }
      }
      const Skeleton skeleton = RelaxCountedRepetitions(p.compiled);
      if (skeleton.max_repetition_product > kMaxRepetitionProduct) {
        errors_->Add(p.spec.origin, "RE2 cannot compile the pattern: counted repetitions {m,n} nest to " +
                                        std::to_string(skeleton.max_repetition_product) + " repeats, more than RE2's " +
                                        std::to_string(kMaxRepetitionProduct) + "; use * or + for an open gap");
        all_compiled = false;
        continue;
      }
      if (!CheckSize(p.compiled, p.spec.origin)) {
        all_compiled = false;
        continue;
      }
      // The skeleton stands in for the pattern in the load-time checks and
      // in a cheap first test at match time; the groups (here) and the
      // literals (when the filter is first used) come from the pattern's text.
      const PatternAnalysis analysis = AnalyzePattern(p.compiled, /*literals=*/false);
      p.skeleton = std::make_unique<LazyRegex>(skeleton.pattern, PatternOptions(rep_->options), p.spec.origin);
      p.re = std::make_unique<LazyRegex>(p.compiled, PatternOptions(rep_->options), p.spec.origin);
      PatternGroups groups;
      bool ok = Check(p.skeleton.get(), p.compiled, p.spec.origin) &&
                Groups(p.skeleton.get(), analysis, p.spec.origin, &groups);
      std::string error;
      if (ok && rep_->options.compile_all_at_load && !p.re->CompileNow(&error)) {
        errors_->Add(p.spec.origin, error);
        ok = false;
      }
      if (!ok) {
        p.skeleton.reset();
        p.re.reset();
      } else {
        filter->Add(p.compiled, PatternOptions(rep_->options), index, static_cast<int>(i));
      }
      if (!ok || !roles_ok) {
        all_compiled = false;
        continue;
      }
      p.num_groups = groups.num;
      const auto& named = groups.named;
      for (const Placeholder& ph : p.placeholders) {
        if (ph.role.empty()) continue;
        int group = named.at(ph.role);
        if (ph.role == r->source_role) {
          p.source_group = group;
          p.source_types = ph.types;
        } else if (ph.role == r->target_role) {
          p.target_group = group;
          p.target_types = ph.types;
        } else {
          p.other_roles[ph.role] = group;
        }
      }
      for (const auto& [name, number] : named) all_groups.insert(name);
      const std::pair<std::bitset<256>, std::bitset<256>> masks(TypeMask(p.source_types), TypeMask(p.target_types));
      if (std::find(r->type_masks.begin(), r->type_masks.end(), masks) == r->type_masks.end())
        r->type_masks.push_back(masks);
    }
    if (all_compiled) CheckAttrGroups(r->attrs, all_groups, r->id);
    if (all_compiled) {
      for (const auto& [group, origin] : r->rejects) {
        if (!all_groups.count(group)) {
          errors_->Add(origin, "reject " + group + " names a group no pattern of rule '" + r->id + "' has");
        }
      }
    }
  }

  Rep* rep_;
  ErrorList* errors_;
  MacroTable macros_;
};

}  // namespace

Skeleton RelaxCountedRepetitions(std::string_view p) {
  Skeleton result;
  std::string& out = result.pattern;
  out.reserve(p.size());
  auto digits = [&](size_t i, int64_t* value) {
    *value = 0;
    while (i < p.size() && p[i] >= '0' && p[i] <= '9') {
      *value = std::min<int64_t>(*value * 10 + (p[i] - '0'), int64_t{1} << 40);
      ++i;
    }
    return i;
  };
  // RE2 refuses nested counted repetitions whose product exceeds 1000; the
  // skeleton has none left, so the product is computed here: one entry per
  // open group (the largest product inside it), the last for the top level.
  std::vector<int64_t> inside{1};
  int64_t closed_group = -1;  // the product inside a group that just closed
  auto note = [&](int64_t product) {
    inside.back() = std::max(inside.back(), product);
    result.max_repetition_product = std::max(result.max_repetition_product, product);
  };
  bool in_class = false;
  size_t i = 0;
  while (i < p.size()) {
    const char c = p[i];
    int64_t group = closed_group;
    closed_group = -1;
    if (c == '\\') {
      size_t end = std::min(i + 2, p.size());
      if (end < p.size() && p[i + 1] == 'Q') {  // \Q...\E quotes braces too
        size_t close = p.find("\\E", end);
        end = close == std::string_view::npos ? p.size() : close + 2;
      } else if (end < p.size() && p[end] == '{' && (p[i + 1] == 'x' || p[i + 1] == 'p' || p[i + 1] == 'P')) {
        size_t close = p.find('}', end);
        end = close == std::string_view::npos ? p.size() : close + 1;
      }
      out.append(p.substr(i, end - i));
      i = end;
      continue;
    }
    if (in_class) {
      if (c == '[' && i + 1 < p.size() && p[i + 1] == ':') {  // [:alpha:]
        size_t close = p.find(":]", i + 2);
        size_t end = close == std::string_view::npos ? p.size() : close + 2;
        out.append(p.substr(i, end - i));
        i = end;
        continue;
      }
      if (c == ']') in_class = false;
      out += c;
      ++i;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      ++i;
      if (i < p.size() && p[i] == '^') out += p[i++];
      if (i < p.size() && p[i] == ']') out += p[i++];  // a leading ] is literal
      continue;
    }
    if (c == '(') inside.push_back(1);
    if (c == ')' && inside.size() > 1) {
      closed_group = inside.back();
      inside.pop_back();
      note(closed_group);
    }
    if (c == '{') {
      int64_t min = 0, max = -1;
      const size_t m_end = digits(i + 1, &min);
      if (m_end > i + 1 && m_end < p.size()) {
        size_t end = m_end;
        if (p[end] == ',') {
          const size_t n_end = digits(end + 1, &max);
          if (n_end == end + 1) max = -1;
          end = n_end;
        } else {
          max = min;
        }
        if (end < p.size() && p[end] == '}') {
          const int64_t times = max > 0 ? max : std::max<int64_t>(min, 1);
          // Both factors capped: anything over kMaxRepetitionProduct is refused
          // anyway, and uncapped counts nested deeply overflow int64_t.
          constexpr int64_t kFactorCap = int64_t{1} << 30;
          note(std::min<int64_t>(group > 0 ? group : 1, kFactorCap) * std::min(times, kFactorCap));
          out += min == 0 ? '*' : '+';
          i = end + 1;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
  return result;
}

bool LazyRegex::CompileNow(std::string* error) {
  const RE2* re = Compile(/*report=*/false);
  if (re != nullptr) return true;
  *error = DescribeRe2Error(RE2(pattern_, options_), options_.max_mem());
  return false;
}

const RE2* LazyRegex::Compile(bool report) const {
  std::call_once(once_, [this, report] {
    auto re = std::make_unique<RE2>(pattern_, options_);
    if (re->ok()) {
      re_ = std::move(re);
      return;
    }
    // Only a program over the memory budget gets here (the skeleton passed the
    // parser at load); `relata test-rules` reports it as a load error.
    if (report)
      std::fprintf(stderr, "relata: %s: %s; the pattern is skipped\n", origin_.ToString().c_str(),
                   DescribeRe2Error(*re, options_.max_mem()).c_str());
  });
  return re_.get();
}

const RE2* LazyRegex::Get() const { return Compile(/*report=*/true); }

RE2::Options PatternOptions(const LoadOptions& options) {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_log_errors(false);
  o.set_max_mem(options.max_program_memory);
  return o;
}

}  // namespace internal

Status RuleSet::Rep::Build(internal::ParsedRules parsed) {
  internal::ErrorList errors;
  internal::Compiler<Rep>(this, &errors).Run(&parsed);
  if (!errors.empty()) return errors.ToStatus();
  auto normalizer = text::Normalizer::Create(text::NormalForm::kNfkc);
  if (!normalizer.ok()) return normalizer.status();
  this->normalizer = std::make_unique<text::Normalizer>(std::move(normalizer).value());
  return Status::Ok();
}

int RuleSet::Rep::TypeIndexOf(const std::string& type) const {
  auto it = type_index.find(type);
  return it == type_index.end() ? internal::kUnknownTypeIndex : it->second;
}

}  // namespace relata::rules
