#include "segment/particles.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <bitset>
#include <fstream>
#include <sstream>
#include <tuple>
#include <utility>

#include "text/source_text.h"

namespace relata::segment {
namespace {

constexpr char32_t kHangulFirst = 0xAC00;
constexpr char32_t kHangulLast = 0xD7A3;
constexpr int kFinals = 28;      // 27 final consonants + "none"
constexpr int kRieulFinal = 8;   // index of ㄹ among the finals

// IsChain keeps one reachability bit per byte of `rest` on the stack; an eojeol
// tail longer than this is no particle chain (the longest listed particles are
// a few syllables), so it is rejected without looking.
constexpr size_t kMaxChainBytes = 255;

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool ParseCondition(std::string_view s, ParticleSet::Condition* out) {
  using C = ParticleSet::Condition;
  if (s == "any") *out = C::kAny;
  else if (s == "vowel") *out = C::kVowel;
  else if (s == "consonant") *out = C::kConsonant;
  else if (s == "vowel-or-rieul") *out = C::kVowelOrRieul;
  else if (s == "consonant-not-rieul") *out = C::kConsonantNotRieul;
  else return false;
  return true;
}

// Agreement of a particle's first syllable with the syllable before it. A
// non-Hangul previous character (TSMC는, S24를) cannot be checked: accept.
bool Agrees(ParticleSet::Condition condition, char32_t previous) {
  if (!IsHangulSyllable(previous)) return true;
  using C = ParticleSet::Condition;
  switch (condition) {
    case C::kAny: return true;
    case C::kVowel: return !HasBatchim(previous);
    case C::kConsonant: return HasBatchim(previous);
    case C::kVowelOrRieul: return !HasBatchim(previous) || HasRieulBatchim(previous);
    case C::kConsonantNotRieul: return HasBatchim(previous) && !HasRieulBatchim(previous);
  }
  return false;
}

// Last code point of s[0, end); `end` > 0.
char32_t LastCodePoint(std::string_view s, size_t end) {
  size_t i = end - 1;
  while (i > 0 && end - i < 4 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  int len = 0;
  return text::DecodeAt(s, i, &len);
}

bool ParticleLess(const ParticleSet::Particle& a, const ParticleSet::Particle& b) {
  return std::tie(a.text, a.condition) < std::tie(b.text, b.condition);
}

bool ParticleEqual(const ParticleSet::Particle& a, const ParticleSet::Particle& b) {
  return a.text == b.text && a.condition == b.condition;
}

}  // namespace

bool IsHangulSyllable(char32_t c) { return c >= kHangulFirst && c <= kHangulLast; }

bool HasBatchim(char32_t syllable) {
  return IsHangulSyllable(syllable) && (syllable - kHangulFirst) % kFinals != 0;
}

bool HasRieulBatchim(char32_t syllable) {
  return IsHangulSyllable(syllable) && (syllable - kHangulFirst) % kFinals == kRieulFinal;
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  if (c > 0x10FFFF) return false;
  if (IsHangulSyllable(c)) return true;
  // Letters (L*), marks (M*: combining accents, Hangul vowel/final jamo are Lo
  // anyway) and decimal digits (Nd) of any script; u_isalnum alone would leave
  // out the marks and split "café" written with a combining accent.
  const uint32_t mask = U_GET_GC_MASK(static_cast<UChar32>(c));
  return (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0;
}

StatusOr<ParticleSet> ParticleSet::Parse(std::string_view tsv, const std::string& file_name) {
  ParticleSet set;
  if (tsv.size() >= 3 && tsv.substr(0, 3) == "\xEF\xBB\xBF") tsv.remove_prefix(3);
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    const std::string where = file_name + ":" + std::to_string(line_no) + ": ";

    std::string_view trimmed = TrimSpaces(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;

    const size_t tab = trimmed.find('\t');
    if (tab == std::string_view::npos) {
      return Status::DataError(where + "expected 'particle<TAB>condition'");
    }
    std::string_view text = TrimSpaces(trimmed.substr(0, tab));
    std::string_view rest = trimmed.substr(tab + 1);
    // Columns after the condition are free-form notes.
    const size_t tab2 = rest.find('\t');
    std::string_view cond_text = TrimSpaces(rest.substr(0, tab2));

    if (text.empty()) return Status::DataError(where + "empty particle");
    // Agreement is decided on precomposed syllables, and IsChain only ever sees
    // NFKC text, so anything else here could never match: say so now.
    for (size_t i = 0; i < text.size();) {
      int len = 0;
      const char32_t c = text::DecodeAt(text, i, &len);
      if (!IsHangulSyllable(c)) {
        return Status::DataError(where + "particle '" + std::string(text) +
                                 "' must consist of precomposed Hangul syllables");
      }
      i += static_cast<size_t>(len);
    }
    Condition condition;
    if (!ParseCondition(cond_text, &condition)) {
      return Status::DataError(where + "unknown condition '" + std::string(cond_text) +
                               "' (expected any, vowel, consonant, vowel-or-rieul or consonant-not-rieul)");
    }
    set.particles_.push_back({std::string(text), condition});
  }
  std::sort(set.particles_.begin(), set.particles_.end(), ParticleLess);
  set.particles_.erase(std::unique(set.particles_.begin(), set.particles_.end(), ParticleEqual),
                       set.particles_.end());
  return set;
}

StatusOr<ParticleSet> ParticleSet::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open particle file " + path);
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read particle file " + path);
  return Parse(content.str(), path);
}

void ParticleSet::Merge(const ParticleSet& other) {
  particles_.insert(particles_.end(), other.particles_.begin(), other.particles_.end());
  std::sort(particles_.begin(), particles_.end(), ParticleLess);
  particles_.erase(std::unique(particles_.begin(), particles_.end(), ParticleEqual), particles_.end());
}

bool ParticleSet::IsChain(std::string_view rest, char32_t previous) const {
  if (rest.empty()) return true;
  if (rest.size() > kMaxChainBytes || particles_.empty()) return false;

  // reachable[i]: rest[0, i) splits into agreeing particles. Particles are whole
  // syllables, so the syllable a later particle must agree with is simply the
  // code point just before its start in `rest`.
  std::bitset<kMaxChainBytes + 1> reachable;
  reachable[0] = true;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (!reachable[i]) continue;
    const char32_t before = i == 0 ? previous : LastCodePoint(rest, i);
    // Candidate particles are the prefixes of rest[i..]: try each prefix that
    // ends on a code point boundary and binary-search it in the sorted list.
    size_t end = i;
    while (end < rest.size()) {
      int len = 0;
      text::DecodeAt(rest, end, &len);
      end += static_cast<size_t>(len > 0 ? len : 1);
      const std::string_view prefix = rest.substr(i, end - i);
      auto it = std::lower_bound(particles_.begin(), particles_.end(), prefix,
                                 [](const Particle& p, std::string_view s) { return std::string_view(p.text) < s; });
      // Nothing in the list starts with `prefix`: longer prefixes cannot match.
      if (it == particles_.end() || std::string_view(it->text).substr(0, prefix.size()) != prefix) break;
      for (; it != particles_.end() && it->text == prefix; ++it) {
        if (Agrees(it->condition, before)) {
          reachable[end] = true;
          break;
        }
      }
    }
  }
  return reachable[rest.size()];
}

}  // namespace relata::segment
