#include "text/offset_map.h"

#include <algorithm>
#include <utility>

namespace relata::text {
namespace {

using Segment = OffsetMap::Segment;

// The two directions are the same computation with the sides swapped; these
// accessors let one pair of functions serve both.
struct NormSide {
  static size_t Begin(const Segment& s) { return s.norm_begin; }
  static size_t Len(const Segment& s) { return s.norm_len; }
  static size_t OtherBegin(const Segment& s) { return s.source_begin; }
  static size_t OtherLen(const Segment& s) { return s.source_len; }
};
struct SourceSide {
  static size_t Begin(const Segment& s) { return s.source_begin; }
  static size_t Len(const Segment& s) { return s.source_len; }
  static size_t OtherBegin(const Segment& s) { return s.norm_begin; }
  static size_t OtherLen(const Segment& s) { return s.norm_len; }
};

// Where several segments touch `offset` (an edit boundary, or an edit that is
// empty on this side, such as a deleted soft hyphen), a start takes the first
// of them and an end the last, so a span only ever widens over an edit and 0
// and the total length map to 0 and the other total length.
template <typename Side>
size_t MapStart(const std::vector<Segment>& segs, size_t offset) {
  if (segs.empty()) return 0;
  // First segment whose end on this side is >= offset.
  auto it = std::lower_bound(segs.begin(), segs.end(), offset, [](const Segment& s, size_t o) {
    return Side::Begin(s) + Side::Len(s) < o;
  });
  if (it == segs.end()) {
    const Segment& last = segs.back();
    return Side::OtherBegin(last) + Side::OtherLen(last);
  }
  const Segment& s = *it;
  const size_t into = offset - std::min(offset, Side::Begin(s));
  if (!s.changed) return Side::OtherBegin(s) + std::min(into, Side::OtherLen(s));
  if (Side::Len(s) > 0 && into == Side::Len(s)) return Side::OtherBegin(s) + Side::OtherLen(s);
  return Side::OtherBegin(s);
}

template <typename Side>
size_t MapEnd(const std::vector<Segment>& segs, size_t offset) {
  if (segs.empty()) return 0;
  // Last segment whose begin on this side is <= offset.
  auto it = std::upper_bound(segs.begin(), segs.end(), offset,
                             [](size_t o, const Segment& s) { return o < Side::Begin(s); });
  if (it == segs.begin()) return 0;  // unreachable: the first segment begins at 0
  const Segment& s = *(it - 1);
  const size_t into = offset - Side::Begin(s);
  if (!s.changed) return Side::OtherBegin(s) + std::min(into, Side::OtherLen(s));
  if (Side::Len(s) > 0 && into == 0) return Side::OtherBegin(s);
  return Side::OtherBegin(s) + Side::OtherLen(s);
}

}  // namespace

OffsetMap::OffsetMap(std::vector<Segment> segments) : segments_(std::move(segments)) {}

OffsetMap OffsetMap::Identity(size_t length) {
  if (length == 0) return OffsetMap();
  return OffsetMap({Segment{0, 0, length, length, false}});
}

size_t OffsetMap::StartToSource(size_t norm) const { return MapStart<NormSide>(segments_, norm); }
size_t OffsetMap::EndToSource(size_t norm) const { return MapEnd<NormSide>(segments_, norm); }
size_t OffsetMap::StartToNormalized(size_t source) const { return MapStart<SourceSide>(segments_, source); }
size_t OffsetMap::EndToNormalized(size_t source) const { return MapEnd<SourceSide>(segments_, source); }

ByteSpan OffsetMap::ToSource(ByteSpan norm) const {
  const size_t end = std::max(norm.begin, norm.end);
  ByteSpan out{StartToSource(norm.begin), EndToSource(end)};
  if (out.end < out.begin) out.end = out.begin;
  return out;
}

ByteSpan OffsetMap::ToNormalized(ByteSpan source) const {
  const size_t end = std::max(source.begin, source.end);
  ByteSpan out{StartToNormalized(source.begin), EndToNormalized(end)};
  if (out.end < out.begin) out.end = out.begin;
  return out;
}

size_t OffsetMap::normalized_size() const {
  return segments_.empty() ? 0 : segments_.back().norm_begin + segments_.back().norm_len;
}

size_t OffsetMap::source_size() const {
  return segments_.empty() ? 0 : segments_.back().source_begin + segments_.back().source_len;
}

}  // namespace relata::text
