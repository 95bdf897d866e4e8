// Normalizer: the one normalization that both input text and gazetteer entries go
// through, so that "ＳＡＭＳＵＮＧ", "Samsung" and "samsung" meet, and decomposed
// Hangul jamo meet precomposed syllables. Every normalized string comes with an
// OffsetMap back to the bytes it was made from.
//
// Forms:
//   kNfkc          ICU NFKC. Case is kept: entity and relation rules run on this
//                  form (sentence-initial capitals, "Inc.", "Mr." need case), and
//                  fullwidth digits, ㈜ → (주), ligatures are unfolded for them.
//   kNfkcCasefold  ICU NFKC_Casefold: the gazetteer matches on this form.
// White space: NFKC itself turns NBSP, U+2000..U+200A and the ideographic space
// U+3000 into U+0020; on top of that ASCII tab, CR, VT and FF become spaces byte
// for byte (\n is kept) — a non-breaking space or a tab between a name's words
// must not stop a match.
//
// Thread-safety: a Normalizer is immutable after Create() and may be shared.
#ifndef RELATA_TEXT_NORMALIZER_H_
#define RELATA_TEXT_NORMALIZER_H_

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "text/offset_map.h"

namespace relata::text {

enum class NormalForm { kNfkc, kNfkcCasefold };

struct NormalizedText {
  std::string text;  // valid UTF-8
  OffsetMap map;     // normalized byte offsets <-> source byte offsets
};

class Normalizer {
 public:
  static StatusOr<Normalizer> Create(NormalForm form);
  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;
  ~Normalizer();

  // `source` must be valid UTF-8. Offsets in the returned map are relative to
  // `source` (a caller normalizing one sentence adds the sentence's start).
  NormalizedText Normalize(std::string_view source) const;

  // The same result computed by ICU for every string, without the fast path
  // for text that needs no normalization; what the tests compare it against.
  NormalizedText NormalizeWithIcu(std::string_view source) const;

  // Convenience for gazetteer entries and rule examples: the text only.
  std::string NormalizeString(std::string_view source) const;

  NormalForm form() const { return form_; }

 private:
  Normalizer() = default;
  // Whether some character of `source` may change under the form (or is not
  // well-formed BMP UTF-8), so that only ICU knows the result.
  bool NeedsIcu(std::string_view source) const;
  bool NormalizeFast(std::string_view source, NormalizedText* out) const;
  struct Rep;
  std::unique_ptr<Rep> rep_;
  NormalForm form_ = NormalForm::kNfkc;
};

}  // namespace relata::text

#endif  // RELATA_TEXT_NORMALIZER_H_
