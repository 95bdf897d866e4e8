#include "resolve/pronoun.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "segment/boundary.h"

namespace relata::resolve {
namespace {

constexpr char kPronounId[] = "pronoun";

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Quotes, brackets and punctuation that may precede a clause's subject.
bool IsOpeningPunct(std::string_view s, size_t i, size_t* len) {
  static constexpr std::string_view kMarks[] = {"\"", "'", "(", "[", ",", ";", ":", "-",
                                                "\xE2\x80\x9C" /* “ */, "\xE2\x80\x98" /* ‘ */,
                                                "\xE2\x80\x94" /* — */, "\xE3\x80\x8C" /* 「 */,
                                                "\xE3\x80\x8E" /* 『 */, "\xE2\x80\xA6" /* … */};
  for (std::string_view m : kMarks) {
    if (s.substr(i, m.size()) == m) {
      *len = m.size();
      return true;
    }
  }
  return false;
}

bool IsLinkingAdverb(const std::string& lang, std::string_view word) {
  static const std::set<std::string_view> kKo = {"이어", "이어서", "또", "또한", "이후", "한편", "특히",
                                                 "이에", "당시", "그리고", "앞서", "현재", "이번에"};
  static const std::set<std::string_view> kEn = {"then", "later", "afterwards", "afterward", "meanwhile",
                                                 "earlier", "also", "on", "in", "and", "but", "since",
                                                 "previously", "separately"};
  if (lang == "en") return kEn.count(Lower(word)) > 0;
  return kKo.count(word) > 0;
}

// True when nothing but punctuation, value mentions (dates) and linking
// adverbs precedes `pos` in the sentence.
bool OpensClause(std::string_view text, ByteSpan sentence, size_t pos, const std::string& lang,
                 const std::vector<Mention>& mentions) {
  size_t i = sentence.begin;
  while (i < pos) {
    bool skipped = false;
    for (const Mention& m : mentions) {
      if (m.candidate.span.begin == i && m.candidate.span.end <= pos && IsValueType(m.candidate.type)) {
        i = m.candidate.span.end + m.candidate.particle.size();
        skipped = true;
        break;
      }
    }
    if (skipped) continue;
    size_t len = 0;
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (IsOpeningPunct(text, i, &len)) {
      i += len;
      continue;
    }
    size_t j = i;
    while (j < pos && text[j] != ' ' && text[j] != '\t' && text[j] != '\n' && text[j] != ',') ++j;
    if (!IsLinkingAdverb(lang, text.substr(i, j - i))) return false;
    i = j;
  }
  return true;
}

struct Found {
  ByteSpan span;
  std::string particle;
};

// Pronoun subjects of one sentence, as spans of the original text.
std::vector<Found> FindPronouns(std::string_view text, ByteSpan sentence, const std::string& lang) {
  std::vector<Found> out;
  // A clause-opening subject sits within the first few words of the sentence
  // (see OpensClause); looking further would only cost time on long input.
  constexpr size_t kMaxOffset = 96;
  std::string_view s = text.substr(sentence.begin, std::min(sentence.size(), kMaxOffset + 16));
  auto word_start = [&](size_t p) {
    return p == 0 || segment::IsNameStart(s, p);
  };
  if (lang == "en") {
    const std::string lower = Lower(s);
    for (std::string_view w : {"he", "she"}) {
      for (size_t p = lower.find(w); p != std::string::npos; p = lower.find(w, p + 1)) {
        const size_t e = p + w.size();
        if (p > kMaxOffset || !word_start(p)) continue;
        if (e < s.size() && (IsAsciiAlnum(s[e]) || static_cast<unsigned char>(s[e]) >= 0x80 || s[e] == '-')) continue;
        out.push_back({{sentence.begin + p, sentence.begin + e}, ""});
      }
    }
  } else {
    // Longest first so that 그녀는 is not read as 그 + 녀는.
    for (std::string_view w : {"그녀", "그"}) {
      for (size_t p = s.find(w); p != std::string::npos; p = s.find(w, p + 1)) {
        const size_t e = p + w.size();
        if (p > kMaxOffset || !word_start(p)) continue;
        for (std::string_view particle : {"는", "가", "도"}) {
          if (s.substr(e, particle.size()) != particle) continue;
          const size_t after = e + particle.size();
          // The eojeol ends here: 그는 but not 그는데 / 그가운데.
          if (after < s.size() && (IsAsciiAlnum(s[after]) || static_cast<unsigned char>(s[after]) >= 0x80)) continue;
          out.push_back({{sentence.begin + p, sentence.begin + e}, std::string(particle)});
        }
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const Found& a, const Found& b) { return a.span < b.span; });
  return out;
}

bool IsSubjectParticle(std::string_view p) { return p == "은" || p == "는" || p == "이" || p == "가"; }

// The role of a Korean person mention's phrase: the subject when its particle
// is 은/는/이/가 or, with no particle, one of the next two words (a title, an
// organization: 이재용 회장은, 최태원 SK그룹 회장이) ends in one; joined to the
// next person by 와/과 (이재용 회장과 피차이 CEO는: both are the subject).
// `limit`: where the next person mention starts (or the sentence end).
enum class Role { kSubject, kJoined, kOther };

bool IsComitative(std::string_view p) { return p == "와" || p == "과"; }

Role KoreanRole(std::string_view text, size_t limit, const Mention& m) {
  const std::string& particle = m.candidate.particle;
  if (!particle.empty()) {
    if (IsSubjectParticle(particle)) return Role::kSubject;
    return IsComitative(particle) ? Role::kJoined : Role::kOther;
  }
  size_t i = m.candidate.span.end;
  for (int words = 0; words < 2; ++words) {
    while (i < limit && text[i] == ' ') ++i;
    size_t j = i;
    while (j < limit && text[j] != ' ' && text[j] != ',' && text[j] != '.') ++j;
    if (j == i) return Role::kOther;
    std::string_view word = text.substr(i, j - i);
    std::string_view last = word.size() >= 3 ? word.substr(word.size() - 3) : std::string_view();
    if (IsSubjectParticle(last)) return Role::kSubject;
    if (IsComitative(last)) return Role::kJoined;
    if (j >= limit || text[j] != ' ') return Role::kOther;  // punctuation or the next person ends the phrase
    i = j;
  }
  return Role::kOther;
}

}  // namespace

bool IsPronounMention(const Mention& m) {
  return m.candidate.source == MentionSource::kResolution && m.candidate.source_id == kPronounId;
}

void ResolvePronouns(std::string_view text, const std::vector<SentenceView>& sentences, const std::string& lang,
                     std::vector<Mention>* mentions, Resolution* r) {
  for (size_t s = 1; s < sentences.size(); ++s) {
    const ByteSpan span = sentences[s].span;
    std::vector<Found> found = FindPronouns(text, span, lang);
    if (found.empty()) continue;
    // The person mentions of the previous sentence (they come before this
    // sentence's in text order).
    const auto by_sentence = [](const Mention& m, size_t sentence) { return m.sentence < sentence; };
    const size_t prev_begin = static_cast<size_t>(
        std::lower_bound(mentions->begin(), mentions->end(), s - 1, by_sentence) - mentions->begin());
    const size_t here_begin = static_cast<size_t>(
        std::lower_bound(mentions->begin(), mentions->end(), s, by_sentence) - mentions->begin());
    const size_t here_end = static_cast<size_t>(
        std::lower_bound(mentions->begin(), mentions->end(), s + 1, by_sentence) - mentions->begin());
    const std::vector<Mention> here(mentions->begin() + static_cast<std::ptrdiff_t>(here_begin),
                                    mentions->begin() + static_cast<std::ptrdiff_t>(here_end));
    std::vector<size_t> persons;
    for (size_t i = prev_begin; i < here_begin; ++i) {
      const Mention& m = (*mentions)[i];
      if (m.candidate.type == "person" && r->entity_of[i]) persons.push_back(i);
    }
    std::set<size_t> entities;
    for (size_t i : persons) entities.insert(*r->entity_of[i]);
    std::optional<size_t> antecedent;  // a mention index
    if (entities.size() == 1) {
      antecedent = persons.front();
    } else if (entities.size() > 1 && lang == "en") {
      const Mention& first = (*mentions)[persons.front()];
      const ByteSpan prev = sentences[s - 1].span;
      // Mentions of the sentence come in text order: skip over them with a cursor.
      bool subject = true;
      size_t i = prev.begin;
      size_t k = prev_begin;
      while (i < first.candidate.span.begin && subject) {
        while (k < here_begin && (*mentions)[k].candidate.span.end <= i) ++k;
        if (k < here_begin && (*mentions)[k].candidate.span.begin <= i) {
          i = (*mentions)[k].candidate.span.end;
          continue;
        }
        const bool word_begin = (i == prev.begin || !IsAsciiAlnum(text[i - 1])) && IsAsciiAlnum(text[i]);
        if (word_begin && text[i] >= 'a' && text[i] <= 'z') subject = false;
        ++i;
      }
      if (subject) antecedent = persons.front();
    } else if (entities.size() > 1) {
      std::vector<Role> roles(persons.size());
      for (size_t k = 0; k < persons.size(); ++k) {
        const size_t limit =
            k + 1 < persons.size() ? (*mentions)[persons[k + 1]].candidate.span.begin : sentences[s - 1].span.end;
        roles[k] = KoreanRole(text, limit, (*mentions)[persons[k]]);
      }
      // A person joined by 와/과 to a subject is part of the subject.
      for (size_t k = persons.size() - 1; k-- > 0;) {
        if (roles[k] == Role::kJoined && roles[k + 1] == Role::kSubject) roles[k] = Role::kSubject;
      }
      std::set<size_t> subjects;
      size_t pick = 0;
      for (size_t k = 0; k < persons.size(); ++k) {
        if (roles[k] != Role::kSubject) continue;
        subjects.insert(*r->entity_of[persons[k]]);
        pick = persons[k];
      }
      if (subjects.size() == 1) antecedent = pick;
    }
    if (!antecedent) continue;

    for (const Found& f : found) {
      bool taken = false;
      for (const Mention& m : here) taken = taken || m.candidate.span.Overlaps(f.span);
      if (taken || !OpensClause(text, span, f.span.begin, lang, here)) continue;
      const Mention& ante = (*mentions)[*antecedent];
      Mention m;
      m.sentence = s;
      m.candidate.span = f.span;
      m.candidate.type = ante.candidate.type;
      m.candidate.source = MentionSource::kResolution;
      m.candidate.source_id = kPronounId;
      m.candidate.particle = f.particle;
      m.candidate.attributes["antecedent"] =
          std::string(text.substr(ante.candidate.span.begin, ante.candidate.span.size()));
      const std::optional<size_t> entity = r->entity_of[*antecedent];
      // Keep the three vectors parallel and in text order.
      size_t at = here_begin;
      while (at < here_end && (*mentions)[at].candidate.span < m.candidate.span) ++at;
      mentions->insert(mentions->begin() + static_cast<std::ptrdiff_t>(at), std::move(m));
      r->entity_of.insert(r->entity_of.begin() + static_cast<std::ptrdiff_t>(at), entity);
      r->how.insert(r->how.begin() + static_cast<std::ptrdiff_t>(at), kPronounId);
      // Only one subject per clause start: the first pronoun that opens it.
      break;
    }
  }
}

}  // namespace relata::resolve
