// OffsetMap: a monotone map between byte offsets of a normalized string and the
// byte offsets of the source it was made from.
//
// It is a list of aligned segments. In an unchanged segment each byte maps to
// one byte; a changed segment (ICU edit: "ﬁ" → "fi", "Ａ" → "a", jamo → syllable)
// maps as a whole: any offset strictly inside it maps to the segment's edge, so a
// span is widened to whole edits and never splits a source character.
//
// Invariants (tested, and fuzzed in issue 4): both directions are monotone
// non-decreasing, 0 maps to 0, the normalized length maps to the source length,
// and every result lies on a code point boundary of the other side.
#ifndef RELATA_TEXT_OFFSET_MAP_H_
#define RELATA_TEXT_OFFSET_MAP_H_

#include <cstddef>
#include <vector>

#include "base/annotation.h"

namespace relata::text {

class OffsetMap {
 public:
  struct Segment {
    size_t norm_begin;
    size_t source_begin;
    size_t norm_len;
    size_t source_len;
    bool changed;  // false: a byte-for-byte copy (norm_len == source_len)
  };

  OffsetMap() = default;
  // Segments must be contiguous, in order, starting at 0 on both sides.
  explicit OffsetMap(std::vector<Segment> segments);
  // The identity map over `length` bytes.
  static OffsetMap Identity(size_t length);

  // Maps a span of the normalized string to the smallest source span covering it.
  ByteSpan ToSource(ByteSpan norm) const;
  // Maps a source span to the smallest normalized span covering it.
  ByteSpan ToNormalized(ByteSpan source) const;

  // Single offsets: a start offset rounds down, an end offset rounds up inside a
  // changed segment.
  size_t StartToSource(size_t norm) const;
  size_t EndToSource(size_t norm) const;
  size_t StartToNormalized(size_t source) const;
  size_t EndToNormalized(size_t source) const;

  size_t normalized_size() const;
  size_t source_size() const;
  const std::vector<Segment>& segments() const { return segments_; }

 private:
  std::vector<Segment> segments_;
};

}  // namespace relata::text

#endif  // RELATA_TEXT_OFFSET_MAP_H_
