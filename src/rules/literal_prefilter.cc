// The literal scanner (see literal_prefilter.h). It follows re2's own
// prefilter: every part of the pattern gets either an exact set (the part
// matches only these strings, folded; kept while small) or a requirement tree;
// concatenation crosses exact sets or ANDs requirements, alternation unites or
// ORs, x* / x? / x{0,n} require nothing, x+ / x{m>=1,} require what x does.
#include "rules/literal_prefilter.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "rules/atom_matcher.h"
#include "text/source_text.h"

namespace relata::rules::internal {
namespace {

using Req = LiteralRequirement;
using Kind = LiteralRequirement::Kind;

// Larger exact sets turn into requirements (as in re2: 16).
constexpr size_t kMaxExact = 16;

Req All() { return Req{}; }

Req Atom(std::string s) {
  Req r;
  r.kind = Kind::kAtom;
  r.atom = std::move(s);
  return r;
}

// kind(a, b), flattened: a chain of n concatenations or alternatives costs
// O(n), not O(n^2).
Req Combine(Kind kind, Req a, Req b) {
  if (a.kind != kind) {
    Req r;
    r.kind = kind;
    r.children.push_back(std::move(a));
    a = std::move(r);
  }
  if (b.kind == kind) {
    for (Req& c : b.children) a.children.push_back(std::move(c));
  } else {
    a.children.push_back(std::move(b));
  }
  return a;
}

Req And(Req a, Req b) {
  if (a.kind == Kind::kAll) return b;
  if (b.kind == Kind::kAll) return a;
  return Combine(Kind::kAnd, std::move(a), std::move(b));
}

Req Or(Req a, Req b) {
  if (a.kind == Kind::kAll || b.kind == Kind::kAll) return All();
  return Combine(Kind::kOr, std::move(a), std::move(b));
}

// A part of the pattern: either exactly one of `strings` (folded) or only
// known to satisfy `match`.
struct Info {
  bool exact = false;
  std::vector<std::string> strings;  // sorted, distinct
  Req match;
};

void SortUnique(std::vector<std::string>* v) {
  if (std::is_sorted(v->begin(), v->end()) && std::adjacent_find(v->begin(), v->end()) == v->end()) return;
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

Info Exact(std::vector<std::string> strings) {
  Info i;
  i.exact = true;
  i.strings = std::move(strings);
  SortUnique(&i.strings);
  return i;
}

Info Matching(Req r) {
  Info i;
  i.match = std::move(r);
  return i;
}

Info Empty() { return Exact({std::string()}); }
Info AnyChar() { return Matching(All()); }

// Some string of `strings` occurs: OR of atoms, where a string shorter than
// kMinAtomBytes makes it always true, and a string containing another one of
// the set adds nothing (the shorter one occurs whenever it does).
Req OrStrings(std::vector<std::string> strings) {
  for (const std::string& s : strings)
    if (s.size() < kMinAtomBytes) return All();
  SortUnique(&strings);
  Req r;
  bool first = true;
  for (const std::string& s : strings) {
    // Distinct strings: only a shorter one can lie inside s.
    const bool redundant = std::any_of(strings.begin(), strings.end(), [&](const std::string& t) {
      return t.size() < s.size() && s.find(t) != std::string::npos;
    });
    if (redundant) continue;
    r = first ? Atom(s) : Or(std::move(r), Atom(s));
    first = false;
  }
  return r;
}

Req TakeMatch(Info info) { return info.exact ? OrStrings(std::move(info.strings)) : std::move(info.match); }

Info Concat(Info a, Info b) {
  if (a.exact && b.exact && b.strings.size() == 1) {  // the common case, a literal: in place
    for (std::string& x : a.strings) x += b.strings[0];  // still distinct
    return a;
  }
  if (a.exact && b.exact && a.strings.size() * b.strings.size() <= kMaxExact) {
    std::vector<std::string> out;
    for (const std::string& x : a.strings)
      for (const std::string& y : b.strings) out.push_back(x + y);
    return Exact(std::move(out));
  }
  return Matching(And(TakeMatch(std::move(a)), TakeMatch(std::move(b))));
}

// Alternatives: one exact set while small, else some alternative's
// requirement holds.
Info Alternate(std::vector<Info> alternatives) {
  if (alternatives.size() == 1) return std::move(alternatives[0]);
  bool all_exact = true;
  size_t total = 0;
  for (const Info& a : alternatives) {
    all_exact = all_exact && a.exact;
    total += a.strings.size();
  }
  if (all_exact && total <= kMaxExact * 4) {
    std::vector<std::string> out;
    for (Info& a : alternatives)
      for (std::string& x : a.strings) out.push_back(std::move(x));
    SortUnique(&out);
    if (out.size() <= kMaxExact) return Exact(std::move(out));
    return Matching(OrStrings(out));
  }
  Req r;
  bool first = true;
  for (Info& a : alternatives) {
    Req m = TakeMatch(std::move(a));
    if (m.kind == Kind::kAll) return AnyChar();
    r = first ? std::move(m) : Or(std::move(r), std::move(m));
    first = false;
  }
  return Matching(std::move(r));
}

// A concatenation, read left to right. Exact parts are joined into a run
// ("c", "d" -> "cd") before they become requirements, so that a literal after
// a gap ("ab.*cd") is required whole, not as single bytes too short to count.
class Sequence {
 public:
  // One literal code point, already folded: the hot path of long patterns.
  void AppendLiteral(std::string_view folded) {
    if (!tail_.exact) return Append(Exact({std::string(folded)}));
    for (std::string& x : tail_.strings) x.append(folded);
  }
  void Append(Info part) {
    if (part.exact) {
      if (tail_.strings.size() * part.strings.size() <= kMaxExact) {
        tail_ = Concat(std::move(tail_), std::move(part));
      } else {  // too many combinations: what came so far becomes a requirement
        Close();
        inexact_ = true;
        tail_ = std::move(part);
      }
      return;
    }
    Close();
    inexact_ = true;
    done_ = And(std::move(done_), std::move(part.match));
  }
  Info Finish() {
    if (!inexact_) return std::move(tail_);
    Close();
    return Matching(std::move(done_));
  }

 private:
  void Close() {
    done_ = And(std::move(done_), TakeMatch(std::move(tail_)));
    tail_ = Empty();
  }
  Req done_;
  Info tail_ = Empty();
  bool inexact_ = false;
};

// What groups of earlier patterns came to, by their exact text. Macro
// expansions repeat the same groups across hundreds of patterns (most of the
// shipped rules' bytes are in groups seen before), and a group's result is a
// function of its own bytes and the case folding in force where it starts:
// the scanner looks at nothing past the group's ')' (every find() it makes
// succeeds inside the group, or the group fails). The capture groups inside
// are kept relative to the group, and a group whose names clash with names
// before it is scanned again (to fail as RE2 does). Process-wide because
// PatternFilter prepares one language's patterns at a time; bounded so that
// odd rule sets cannot grow it without limit.
struct ScannedGroup {
  Info info;
  int groups = 0;                                 // capture groups inside
  std::vector<std::pair<std::string, int>> names;  // their names, numbered from 1 inside
};

class GroupCache {
 public:
  // Groups shorter than this are cheaper to scan than to look up.
  static constexpr size_t kMinBytes = 24;
  static constexpr size_t kMaxBytes = size_t{8} << 20;  // keys and strings kept, roughly

  bool Find(std::string_view text, bool fold_case, ScannedGroup* out) {
    std::lock_guard<std::mutex> lock(mu_);
    const auto& map = maps_[fold_case ? 1 : 0];
    const auto it = map.find(text);
    if (it == map.end()) return false;
    *out = it->second;
    return true;
  }

  void Insert(std::string_view text, bool fold_case, const ScannedGroup& group) {
    size_t cost = text.size() + Bytes(group.info);
    for (const auto& [name, index] : group.names) cost += sizeof(std::pair<std::string, int>) + name.size();
    std::lock_guard<std::mutex> lock(mu_);
    if (bytes_ + cost > kMaxBytes) return;
    auto& map = maps_[fold_case ? 1 : 0];
    if (map.count(text)) return;
    texts_.emplace_back(text);
    map.emplace(texts_.back(), group);
    bytes_ += cost;
  }

  static GroupCache& Get() {
    static GroupCache* cache = new GroupCache();  // never destroyed: used until exit
    return *cache;
  }

 private:
  static size_t Bytes(const Req& r) {
    size_t n = sizeof(Req) + r.atom.size();
    for (const Req& c : r.children) n += Bytes(c);
    return n;
  }
  static size_t Bytes(const Info& info) {
    size_t n = Bytes(info.match);
    for (const std::string& s : info.strings) n += sizeof(std::string) + s.size();
    return n;
  }
  std::mutex mu_;
  std::deque<std::string> texts_;  // the keys' bytes (a deque does not move them)
  std::unordered_map<std::string_view, ScannedGroup> maps_[2];  // [fold_case]
  size_t bytes_ = 0;
};

// Where the groups of `p` probably close: (position of '(', position of its
// ')') in the order of the '(', by a quick lexer that skips escapes, \Q...\E
// and classes. Only a guess at the length of a GroupCache key, which the
// cache then confirms byte for byte.
std::vector<std::pair<size_t, size_t>> GuessGroupEnds(std::string_view p) {
  std::vector<std::pair<size_t, size_t>> groups;
  std::vector<size_t> open;  // indices into `groups`
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      if (i + 1 < p.size() && p[i + 1] == 'Q' && !in_class) {
        const size_t close = p.find("\\E", i + 2);
        i = close == std::string_view::npos ? p.size() : close + 1;
      } else {
        ++i;
      }
      continue;
    }
    if (in_class) {
      in_class = c != ']';
      continue;
    }
    if (c == '[') {
      in_class = true;
      if (i + 1 < p.size() && p[i + 1] == '^') ++i;
      if (i + 1 < p.size() && p[i + 1] == ']') ++i;
    } else if (c == '(') {
      open.push_back(groups.size());
      groups.emplace_back(i, std::string_view::npos);
    } else if (c == ')' && !open.empty()) {
      groups[open.back()].second = i;
      open.pop_back();
    }
  }
  return groups;
}

// Without case: a code point that no case mapping touches. Unassigned code
// points count as cased: RE2's Unicode tables may be newer than ICU's.
bool Caseless(char32_t c) {
  if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xE000 && c <= 0xF8FF)) return true;  // Hangul, private use
  const UChar32 u = static_cast<UChar32>(c);
  if (u_charType(u) == U_UNASSIGNED) return false;
  if (u_hasBinaryProperty(u, UCHAR_CASED) || u_hasBinaryProperty(u, UCHAR_CHANGES_WHEN_CASEFOLDED) ||
      u_hasBinaryProperty(u, UCHAR_CHANGES_WHEN_CASEMAPPED))
    return false;
  return u_foldCase(u, U_FOLD_CASE_DEFAULT) == u && u_toupper(u) == u && u_tolower(u) == u && u_totitle(u) == u;
}

// One code point of the pattern. Case-sensitive, any text containing it
// contains its folded form after folding. Under (?i), RE2 matches the code
// point's case variants too: ASCII letters fold to their lower case (the
// variants K, S and KELVIN SIGN, LONG S fold there as well), caseless code
// points stay themselves, and any other code point tells nothing.
Info CharInfo(char32_t c, bool fold_case) {
  if (c < 0x80) return Exact({std::string(1, static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c))});
  std::string s;
  text::AppendUtf8(c, &s);
  if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xE000 && c <= 0xF8FF)) return Exact({s});  // caseless, unfolded
  if (fold_case && c >= 0x80 && !Caseless(c)) return AnyChar();
  std::string folded;
  FoldForPrefilter(s, &folded);
  return Exact({folded});
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsAsciiAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

class Scanner {
 public:
  Scanner(std::string_view p, bool literals) : p_(p), literals_(literals) {}

  PatternAnalysis Run() {
    PatternAnalysis out;
    if (literals_) group_ends_ = GuessGroupEnds(p_);
    Info info = Body(false);
    if (failed_ || pos_ != p_.size()) return out;  // a stray ')' or an unknown construct
    out.understood = true;
    out.required = TakeMatch(std::move(info));
    out.num_groups = groups_;
    out.named_groups = std::move(names_);
    return out;
  }

 private:
  // What an escape stands for.
  enum class EscapeKind { kChar, kClass, kEmptyWidth, kAnyByte, kQuoted };

  bool AtEnd() const { return pos_ >= p_.size(); }

  // Alternatives up to the ')' closing the group (not consumed) or the end.
  Info Body(bool fold_case) {
    std::vector<Info> alternatives;
    Sequence branch;
    while (!failed_ && !AtEnd() && p_[pos_] != ')') {
      if (p_[pos_] == '|') {
        ++pos_;
        alternatives.push_back(branch.Finish());
        branch = Sequence();
        continue;
      }
      if (literals_ && PlainLiteral(fold_case, &branch)) continue;
      Info atom;
      if (!Atom(&fold_case, &atom)) continue;  // a flag group: nothing to match
      Repetitions(&atom);
      if (literals_) branch.Append(std::move(atom));
    }
    alternatives.push_back(branch.Finish());
    return Alternate(std::move(alternatives));
  }

  // A code point that is neither syntax nor repeated, and has one folded
  // form: appended to `branch` directly (most of a long pattern's bytes).
  bool PlainLiteral(bool fold_case, Sequence* branch) {
    const unsigned char b = static_cast<unsigned char>(p_[pos_]);
    size_t len = 1;
    if (b < 0x80) {
      if (std::string_view("\\[](){}|.*+?^$").find(static_cast<char>(b)) != std::string_view::npos) return false;
    } else if (b >= 0xE0 && b < 0xF0 && pos_ + 3 <= p_.size()) {
      len = 3;  // Hangul syllables and the private-use area (caseless) only
      const char32_t c = ((b & 0x0F) << 12) | ((static_cast<unsigned char>(p_[pos_ + 1]) & 0x3F) << 6) |
                         (static_cast<unsigned char>(p_[pos_ + 2]) & 0x3F);
      if ((static_cast<unsigned char>(p_[pos_ + 1]) & 0xC0) != 0x80 ||
          (static_cast<unsigned char>(p_[pos_ + 2]) & 0xC0) != 0x80)
        return false;
      if (!((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xE000 && c <= 0xF8FF))) return false;
    } else {
      return false;
    }
    const size_t next = pos_ + len;
    if (next < p_.size() && std::string_view("*+?{").find(p_[next]) != std::string_view::npos) return false;
    if (len == 1) {
      const char folded = static_cast<char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
      branch->AppendLiteral(std::string_view(&folded, 1));
    } else {
      branch->AppendLiteral(p_.substr(pos_, len));
    }
    pos_ = next;
    return true;
  }

  // Parses one atom into `*out`; false (out untouched) for a (?flags) group,
  // which changes `*fold_case` for the rest of the enclosing group.
  bool Atom(bool* fold_case, Info* out) {
    const char c = p_[pos_];
    switch (c) {
      case '(':
        return Group(fold_case, out);
      case '[':
        *out = Class(*fold_case);
        return true;
      case '.':
        ++pos_;
        *out = AnyChar();
        return true;
      case '^':
      case '$':
        ++pos_;
        *out = Empty();
        return true;
      case '\\':
        *out = EscapeAtom(*fold_case);
        return true;
      case '*':
      case '+':
      case '?':
        return Fail(out);  // a repetition of nothing: RE2 refuses it
      case '{': {
        size_t end = pos_;
        int min = 0, max = 0;
        if (Repeat(&end, &min, &max)) return Fail(out);
        break;  // not a repetition: a literal brace
      }
      default:
        break;
    }
    char32_t cp = 0;
    if (!Decode(&cp)) return Fail(out);
    *out = literals_ ? CharInfo(cp, *fold_case) : AnyChar();
    return true;
  }

  bool Fail(Info* out) {
    failed_ = true;
    pos_ = p_.size();
    *out = AnyChar();
    return true;
  }

  bool Group(bool* fold_case, Info* out) {
    const size_t start = pos_;
    const int groups_before = groups_;
    // The scanner meets groups left to right, so the guesses are walked once.
    while (next_guess_ < group_ends_.size() && group_ends_[next_guess_].first < start) ++next_guess_;
    if (literals_ && next_guess_ < group_ends_.size() && group_ends_[next_guess_].first == start &&
        group_ends_[next_guess_].second != std::string_view::npos) {
      const size_t end = group_ends_[next_guess_].second + 1;
      ScannedGroup cached;
      if (end - start >= GroupCache::kMinBytes && GroupCache::Get().Find(p_.substr(start, end - start), *fold_case, &cached) &&
          std::none_of(cached.names.begin(), cached.names.end(),
                       [&](const auto& name) { return names_.count(name.first) != 0; })) {
        for (auto& [name, index] : cached.names) names_[std::move(name)] = groups_before + index;
        groups_ += cached.groups;
        *out = std::move(cached.info);
        pos_ = end;
        return true;
      }
    }
    if (!GroupBody(fold_case, out)) return false;
    if (literals_ && !failed_ && pos_ - start >= GroupCache::kMinBytes) {
      ScannedGroup scanned{*out, groups_ - groups_before, {}};
      for (const auto& [name, index] : names_)
        if (index > groups_before) scanned.names.emplace_back(name, index - groups_before);
      GroupCache::Get().Insert(p_.substr(start, pos_ - start), *fold_case, scanned);
    }
    return true;
  }

  // Group without the cache.
  bool GroupBody(bool* fold_case, Info* out) {
    ++pos_;  // '('
    bool inner_fold = *fold_case;
    if (!AtEnd() && p_[pos_] == '?') {
      ++pos_;
      if (p_.substr(pos_, 2) == "P<" || (!AtEnd() && p_[pos_] == '<')) {
        pos_ += p_[pos_] == 'P' ? 2 : 1;
        const size_t close = p_.find('>', pos_);
        if (close == std::string_view::npos || close == pos_) return Fail(out);
        std::string name(p_.substr(pos_, close - pos_));
        for (char ch : name)
          if (!IsAsciiAlnum(ch) && ch != '_') return Fail(out);
        if (names_.count(name)) return Fail(out);  // RE2 refuses duplicate names
        names_[name] = ++groups_;
        pos_ = close + 1;
      } else {
        // Flags: (?imsU-imsU) for the rest of this group, or (?flags:...).
        bool negate = false, any = false;
        while (!AtEnd() && p_[pos_] != ')' && p_[pos_] != ':') {
          const char f = p_[pos_++];
          if (f == '-') {
            if (negate) return Fail(out);
            negate = true;
            continue;
          }
          if (f != 'i' && f != 'm' && f != 's' && f != 'U') return Fail(out);
          any = true;
          if (f == 'i') inner_fold = !negate;
        }
        if (AtEnd() || (!any && p_[pos_] == ')')) return Fail(out);
        if (p_[pos_] == ')') {
          ++pos_;
          *fold_case = inner_fold;
          return false;
        }
        ++pos_;  // ':'
      }
    } else {
      ++groups_;
    }
    Info body = Body(inner_fold);
    if (failed_ || AtEnd() || p_[pos_] != ')') return Fail(out);
    ++pos_;
    *out = std::move(body);
    return true;
  }

  // {n}, {n,} or {n,m} at `*end`; on success `*end` is past the '}' and
  // max is -1 for no upper bound.
  bool Repeat(size_t* end, int* min, int* max) const {
    size_t i = *end;
    if (i >= p_.size() || p_[i] != '{') return false;
    ++i;
    auto number = [&](int* v) {
      const size_t start = i;
      *v = 0;
      while (i < p_.size() && p_[i] >= '0' && p_[i] <= '9') {
        *v = std::min(*v * 10 + (p_[i] - '0'), 100000);
        ++i;
      }
      return i > start;
    };
    if (!number(min)) return false;
    if (i < p_.size() && p_[i] == ',') {
      ++i;
      if (!number(max)) *max = -1;
    } else {
      *max = *min;
    }
    if (i >= p_.size() || p_[i] != '}') return false;
    *end = i + 1;
    return true;
  }

  void Repetitions(Info* atom) {
    while (!AtEnd()) {
      const char c = p_[pos_];
      int min = 0, max = 0;
      if (c == '*') {
        min = 0, max = -1;
        ++pos_;
      } else if (c == '+') {
        min = 1, max = -1;
        ++pos_;
      } else if (c == '?') {
        min = 0, max = 1;
        ++pos_;
      } else {
        size_t end = pos_;
        if (!Repeat(&end, &min, &max)) return;
        pos_ = end;
      }
      if (!AtEnd() && p_[pos_] == '?') ++pos_;  // lazy: the same strings
      if (min == 1 && max == 1) continue;
      if (min == 0 && max == 0) {
        *atom = Empty();
      } else if (min == 0) {
        if (max == 1 && atom->exact && atom->strings.size() < kMaxExact) {
          atom->strings.emplace_back();
          SortUnique(&atom->strings);
        } else {
          *atom = AnyChar();
        }
      } else {
        *atom = Matching(TakeMatch(std::move(*atom)));
      }
    }
  }

  bool Decode(char32_t* cp) {
    const unsigned char b0 = static_cast<unsigned char>(p_[pos_]);
    size_t len = b0 < 0x80 ? 1 : (b0 & 0xE0) == 0xC0 ? 2 : (b0 & 0xF0) == 0xE0 ? 3 : (b0 & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || pos_ + len > p_.size()) return false;
    char32_t c = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (size_t k = 1; k < len; ++k) {
      const unsigned char b = static_cast<unsigned char>(p_[pos_ + k]);
      if ((b & 0xC0) != 0x80) return false;
      c = (c << 6) | (b & 0x3F);
    }
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
    pos_ += len;
    *cp = c;
    return true;
  }

  // Reads the escape at pos_ ('\\'); kChar fills `*cp`. False: not understood.
  bool Escape(bool in_class, EscapeKind* kind, char32_t* cp) {
    ++pos_;
    if (AtEnd()) return false;
    const char e = p_[pos_++];
    switch (e) {
      case 'a': *cp = 7; break;
      case 'f': *cp = 12; break;
      case 't': *cp = 9; break;
      case 'n': *cp = 10; break;
      case 'r': *cp = 13; break;
      case 'v': *cp = 11; break;
      case 'x': {
        char32_t v = 0;
        if (!AtEnd() && p_[pos_] == '{') {
          const size_t close = p_.find('}', pos_);
          if (close == std::string_view::npos || close == pos_ + 1 || close - pos_ > 9) return false;
          for (size_t k = pos_ + 1; k < close; ++k) {
            const int h = HexValue(p_[k]);
            if (h < 0) return false;
            v = v * 16 + static_cast<char32_t>(h);
          }
          pos_ = close + 1;
        } else {
          if (pos_ + 2 > p_.size()) return false;
          const int h1 = HexValue(p_[pos_]), h2 = HexValue(p_[pos_ + 1]);
          if (h1 < 0 || h2 < 0) return false;
          v = static_cast<char32_t>(h1 * 16 + h2);
          pos_ += 2;
        }
        if (v > 0x10FFFF) return false;
        *cp = v;
        break;
      }
      case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
        *kind = EscapeKind::kClass;
        return true;
      case 'p':
      case 'P':
        if (AtEnd()) return false;
        if (p_[pos_] == '{') {
          const size_t close = p_.find('}', pos_);
          if (close == std::string_view::npos) return false;
          pos_ = close + 1;
        } else {
          ++pos_;  // one-letter class name, \pL
        }
        *kind = EscapeKind::kClass;
        return true;
      case 'b': case 'B': case 'A': case 'z':
        if (in_class) return false;
        *kind = EscapeKind::kEmptyWidth;
        return true;
      case 'C':
        if (in_class) return false;
        *kind = EscapeKind::kAnyByte;
        return true;
      case 'Q':
        if (in_class) return false;
        *kind = EscapeKind::kQuoted;
        return true;
      default:
        // Escaped punctuation is itself; octal and other letters are not read here.
        if (static_cast<unsigned char>(e) >= 0x80 || IsAsciiAlnum(e)) return false;
        *cp = static_cast<unsigned char>(e);
        break;
    }
    *kind = EscapeKind::kChar;
    return true;
  }

  Info EscapeAtom(bool fold_case) {
    EscapeKind kind = EscapeKind::kChar;
    char32_t cp = 0;
    Info out;
    if (!Escape(/*in_class=*/false, &kind, &cp)) {
      Fail(&out);
      return out;
    }
    switch (kind) {
      case EscapeKind::kChar:
        return literals_ ? CharInfo(cp, fold_case) : AnyChar();
      case EscapeKind::kClass:
      case EscapeKind::kAnyByte:
        return AnyChar();
      case EscapeKind::kEmptyWidth:
        return Empty();
      case EscapeKind::kQuoted: {
        // \Q...\E: literal text up to \E or the end.
        size_t close = p_.find("\\E", pos_);
        if (close == std::string_view::npos) close = p_.size();
        const std::string_view quoted = p_.substr(pos_, close - pos_);
        Info info = Empty();
        Scanner literal(quoted, literals_);
        while (!literal.AtEnd()) {
          char32_t c = 0;
          if (!literal.Decode(&c)) {
            Fail(&out);
            return out;
          }
          if (literals_) info = Concat(std::move(info), CharInfo(c, fold_case));
        }
        pos_ = std::min(p_.size(), close + 2);
        return info;
      }
    }
    return AnyChar();
  }

  // [...]: the code points of a small positive class, else any character.
  Info Class(bool fold_case) {
    ++pos_;  // '['
    bool negated = false, large = false;
    if (!AtEnd() && p_[pos_] == '^') {
      negated = true;
      ++pos_;
    }
    std::vector<std::pair<char32_t, char32_t>> ranges;
    bool first = true;
    Info out;
    while (true) {
      if (AtEnd()) {
        Fail(&out);
        return out;
      }
      if (p_[pos_] == ']' && !first) {
        ++pos_;
        break;
      }
      first = false;
      if (p_.substr(pos_, 2) == "[:") {
        const size_t close = p_.find(":]", pos_ + 2);
        if (close == std::string_view::npos) {
          Fail(&out);
          return out;
        }
        pos_ = close + 2;
        large = true;
        continue;
      }
      char32_t lo = 0;
      if (!ClassChar(&lo, &large)) {
        Fail(&out);
        return out;
      }
      char32_t hi = lo;
      // a-b; a '-' before ']' is itself.
      if (pos_ + 1 < p_.size() && p_[pos_] == '-' && p_[pos_ + 1] != ']') {
        ++pos_;
        bool hi_large = false;
        if (!ClassChar(&hi, &hi_large) || hi_large || hi < lo) {
          Fail(&out);
          return out;
        }
      }
      ranges.emplace_back(lo, hi);
    }
    if (negated || large || !literals_) return AnyChar();
    std::vector<std::string> strings;
    for (const auto& [lo, hi] : ranges) {
      if (hi - lo >= kMaxExact) return AnyChar();
      for (char32_t c = lo; c <= hi; ++c) {
        Info one = CharInfo(c, fold_case);
        if (!one.exact) return AnyChar();
        strings.insert(strings.end(), one.strings.begin(), one.strings.end());
        if (strings.size() > kMaxExact) return AnyChar();
      }
    }
    if (strings.empty()) return AnyChar();
    return Exact(std::move(strings));
  }

  // One member of a class: a code point, or (with *large set) a class escape.
  bool ClassChar(char32_t* cp, bool* large) {
    if (p_[pos_] == '\\') {
      EscapeKind kind = EscapeKind::kChar;
      if (!Escape(/*in_class=*/true, &kind, cp)) return false;
      if (kind == EscapeKind::kClass) {
        *large = true;
        *cp = 0;
        return true;
      }
      return kind == EscapeKind::kChar;
    }
    return Decode(cp);
  }

  std::string_view p_;
  const bool literals_;  // false: only the groups are wanted
  std::vector<std::pair<size_t, size_t>> group_ends_;  // GuessGroupEnds(p_), with literals_
  size_t next_guess_ = 0;                              // the first of them not before pos_
  size_t pos_ = 0;
  bool failed_ = false;
  int groups_ = 0;
  std::map<std::string, int> names_;
};

}  // namespace

bool LiteralRequirement::HoldsIn(std::string_view folded) const {
  switch (kind) {
    case Kind::kAll:
      return true;
    case Kind::kAtom:
      return folded.find(atom) != std::string_view::npos;
    case Kind::kAnd:
      return std::all_of(children.begin(), children.end(), [&](const LiteralRequirement& c) { return c.HoldsIn(folded); });
    case Kind::kOr:
      return std::any_of(children.begin(), children.end(), [&](const LiteralRequirement& c) { return c.HoldsIn(folded); });
  }
  return true;
}

std::string LiteralRequirement::ToString() const {
  switch (kind) {
    case Kind::kAll:
      return "ALL";
    case Kind::kAtom:
      return "\"" + atom + "\"";
    case Kind::kAnd:
    case Kind::kOr: {
      std::string s = kind == Kind::kAnd ? "AND(" : "OR(";
      for (size_t i = 0; i < children.size(); ++i) s += (i ? "," : "") + children[i].ToString();
      return s + ")";
    }
  }
  return "?";
}

namespace {

// The groups alone, in one pass over the bytes: skips escapes (\Q...\E,
// \x{..}, \p{..}) and classes, counts '(' not followed by '?', and the named
// (?P<name> and (?<name>. False on what it cannot place.
bool ScanGroups(std::string_view p, PatternAnalysis* out) {
  const size_t n = p.size();
  int groups = 0;
  std::map<std::string, int> names;
  bool in_class = false;
  size_t i = 0;
  while (i < n) {
    const char c = p[i];
    if (c == '\\') {
      if (i + 1 >= n) return false;
      const char e = p[i + 1];
      if (e == 'Q' && !in_class) {
        const size_t close = p.find("\\E", i + 2);
        i = close == std::string_view::npos ? n : close + 2;
      } else if ((e == 'x' || e == 'p' || e == 'P') && i + 2 < n && p[i + 2] == '{') {
        const size_t close = p.find('}', i + 3);
        if (close == std::string_view::npos) return false;
        i = close + 1;
      } else {
        i += 2;
      }
      continue;
    }
    if (in_class) {
      // "[:" is a POSIX class, or the end of a range ("2-[:"): the full
      // scanner tells them apart.
      if (c == '[' && i + 1 < n && p[i + 1] == ':') return false;
      if (c == ']') in_class = false;
      ++i;
      continue;
    }
    if (c == '[') {
      in_class = true;
      ++i;
      if (i < n && p[i] == '^') ++i;
      if (i < n && p[i] == ']') ++i;  // a leading ] is a member
      continue;
    }
    if (c == '(') {
      if (i + 1 < n && p[i + 1] == '?') {
        const bool named = p.substr(i + 2, 2) == "P<" || (i + 2 < n && p[i + 2] == '<');
        if (!named) {
          i += 2;  // (?:, (?flags) or (?flags:
          continue;
        }
        const size_t start = i + (p[i + 2] == 'P' ? 4 : 3);
        const size_t close = p.find('>', start);
        if (close == std::string_view::npos || close == start) return false;
        std::string name(p.substr(start, close - start));
        for (char ch : name)
          if (!IsAsciiAlnum(ch) && ch != '_') return false;
        if (!names.emplace(name, groups + 1).second) return false;
        ++groups;
        i = close + 1;
        continue;
      }
      ++groups;
    }
    ++i;
  }
  out->num_groups = groups;
  out->named_groups = std::move(names);
  return true;
}

}  // namespace

PatternAnalysis AnalyzePattern(std::string_view pattern, bool literals) {
  if (literals) return Scanner(pattern, true).Run();
  PatternAnalysis out;
  out.understood = ScanGroups(pattern, &out);
  if (!out.understood) return Scanner(pattern, false).Run();
  return out;
}

}  // namespace relata::rules::internal
