// Relation patterns see a sentence whose mentions are replaced by reserved
// tokens: U+E000, one type code point (U+E100 + type index), the mention index
// in private digits U+E010..U+E019, U+E001. A placeholder {role:type|type}
// compiles to a regex matching exactly such tokens, so RE2 does all the work
// and text between mentions (particles, verbs) is matched as written.
#include <algorithm>
#include <numeric>

#include "rules/rule_set_internal.h"
#include "text/source_text.h"

namespace relata::rules::internal {
namespace {

bool IsIdentStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

bool IsIdentifier(const std::string& s) {
  if (s.empty() || !IsIdentStart(s[0])) return false;
  return std::all_of(s.begin(), s.end(), IsIdentChar);
}

std::string CodePointEscape(char32_t c) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string hex;
  for (int shift = 12; shift >= 0; shift -= 4) hex += kHex[(c >> shift) & 0xF];
  return "\\x{" + hex + "}";
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

bool CompilePlaceholders(const std::string& pattern, const Origin& origin,
                         const std::map<std::string, int>& type_index, std::string* compiled,
                         std::vector<Placeholder>* placeholders, ErrorList* errors) {
  compiled->clear();
  placeholders->clear();
  std::set<std::string> roles;
  bool in_class = false;
  size_t i = 0;
  const size_t n = pattern.size();
  while (i < n) {
    char c = pattern[i];
    if (c == '\\') {
      // An escape is copied whole; \p{..}, \x{..} carry braces that are not placeholders.
      compiled->push_back(c);
      if (i + 1 < n) {
        char e = pattern[i + 1];
        compiled->push_back(e);
        i += 2;
        if ((e == 'p' || e == 'P' || e == 'x') && i < n && pattern[i] == '{') {
          size_t close = pattern.find('}', i);
          if (close == std::string::npos) close = n - 1;
          compiled->append(pattern, i, close - i + 1);
          i = close + 1;
        }
      } else {
        ++i;
      }
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      compiled->push_back(c);
      ++i;
      continue;
    }
    if (c == '[') {
      in_class = true;
      compiled->push_back(c);
      ++i;
      // "[]" and "[^]" start a class whose first member is ']'.
      if (i < n && pattern[i] == '^') compiled->push_back(pattern[i++]);
      if (i < n && pattern[i] == ']') compiled->push_back(pattern[i++]);
      continue;
    }
    if (c == '{') {
      size_t close = pattern.find('}', i + 1);
      std::string body = close == std::string::npos ? "" : pattern.substr(i + 1, close - i - 1);
      size_t colon = body.find(':');
      if (close != std::string::npos && colon != std::string::npos && body.find('{') == std::string::npos) {
        std::string role = body.substr(0, colon);
        std::string types_text = body.substr(colon + 1);
        std::string shown = "{" + body + "}";
        if (!role.empty() && !IsIdentifier(role)) {
          errors->Add(origin, "role '" + role + "' in placeholder " + shown + " is not an identifier");
          return false;
        }
        if (!role.empty() && !roles.insert(role).second) {
          errors->Add(origin, "role '" + role + "' is used twice in one pattern (placeholder " + shown +
                                  "); write alternatives as separate 'pattern' lines");
          return false;
        }
        Placeholder ph;
        ph.role = role;
        if (types_text != "*") {
          size_t start = 0;
          while (true) {
            size_t bar = types_text.find('|', start);
            std::string t = types_text.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
            auto it = type_index.find(t);
            if (it == type_index.end()) {
              errors->Add(origin, "unknown entity type '" + t + "' in placeholder " + shown +
                                      (t.empty() ? " (write * for any type)" : ""));
              return false;
            }
            if (std::find(ph.types.begin(), ph.types.end(), it->second) == ph.types.end())
              ph.types.push_back(it->second);
            if (bar == std::string::npos) break;
            start = bar + 1;
          }
        }
        std::string type_re;
        if (ph.types.empty()) {
          type_re = "[" + CodePointEscape(kTypeBase) + "-" + CodePointEscape(kTypeBase + kUnknownTypeIndex) + "]";
        } else if (ph.types.size() == 1) {
          type_re = CodePointEscape(kTypeBase + ph.types[0]);
        } else {
          type_re = "[";
          for (int t : ph.types) type_re += CodePointEscape(kTypeBase + t);
          type_re += "]";
        }
        std::string token = CodePointEscape(kTokenOpen) + type_re + "[" + CodePointEscape(kDigitBase) + "-" +
                            CodePointEscape(kDigitBase + 9) + "]+" + CodePointEscape(kTokenClose);
        if (role.empty()) {
          compiled->append("(?:" + token + ")");
        } else {
          compiled->append("(?P<" + role + ">" + token + ")");
        }
        placeholders->push_back(std::move(ph));
        i = close + 1;
        continue;
      }
    }
    compiled->push_back(c);
    ++i;
  }
  return true;
}

TokenizedSentence Tokenize(std::string_view nfkc, const std::vector<RelationMention>& mentions,
                           const std::map<std::string, int>& type_index) {
  TokenizedSentence out;
  std::vector<size_t> order(mentions.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return mentions[a].begin < mentions[b].begin; });
  out.text.reserve(nfkc.size() + mentions.size() * 16);
  size_t pos = 0;
  auto copy_plain = [&](size_t end) {
    // Reserved code points already in the text must not pass for tokens:
    // U+E000..U+E1FF (UTF-8 EE 80 80 .. EE 87 BF) become U+FFFD (same length).
    while (pos < end) {
      unsigned char b = static_cast<unsigned char>(nfkc[pos]);
      if (b == 0xEE && pos + 3 <= end &&
          static_cast<unsigned char>(nfkc[pos + 1]) >= 0x80 && static_cast<unsigned char>(nfkc[pos + 1]) <= 0x87) {
        out.text.append("\xEF\xBF\xBD");
        pos += 3;
        continue;
      }
      out.text.push_back(nfkc[pos]);
      ++pos;
    }
  };
  for (size_t idx : order) {
    const RelationMention& m = mentions[idx];
    // Mentions that are empty, out of range, off a code point boundary or
    // overlapping an earlier one cannot be tokenized and are left as text.
    if (m.begin >= m.end || m.end > nfkc.size() || m.begin < pos) continue;
    if (IsContinuationByte(nfkc[m.begin]) || (m.end < nfkc.size() && IsContinuationByte(nfkc[m.end]))) continue;
    copy_plain(m.begin);
    TokenizedSentence::Token t;
    t.tok_begin = out.text.size();
    t.nfkc_begin = m.begin;
    t.nfkc_end = m.end;
    t.mention = idx;
    auto it = type_index.find(m.type);
    int type = it == type_index.end() ? kUnknownTypeIndex : it->second;
    text::AppendUtf8(kTokenOpen, &out.text);
    text::AppendUtf8(kTypeBase + type, &out.text);
    std::string digits = std::to_string(idx);
    for (char d : digits) text::AppendUtf8(kDigitBase + (d - '0'), &out.text);
    text::AppendUtf8(kTokenClose, &out.text);
    t.tok_end = out.text.size();
    out.tokens.push_back(t);
    pos = m.end;
  }
  copy_plain(nfkc.size());
  return out;
}

namespace {

// The last token starting at or before `tok`, or nullptr.
const TokenizedSentence::Token* TokenAtOrBefore(const std::vector<TokenizedSentence::Token>& tokens, size_t tok) {
  auto it = std::upper_bound(tokens.begin(), tokens.end(), tok,
                             [](size_t v, const TokenizedSentence::Token& t) { return v < t.tok_begin; });
  if (it == tokens.begin()) return nullptr;
  return &*(it - 1);
}

}  // namespace

size_t TokenizedSentence::StartToNfkc(size_t tok) const {
  const Token* t = TokenAtOrBefore(tokens, tok);
  if (t == nullptr) return tok;
  if (tok < t->tok_end) return t->nfkc_begin;
  return t->nfkc_end + (tok - t->tok_end);
}

size_t TokenizedSentence::EndToNfkc(size_t tok) const {
  const Token* t = TokenAtOrBefore(tokens, tok);
  if (t == nullptr) return tok;
  if (tok == t->tok_begin) return t->nfkc_begin;
  if (tok < t->tok_end) return t->nfkc_end;
  return t->nfkc_end + (tok - t->tok_end);
}

long TokenizedSentence::MentionAt(size_t begin, size_t end) const {
  const Token* t = TokenAtOrBefore(tokens, begin);
  if (t == nullptr || t->tok_begin != begin || t->tok_end != end) return -1;
  return static_cast<long>(t->mention);
}

std::string TokenizedSentence::Display(const std::vector<RelationMention>& mentions) const {
  std::string shown;
  size_t pos = 0;
  for (const Token& t : tokens) {
    shown.append(text, pos, t.tok_begin - pos);
    shown += "[" + mentions[t.mention].type + "#" + std::to_string(t.mention) + "]";
    pos = t.tok_end;
  }
  shown.append(text, pos, std::string::npos);
  return shown;
}

}  // namespace relata::rules::internal
