#include "segment/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace relata::segment {
namespace {

constexpr size_t kDetectLimit = 64 * 1024;

// White_Space covers NBSP and U+3000; a BOM is trimmed too because
// SourceText keeps it as a code point and it would otherwise open the first
// sentence, defeating rules anchored at a sentence start.
bool IsTrimmable(UChar32 c) { return c == 0xFEFF || u_isUWhiteSpace(c); }

// Code point ending at `end` (exclusive) and its start, for trimming from the right.
UChar32 PrevCodePoint(std::string_view text, size_t begin, size_t end, size_t* start) {
  int32_t i = static_cast<int32_t>(end - begin);
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(text.data() + begin), 0, i, c);
  *start = begin + static_cast<size_t>(i);
  return c;
}

// True when text[begin, end) ends, before trailing spaces, with a single
// capital Latin letter and a period that stands after a space, the start, or
// another such initial: a personal initial ICU took for a sentence end. A line
// end in the trailing space keeps the break (a heading may end in "Part B.").
bool EndsWithInitial(std::string_view text, size_t begin, size_t end) {
  size_t i = end;
  while (i > begin && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  if (i < end && text.substr(i, end - i).find('\n') != std::string_view::npos) return false;
  if (i != end && i < end && text[i] == '\n') return false;
  if (i < begin + 2 || text[i - 1] != '.') return false;
  const char letter = text[i - 2];
  if (letter < 'A' || letter > 'Z') return false;
  if (i == begin + 2) return true;
  const char before = text[i - 3];
  return before == ' ' || before == '.' || before == '(' || before == '\n';
}

ByteSpan Trim(std::string_view text, ByteSpan span) {
  while (span.begin < span.end) {
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data() + span.begin), i,
            static_cast<int32_t>(span.end - span.begin), c);
    if (!IsTrimmable(c)) break;
    span.begin += static_cast<size_t>(i);
  }
  while (span.begin < span.end) {
    size_t start = 0;
    const UChar32 c = PrevCodePoint(text, span.begin, span.end, &start);
    if (!IsTrimmable(c)) break;
    span.end = start;
  }
  return span;
}

}  // namespace

std::string DetectLanguage(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(std::min(text.size(), kDetectLimit));
  size_t hangul = 0, latin = 0;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status)) continue;
    if (script == USCRIPT_HANGUL) ++hangul;
    if (script == USCRIPT_LATIN) ++latin;
  }
  if (hangul > latin) return "ko";
  if (latin > 0) return "en";
  return "ko";
}

struct SentenceSplitter::Rep {
  std::unique_ptr<icu::BreakIterator> breaker;
  // The range being split as UTF-16, and the byte offset (relative to the
  // range) of every UTF-16 unit plus the end; kept between calls so that
  // splitting allocates nothing once they have grown.
  std::vector<UChar> utf16;
  std::vector<uint32_t> byte_of;
};

StatusOr<SentenceSplitter> SentenceSplitter::Create(const std::string& lang) {
  icu::Locale locale(lang.c_str());
  if (locale.isBogus()) return Status::InvalidArgument("unknown language '" + lang + "'");
  // "ss=standard" asks ICU to suppress breaks after the CLDR abbreviations of
  // the language ("Mr.", "Dr.", "Inc."), which news English is full of;
  // languages without such data get plain rules.
  UErrorCode status = U_ZERO_ERROR;
  locale.setKeywordValue("ss", "standard", status);
  if (U_FAILURE(status)) status = U_ZERO_ERROR;  // plain rules are still correct
  std::unique_ptr<icu::BreakIterator> breaker(icu::BreakIterator::createSentenceInstance(locale, status));
  if (U_FAILURE(status) || breaker == nullptr) {
    return Status::Internal("cannot create an ICU sentence break iterator for '" + lang +
                            "': " + u_errorName(status));
  }
  // CLDR's English list lacks the titles news puts before names ("Gov. Brian
  // Kemp", "Sen. Ted Cruz"); a break after them would cut the name from its
  // title and from the rest of its sentence.
  static constexpr const char* kEnglishTitles[] = {
      "Gov.", "Sen.", "Rep.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.", "Adm.", "Cmdr.", "Supt.",
      "Rev.", "Hon.", "Pres.", "Amb.", "Atty.", "Insp.", "Gens.", "Reps.", "Sens.", "Govs.", "Mmes.", "Messrs."};
  if (std::string_view(locale.getLanguage()) == "en") {
    std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
        icu::FilteredBreakIteratorBuilder::createInstance(locale, status));
    if (U_SUCCESS(status) && builder != nullptr) {
      for (const char* title : kEnglishTitles) builder->suppressBreakAfter(icu::UnicodeString(title), status);
      std::unique_ptr<icu::BreakIterator> filtered(builder->wrapIteratorWithFilter(breaker->clone(), status));
      if (U_SUCCESS(status) && filtered != nullptr) breaker = std::move(filtered);
    }
    status = U_ZERO_ERROR;  // without the extra titles the rules are still correct
  }
  SentenceSplitter splitter;
  splitter.rep_ = std::make_unique<Rep>();
  splitter.rep_->breaker = std::move(breaker);
  return splitter;
}

SentenceSplitter::SentenceSplitter(SentenceSplitter&&) noexcept = default;
SentenceSplitter& SentenceSplitter::operator=(SentenceSplitter&&) noexcept = default;
SentenceSplitter::~SentenceSplitter() = default;

void SentenceSplitter::Split(std::string_view text, ByteSpan range, std::vector<ByteSpan>* out) {
  range.end = std::min(range.end, text.size());
  if (rep_ == nullptr || range.begin >= range.end) return;
  if (range.end - range.begin > static_cast<size_t>(INT32_MAX)) {
    out->push_back(Trim(text, range));  // beyond ICU's index range; never met with real articles
    return;
  }
  // ICU's break rules run on UTF-16 text several times faster than on a UTF-8
  // UText (whose provider converts and maps indices chunk by chunk), so the
  // range is converted once here, with the byte offset of each unit kept to
  // map the breaks back. The UText covers only `range`, so ICU sees nothing
  // outside the body zone.
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data() + range.begin);
  const int32_t n = static_cast<int32_t>(range.end - range.begin);
  std::vector<UChar>& units = rep_->utf16;
  std::vector<uint32_t>& byte_of = rep_->byte_of;
  units.clear();
  byte_of.clear();
  units.reserve(static_cast<size_t>(n));
  byte_of.reserve(static_cast<size_t>(n) + 1);
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) c = 0xFFFD;  // not met: the text is valid UTF-8
    if (U_IS_BMP(c)) {
      units.push_back(static_cast<UChar>(c));
      byte_of.push_back(static_cast<uint32_t>(start));
    } else {
      units.push_back(U16_LEAD(c));
      units.push_back(U16_TRAIL(c));
      byte_of.push_back(static_cast<uint32_t>(start));
      byte_of.push_back(static_cast<uint32_t>(start));  // never a break: inside a code point
    }
  }
  byte_of.push_back(static_cast<uint32_t>(n));
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUChars(nullptr, units.data(), static_cast<int64_t>(units.size()), &status);
  if (U_SUCCESS(status)) rep_->breaker->setText(ut, status);
  if (U_FAILURE(status)) {
    utext_close(ut);
    ByteSpan whole = Trim(text, range);
    if (!whole.empty()) out->push_back(whole);
    return;
  }
  // Breaks as byte offsets relative to range.begin.
  size_t prev = byte_of[static_cast<size_t>(rep_->breaker->first())];
  for (int32_t unit = rep_->breaker->next(); unit != icu::BreakIterator::DONE; unit = rep_->breaker->next()) {
    const size_t cur = byte_of[static_cast<size_t>(unit)];
    const size_t abs_cur = range.begin + cur;
    if (cur != static_cast<size_t>(n) && EndsWithInitial(text, range.begin + prev, abs_cur)) {
      continue;  // "C.C. Wei", "Jay Y. Lee": the sentence goes on
    }
    ByteSpan s = Trim(text, {range.begin + prev, abs_cur});
    if (!s.empty()) out->push_back(s);
    prev = cur;
  }
  // The iterator keeps a shallow clone pointing into our buffer; point it at
  // an empty string so no dangling reference outlives this call.
  UText* empty = utext_openUTF8(ut, "", 0, &status);
  rep_->breaker->setText(empty, status);
  utext_close(empty);
}

}  // namespace relata::segment
