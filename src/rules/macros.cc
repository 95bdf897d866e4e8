// Macro expansion: @NAME is replaced by (?:VALUE) with VALUE itself expanded.
// Macros are global across all loaded files and may be defined in any order,
// so expansion happens after parsing, memoized per macro; a stack of the
// macros being expanded detects cycles.
#include <algorithm>

#include "rules/rule_set_internal.h"

namespace relata::rules::internal {
namespace {

bool IsIdentStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

}  // namespace

void MacroTable::Define(const std::vector<MacroDef>& defs, ErrorList* errors) {
  for (const MacroDef& d : defs) {
    auto it = defs_.find(d.name);
    if (it != defs_.end()) {
      errors->Add(d.origin, "macro @" + d.name + " is already defined at " + it->second.origin.ToString());
      continue;
    }
    defs_.emplace(d.name, d);
  }
}

bool MacroTable::Expand(const std::string& text, const Origin& origin, size_t max_bytes, std::string* out,
                        ErrorList* errors) {
  std::vector<std::string> stack;
  out->clear();
  if (!ExpandInto(text, origin, max_bytes, &stack, out, errors)) return false;
  if (out->size() > max_bytes) {
    errors->Add(origin, "pattern is " + std::to_string(out->size()) + " bytes after macro expansion, over the limit of " +
                            std::to_string(max_bytes));
    return false;
  }
  return true;
}

bool MacroTable::ExpandInto(const std::string& text, const Origin& origin, size_t max_bytes,
                            std::vector<std::string>* stack, std::string* out, ErrorList* errors) {
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c != '@') {
      out->push_back(c);
      ++i;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '@') {  // @@ is a literal @
      out->push_back('@');
      i += 2;
      continue;
    }
    if (i + 1 >= text.size() || !IsIdentStart(text[i + 1])) {  // @ before a non-identifier is literal
      out->push_back('@');
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < text.size() && IsIdentChar(text[j])) ++j;
    std::string name = text.substr(i + 1, j - i - 1);
    if (!defs_.count(name)) {
      errors->Add(origin, "undefined macro @" + name + " (write @@ for a literal @)");
      return false;
    }
    if (std::find(stack->begin(), stack->end(), name) != stack->end()) {
      std::string chain;
      for (const auto& s : *stack) chain += "@" + s + " -> ";
      chain += "@" + name;
      errors->Add(defs_.at(name).origin, "macro cycle: " + chain);
      return false;
    }
    if (!ExpandMacro(name, max_bytes, stack, errors)) return false;
    const std::string& value = expanded_.at(name);
    out->append("(?:");
    out->append(value);
    out->append(")");
    if (out->size() > max_bytes) {
      errors->Add(origin, "pattern exceeds " + std::to_string(max_bytes) + " bytes while expanding @" + name);
      return false;
    }
    i = j;
  }
  return true;
}

bool MacroTable::ExpandMacro(const std::string& name, size_t max_bytes, std::vector<std::string>* stack,
                             ErrorList* errors) {
  if (expanded_.count(name)) return true;
  // A macro that failed once was already reported; do not report it again
  // from every pattern that uses it.
  if (failed_.count(name)) return false;
  const MacroDef& def = defs_.at(name);
  stack->push_back(name);
  std::string value;
  bool ok = ExpandInto(def.value, def.origin, max_bytes, stack, &value, errors);
  stack->pop_back();
  if (!ok) {
    failed_.insert(name);
    return false;
  }
  expanded_.emplace(name, std::move(value));
  return true;
}

}  // namespace relata::rules::internal
