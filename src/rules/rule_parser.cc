// The line-oriented reader of *.rules files (format: docs/rules.md). It only
// splits lines into top-level declarations and rule blocks and checks the
// keys; patterns are compiled later, once every file (and so every macro and
// type) is known.
#include <cerrno>
#include <cstdlib>
#include <limits>
#include <sstream>

#include "rules/rule_set_internal.h"

namespace relata::rules::internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  return s;
}

// Splits "key rest" at the first run of white space.
void SplitKey(std::string_view line, std::string_view* key, std::string_view* value) {
  size_t i = 0;
  while (i < line.size() && !IsSpace(line[i])) ++i;
  *key = line.substr(0, i);
  *value = TrimLeft(line.substr(i));
}

bool IsIdentStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

bool IsIdentifierText(std::string_view s) {
  if (s.empty() || !IsIdentStart(s[0])) return false;
  for (char c : s)
    if (!IsIdentChar(c)) return false;
  return true;
}

// Rule ids: letters, digits and _ . : / - (no white space), e.g. ko.person-title.
bool IsRuleId(std::string_view s) {
  if (s.empty() || !IsIdentChar(s[0])) return false;
  for (char c : s)
    if (!IsIdentChar(c) && c != '.' && c != ':' && c != '/' && c != '-') return false;
  return true;
}

// Entity and relation type names: a letter, then letters, digits, _ and -.
bool IsTypeName(std::string_view s) {
  if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return false;
  for (char c : s)
    if (!IsIdentChar(c) && c != '-') return false;
  return true;
}

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t FirstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len;
    char32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (int k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

// Parses an attribute value into constant pieces and $group / ${group}
// references; `$$` is a literal '$' and a '$' before anything else is literal.
bool ParseValue(std::string_view v, std::vector<ValuePiece>* out, std::string* error) {
  std::string constant;
  auto flush = [&] {
    if (!constant.empty()) out->push_back({false, constant});
    constant.clear();
  };
  size_t i = 0;
  while (i < v.size()) {
    if (v[i] != '$') {
      constant += v[i++];
      continue;
    }
    if (i + 1 < v.size() && v[i + 1] == '$') {
      constant += '$';
      i += 2;
    } else if (i + 1 < v.size() && v[i + 1] == '{') {
      size_t close = v.find('}', i + 2);
      if (close == std::string_view::npos) {
        *error = "unclosed ${ in attribute value";
        return false;
      }
      std::string_view name = v.substr(i + 2, close - i - 2);
      if (!IsIdentifierText(name)) {
        *error = "'${" + std::string(name) + "}' does not name a group (expected an identifier)";
        return false;
      }
      flush();
      out->push_back({true, std::string(name)});
      i = close + 1;
    } else if (i + 1 < v.size() && IsIdentStart(v[i + 1])) {
      size_t j = i + 1;
      while (j < v.size() && IsIdentChar(v[j])) ++j;
      flush();
      out->push_back({true, std::string(v.substr(i + 1, j - i - 1))});
      i = j;
    } else {
      constant += v[i++];
    }
  }
  flush();
  return true;
}

class Parser {
 public:
  Parser(const std::string& file, const LoadOptions& options, ParsedRules* out, ErrorList* errors)
      : file_(file), options_(options), out_(out), errors_(errors) {}

  void Run(std::string_view text) {
    if (text.size() > options_.max_file_bytes) {
      errors_->AddPlain(file_ + ": file is " + std::to_string(text.size()) +
                        " bytes, over the limit of " + std::to_string(options_.max_file_bytes));
      return;
    }
    size_t bad = FirstInvalidUtf8(text);
    if (bad != std::string_view::npos) {
      int line = 1;
      for (size_t i = 0; i < bad; ++i)
        if (text[i] == '\n') ++line;
      errors_->Add({file_, line}, "invalid UTF-8 (rule files are UTF-8 text)");
      return;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    int line_no = 0;
    size_t pos = 0;
    while (pos <= text.size() && !errors_->full()) {
      size_t nl = text.find('\n', pos);
      std::string_view line = text.substr(pos, nl == std::string_view::npos ? text.npos : nl - pos);
      ++line_no;
      HandleLine(TrimRight(line), line_no);
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
    EndBlock();
  }

 private:
  enum class Block { kNone, kZone, kEntity, kRelation };

  Origin At(int line) const { return Origin{file_, line}; }
  void Error(int line, const std::string& message) { errors_->Add(At(line), message); }

  void HandleLine(std::string_view line, int line_no) {
    std::string_view content = TrimLeft(line);
    if (content.empty() || content[0] == '#') return;
    bool indented = IsSpace(line[0]);
    std::string_view key, value;
    SplitKey(content, &key, &value);
    if (indented) {
      if (block_ == Block::kNone) {
        Error(line_no, "indented line '" + std::string(key) +
                           "' outside a rule block (start one with zone, entity or relation)");
        return;
      }
      HandleBodyLine(std::string(key), std::string(value), line_no);
      return;
    }
    EndBlock();
    HandleTopLevel(std::string(key), std::string(value), line_no);
  }

  void HandleTopLevel(const std::string& key, const std::string& value, int line_no) {
    if (key == "lang") {
      if (!CheckLang(value, line_no)) return;
      file_lang_ = value;
    } else if (key == "type") {
      if (value.empty()) return Error(line_no, "'type' needs a type name");
      if (!IsTypeName(value))
        return Error(line_no, "'" + value + "' is not a type name (a letter, then letters, digits, _ or -)");
      out_->types.push_back({At(line_no), value});
    } else if (key == "event") {
      if (value.empty()) return Error(line_no, "'event' needs a relation type");
      if (!IsTypeName(value))
        return Error(line_no, "'" + value + "' is not a relation type name (a letter, then letters, digits, _ or -)");
      out_->events.push_back({At(line_no), value});
    } else if (key == "define") {
      std::string_view name, body;
      SplitKey(value, &name, &body);
      if (name.empty()) return Error(line_no, "'define' needs a name and a value");
      if (!IsIdentifierText(name))
        return Error(line_no, "macro name '" + std::string(name) + "' is not an identifier");
      if (body.empty()) return Error(line_no, "macro @" + std::string(name) + " has no value");
      out_->macros.push_back({At(line_no), std::string(name), std::string(body)});
    } else if (key == "zone" || key == "entity" || key == "relation") {
      if (value.empty()) return Error(line_no, "'" + key + "' needs a rule id");
      if (!IsRuleId(value))
        return Error(line_no, "'" + value + "' is not a rule id (letters, digits and _ . : / -)");
      block_line_ = line_no;
      if (key == "zone") {
        block_ = Block::kZone;
        out_->zones.emplace_back();
        out_->zones.back().id = value;
        out_->zones.back().origin = At(line_no);
        out_->zones.back().lang = file_lang_;
      } else if (key == "entity") {
        block_ = Block::kEntity;
        out_->entities.emplace_back();
        out_->entities.back().id = value;
        out_->entities.back().origin = At(line_no);
        out_->entities.back().lang = file_lang_;
      } else {
        block_ = Block::kRelation;
        out_->relations.emplace_back();
        out_->relations.back().id = value;
        out_->relations.back().origin = At(line_no);
        out_->relations.back().lang = file_lang_;
      }
    } else {
      std::string hint;
      static const std::set<std::string> kBodyKeys = {
          "line",   "block",  "prefix",  "until",     "pattern",   "mention",  "reject",   "attr",
          "source", "target", "symmetric", "directed",  "priority", "example+", "example-",
          "confidence", "require"};
      if (kBodyKeys.count(key)) hint = " (rule body lines must be indented)";
      Error(line_no, "unknown keyword '" + key +
                         "' (expected lang, type, define, zone, entity or relation)" + hint);
    }
  }

  bool CheckLang(const std::string& value, int line_no) {
    if (value.empty()) {
      Error(line_no, "'lang' needs a value (ko, en or *)");
      return false;
    }
    if (value == "*") return true;
    for (const auto& l : KnownLanguages())
      if (l == value) return true;
    std::string known;
    for (const auto& l : KnownLanguages()) known += l + ", ";
    Error(line_no, "unknown language '" + value + "' (expected " + known + "or *)");
    return false;
  }

  // Returns false (after reporting) when a key that takes a value has none.
  bool NeedValue(const std::string& key, const std::string& value, int line_no) {
    if (!value.empty()) return true;
    Error(line_no, "'" + key + "' needs a value");
    return false;
  }

  bool ParseExample(const std::string& key, const std::string& value, int line_no,
                    std::vector<ExampleSpec>* examples) {
    if (key != "example+" && key != "example-") return false;
    if (NeedValue(key, value, line_no)) examples->push_back({At(line_no), key == "example+", value});
    return true;
  }

  void Duplicate(const std::string& key, int line_no) {
    Error(line_no, "'" + key + "' given twice in rule '" + CurrentId() + "'");
  }

  std::string CurrentId() const {
    switch (block_) {
      case Block::kZone: return out_->zones.back().id;
      case Block::kEntity: return out_->entities.back().id;
      case Block::kRelation: return out_->relations.back().id;
      case Block::kNone: break;
    }
    return "";
  }

  void UnknownKey(const std::string& key, const char* kind, const char* expected, int line_no) {
    Error(line_no, "unknown key '" + key + "' in " + kind + " rule '" + CurrentId() + "' (expected " +
                       expected + ")");
  }

  bool ParseAttr(const std::string& value, int line_no, bool allow_when, std::vector<AttrSpec>* attrs) {
    size_t eq = value.find('=');
    if (eq == std::string::npos) {
      Error(line_no, "attr needs the form 'attr NAME = VALUE'");
      return false;
    }
    std::string name(TrimRight(std::string_view(value).substr(0, eq)));
    std::string rest(TrimLeft(std::string_view(value).substr(eq + 1)));
    if (!IsIdentifierText(name)) {
      Error(line_no, "attribute name '" + name + "' is not an identifier");
      return false;
    }
    AttrSpec attr;
    attr.origin = At(line_no);
    attr.name = name;
    // "... when GROUP" at the end of the value is the condition.
    if (allow_when) {
      size_t w = rest.rfind(" when ");
      if (w != std::string::npos) {
        std::string group(TrimLeft(std::string_view(rest).substr(w + 6)));
        if (IsIdentifierText(group)) {
          attr.when = group;
          rest = std::string(TrimRight(std::string_view(rest).substr(0, w)));
        }
      }
    }
    if (rest.empty()) {
      Error(line_no, "attr " + name + " has no value after '='");
      return false;
    }
    attr.raw_value = rest;
    std::string error;
    if (!ParseValue(rest, &attr.value, &error)) {
      Error(line_no, error);
      return false;
    }
    attrs->push_back(std::move(attr));
    return true;
  }

  void HandleBodyLine(const std::string& key, const std::string& value, int line_no) {
    if (key == "symmetric" || key == "directed") {
      if (block_ != Block::kRelation) {
        UnknownKey(key, block_ == Block::kZone ? "zone" : "entity",
                   block_ == Block::kZone ? "line, block, until, lang, example+, example-"
                                          : "type, pattern, mention, reject, attr, priority, lang, "
                                            "example+, example-",
                   line_no);
        return;
      }
      if (!value.empty()) return Error(line_no, "'" + key + "' takes no value");
      RelationRule& r = out_->relations.back();
      if (r.has_direction) return Error(line_no, "direction given twice in rule '" + r.id + "'");
      r.has_direction = true;
      r.directed = key == "directed";
      return;
    }
    if (!NeedValue(key, value, line_no)) return;
    if (key == "lang") {
      if (!CheckLang(value, line_no)) return;
      switch (block_) {
        case Block::kZone: out_->zones.back().lang = value; break;
        case Block::kEntity: out_->entities.back().lang = value; break;
        case Block::kRelation: out_->relations.back().lang = value; break;
        case Block::kNone: break;
      }
      return;
    }
    switch (block_) {
      case Block::kZone: return ZoneKey(key, value, line_no);
      case Block::kEntity: return EntityKey(key, value, line_no);
      case Block::kRelation: return RelationKey(key, value, line_no);
      case Block::kNone: return;
    }
  }

  void ZoneKey(const std::string& key, const std::string& value, int line_no) {
    ZoneRule& z = out_->zones.back();
    if (ParseExample(key, value, line_no, &z.examples)) return;
    if (key == "line" || key == "block" || key == "prefix") {
      if (!z.patterns.empty() && (z.is_block != (key == "block") || z.is_prefix != (key == "prefix")))
        return Error(line_no, "zone rule '" + z.id + "' mixes 'line', 'block' and 'prefix' patterns; make two rules");
      z.is_block = key == "block";
      z.is_prefix = key == "prefix";
      z.patterns.emplace_back();
      z.patterns.back().spec = {At(line_no), value, ""};
    } else if (key == "until") {
      if (z.has_until) return Duplicate(key, line_no);
      z.has_until = true;
      z.until_origin = At(line_no);
      if (value == "blank") {
        z.until = segment::LineClass::Until::kBlankLine;
      } else if (value == "end") {
        z.until = segment::LineClass::Until::kEndOfText;
      } else {
        z.until = segment::LineClass::Until::kPattern;
        z.until_pattern = {At(line_no), value, ""};
      }
    } else {
      UnknownKey(key, "zone", "line, block, until, lang, example+, example-", line_no);
    }
  }

  void EntityKey(const std::string& key, const std::string& value, int line_no) {
    EntityRule& e = out_->entities.back();
    if (ParseExample(key, value, line_no, &e.examples)) return;
    if (key == "type") {
      if (!e.type.empty()) return Duplicate(key, line_no);
      if (!IsTypeName(value)) return Error(line_no, "'" + value + "' is not a type name");
      e.type = value;
      e.type_origin = At(line_no);
    } else if (key == "pattern") {
      e.patterns.emplace_back();
      e.patterns.back().spec = {At(line_no), value, ""};
    } else if (key == "mention") {
      if (!e.mention_group.empty()) return Duplicate(key, line_no);
      if (!IsIdentifierText(value)) return Error(line_no, "mention group '" + value + "' is not an identifier");
      e.mention_group = value;
      e.mention_origin = At(line_no);
    } else if (key == "reject") {
      std::string_view group, pattern;
      SplitKey(value, &group, &pattern);
      if (!IsIdentifierText(group))
        return Error(line_no, "reject needs 'reject GROUP PATTERN'; '" + std::string(group) +
                                  "' is not a group name");
      if (pattern.empty()) return Error(line_no, "reject " + std::string(group) + " has no pattern");
      RejectSpec r;
      r.origin = At(line_no);
      r.group = std::string(group);
      r.pattern = {At(line_no), std::string(pattern), ""};
      e.rejects.push_back(std::move(r));
    } else if (key == "attr") {
      ParseAttr(value, line_no, /*allow_when=*/true, &e.attrs);
    } else if (key == "priority") {
      if (e.has_priority) return Duplicate(key, line_no);
      errno = 0;
      char* end = nullptr;
      long v = std::strtol(value.c_str(), &end, 10);
      if (end == value.c_str() || *end != '\0' || errno == ERANGE || v < std::numeric_limits<int>::min() ||
          v > std::numeric_limits<int>::max())
        return Error(line_no, "priority '" + value + "' is not an integer");
      e.priority = static_cast<int>(v);
      e.has_priority = true;
    } else {
      UnknownKey(key, "entity",
                 "type, pattern, mention, reject, attr, priority, lang, example+, example-", line_no);
    }
  }

  void RelationKey(const std::string& key, const std::string& value, int line_no) {
    RelationRule& r = out_->relations.back();
    if (ParseExample(key, value, line_no, &r.examples)) return;
    if (key == "type") {
      if (!r.relation.empty()) return Duplicate(key, line_no);
      if (!IsTypeName(value)) return Error(line_no, "'" + value + "' is not a relation type name");
      r.relation = value;
    } else if (key == "source" || key == "target") {
      std::string& role = key == "source" ? r.source_role : r.target_role;
      if (!role.empty()) return Duplicate(key, line_no);
      if (!IsIdentifierText(value)) return Error(line_no, "role '" + value + "' is not an identifier");
      role = value;
    } else if (key == "pattern") {
      r.patterns.emplace_back();
      r.patterns.back().spec = {At(line_no), value, ""};
    } else if (key == "attr") {
      ParseAttr(value, line_no, /*allow_when=*/true, &r.attrs);
    } else if (key == "reject") {
      if (!IsIdentifierText(value)) {
        return Error(line_no, "a relation rule's reject takes one group name ('reject GROUP'), got '" + value + "'");
      }
      r.rejects.emplace_back(value, At(line_no));
    } else if (key == "require") {
      // require ROLE within ROLE
      std::istringstream in(value);
      std::string a, op, b, extra;
      in >> a >> op >> b >> extra;
      if (op != "within" || a.empty() || b.empty() || !extra.empty() || !IsIdentifierText(a) || !IsIdentifierText(b)) {
        return Error(line_no, "require takes 'ROLE within ROLE', got '" + value + "'");
      }
      r.within.emplace_back(a, b);
    } else if (key == "confidence") {
      if (r.has_confidence) return Duplicate(key, line_no);
      errno = 0;
      char* end = nullptr;
      double v = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end != '\0' || errno == ERANGE || !(v >= 0.0 && v <= 1.0))
        return Error(line_no, "confidence '" + value + "' is not a number between 0 and 1");
      r.confidence = v;
      r.has_confidence = true;
    } else {
      UnknownKey(key, "relation",
                 "type, symmetric, directed, source, target, pattern, attr, reject, require, confidence, lang, "
                 "example+, example-",
                 line_no);
    }
  }

  // Checks the finished block for required keys.
  void EndBlock() {
    Origin at = At(block_line_);
    switch (block_) {
      case Block::kNone: break;
      case Block::kZone: {
        ZoneRule& z = out_->zones.back();
        if (z.patterns.empty()) errors_->Add(at, "zone rule '" + z.id + "' needs a 'line' or 'block' pattern");
        if (z.has_until && !z.is_block)
          errors_->Add(z.until_origin, "'until' belongs to 'block' zone rules; '" + z.id + "' is a 'line' rule");
        break;
      }
      case Block::kEntity: {
        EntityRule& e = out_->entities.back();
        if (e.type.empty()) errors_->Add(at, "entity rule '" + e.id + "' needs a 'type'");
        if (e.patterns.empty()) errors_->Add(at, "entity rule '" + e.id + "' needs at least one 'pattern'");
        break;
      }
      case Block::kRelation: {
        RelationRule& r = out_->relations.back();
        if (r.relation.empty()) errors_->Add(at, "relation rule '" + r.id + "' needs a 'type'");
        if (r.source_role.empty()) errors_->Add(at, "relation rule '" + r.id + "' needs a 'source' role");
        if (r.target_role.empty()) errors_->Add(at, "relation rule '" + r.id + "' needs a 'target' role");
        if (!r.source_role.empty() && r.source_role == r.target_role)
          errors_->Add(at, "relation rule '" + r.id + "': source and target are the same role '" +
                               r.source_role + "'");
        if (r.patterns.empty()) errors_->Add(at, "relation rule '" + r.id + "' needs at least one 'pattern'");
        break;
      }
    }
    block_ = Block::kNone;
  }

  std::string file_;
  const LoadOptions& options_;
  ParsedRules* out_;
  ErrorList* errors_;
  std::string file_lang_ = "*";
  Block block_ = Block::kNone;
  int block_line_ = 0;
};

}  // namespace

void ErrorList::Add(const Origin& origin, const std::string& message) {
  AddPlain(origin.ToString() + ": " + message);
}

void ErrorList::AddPlain(const std::string& message) {
  if (messages_.size() >= kMaxErrors) {
    ++dropped_;
    return;
  }
  messages_.push_back(message);
}

Status ErrorList::ToStatus() const {
  if (messages_.empty()) return Status::Ok();
  std::string all;
  for (const auto& m : messages_) {
    if (!all.empty()) all += '\n';
    all += m;
  }
  if (dropped_ > 0 || messages_.size() >= kMaxErrors)
    all += "\n(stopped after " + std::to_string(kMaxErrors) + " errors)";
  return Status::DataError(all);
}

const std::vector<std::string>& KnownLanguages() {
  static const std::vector<std::string> kLanguages = {"ko", "en"};
  return kLanguages;
}

bool LangApplies(const std::string& rule_lang, const std::string& lang) {
  return rule_lang == "*" || rule_lang == lang;
}

void ParseRuleFile(std::string_view text, const std::string& file_name, const LoadOptions& options,
                   ParsedRules* out, ErrorList* errors) {
  Parser(file_name, options, out, errors).Run(text);
}

}  // namespace relata::rules::internal
