// SourceText: the document as the user gave it, decoded, plus the conversions
// from internal byte offsets to the three units every offset leaves the program in.
//
// Decoding. Input bytes must be UTF-8. Strict mode rejects invalid input with an
// error naming the byte offset of the first bad sequence. Lenient mode replaces
// each maximal ill-formed subpart (the Unicode "maximal subpart" practice that
// Python's bytes.decode("utf-8", "replace") and ICU follow) with U+FFFD, so that
// code point offsets still agree with Python's decoded string, and records a
// warning per replacement. A leading BOM is kept as a code point (U+FEFF), as
// Python's "utf-8" codec keeps it; CR, CRLF and NUL are kept as they are.
//
// Offsets. Internally every span is a byte range into utf8() (see
// base/annotation.h). Position() converts such a byte offset into:
//   cp     Unicode code points into utf8()         (Python text[start:end])
//   utf16  UTF-16 code units                       (JavaScript, Java)
//   byte   UTF-8 byte offset into the ORIGINAL input bytes; equal to the
//          utf8() offset unless lenient decoding replaced something.
// Conversion is O(log n + 64) via checkpoints built once at decode time.
#ifndef RELATA_TEXT_SOURCE_TEXT_H_
#define RELATA_TEXT_SOURCE_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace relata::text {

struct Position {
  size_t cp = 0;
  size_t utf16 = 0;
  size_t byte = 0;  // into the original input bytes
};

struct DecodeOptions {
  bool lenient = false;  // replace invalid sequences with U+FFFD instead of failing
};

class SourceText {
 public:
  SourceText() = default;

  // Decodes `bytes`. In strict mode an invalid sequence gives a DataError whose
  // message reads "invalid UTF-8 at byte N" (N counted from 0 in `bytes`). In
  // lenient mode each replacement appends "invalid UTF-8 at byte N replaced by
  // U+FFFD" to `*warnings` (at most 20 entries, then a count).
  static StatusOr<SourceText> Decode(std::string bytes, const DecodeOptions& options,
                                     std::vector<std::string>* warnings);

  // Valid UTF-8.
  const std::string& utf8() const { return text_; }

  // `utf8_offset` must be <= utf8().size() and on a code point boundary (it is
  // clamped down to the previous boundary otherwise).
  Position PositionAt(size_t utf8_offset) const;

 private:
  std::string text_;
  // Checkpoints every kStride bytes of text_: code points and UTF-16 units before it.
  struct Checkpoint { size_t cp; size_t utf16; };
  static constexpr size_t kStride = 64;
  std::vector<Checkpoint> checkpoints_;
  // Lenient repairs: (offset in text_ right after a U+FFFD, offset in the input
  // right after the bytes it replaced), ascending. Empty when nothing was replaced.
  std::vector<std::pair<size_t, size_t>> repairs_;
  void BuildIndex();
};

// Decodes one UTF-8 code point at `s[i]` of text already known to be valid.
// Sets `*len` to its byte length (1..4).
char32_t DecodeAt(std::string_view s, size_t i, int* len);
// Appends the UTF-8 encoding of `c`.
void AppendUtf8(char32_t c, std::string* out);

}  // namespace relata::text

#endif  // RELATA_TEXT_SOURCE_TEXT_H_
