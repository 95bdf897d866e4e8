// Sentence segmentation and language detection.
//
// Sentences come from ICU's sentence BreakIterator for the document language,
// run over the document text in place (UTF-8 UText: no UTF-16 copy). ICU breaks
// after every line end, so a headline, a caption or a list item is a sentence of
// its own. Sentences are reported only inside the body ranges the zone stage
// kept; leading and trailing white space is trimmed off each sentence, and
// sentences that are only white space are dropped.
#ifndef RELATA_SEGMENT_SENTENCES_H_
#define RELATA_SEGMENT_SENTENCES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/annotation.h"
#include "base/status.h"

namespace relata::segment {

// "ko" when Hangul letters outnumber Latin letters in `text` (counting at most the
// first 64 KiB), else "en" when there are Latin letters, else "ko" for empty text.
std::string DetectLanguage(std::string_view text);

class SentenceSplitter {
 public:
  // `lang` is a BCP 47 language code ("ko", "en", ...); ICU falls back to root rules.
  static StatusOr<SentenceSplitter> Create(const std::string& lang);
  SentenceSplitter(SentenceSplitter&&) noexcept;
  SentenceSplitter& operator=(SentenceSplitter&&) noexcept;
  ~SentenceSplitter();

  // Splits `text[range]` (valid UTF-8) and appends sentence spans (absolute
  // byte offsets into `text`, trimmed) to `*out`. Not thread-safe: one splitter
  // per thread (the BreakIterator is stateful).
  void Split(std::string_view text, ByteSpan range, std::vector<ByteSpan>* out);

 private:
  SentenceSplitter() = default;
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace relata::segment

#endif  // RELATA_SEGMENT_SENTENCES_H_
