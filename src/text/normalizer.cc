#include "text/normalizer.h"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/utypes.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace relata::text {
namespace {

using Segment = OffsetMap::Segment;

bool IsSpaceControl(char c) { return c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Appends `seg`, merging it into the previous segment when both are unchanged
// copies, so the map stays as short as the number of real edits.
void Push(const Segment& seg, std::vector<Segment>* out) {
  if (seg.norm_len == 0 && seg.source_len == 0) return;
  if (!seg.changed && !out->empty() && !out->back().changed) {
    out->back().norm_len += seg.norm_len;
    out->back().source_len += seg.source_len;
    return;
  }
  out->push_back(seg);
}

// Splits an unchanged copy around each tab / CR / VT / FF: those bytes become
// spaces in the output, so they are one-byte changed segments and an unchanged
// segment really is a byte-for-byte copy.
void PushUnchanged(std::string_view norm, size_t norm_begin, size_t source_begin, size_t len,
                   std::vector<Segment>* out) {
  size_t run = 0;
  for (size_t k = 0; k < len; ++k) {
    if (!IsSpaceControl(norm[norm_begin + k])) continue;
    Push({norm_begin + run, source_begin + run, k - run, k - run, false}, out);
    Push({norm_begin + k, source_begin + k, 1, 1, true}, out);
    run = k + 1;
  }
  Push({norm_begin + run, source_begin + run, len - run, len - run, false}, out);
}

}  // namespace

struct Normalizer::Rep {
  const icu::Normalizer2* icu = nullptr;  // owned by ICU (a process-wide singleton)
};

StatusOr<Normalizer> Normalizer::Create(NormalForm form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* icu = form == NormalForm::kNfkc ? icu::Normalizer2::getNFKCInstance(status)
                                                          : icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || icu == nullptr) {
    return Status::Internal(std::string("cannot load the ICU normalization data: ") + u_errorName(status));
  }
  Normalizer n;
  n.rep_ = std::make_unique<Rep>();
  n.rep_->icu = icu;
  n.form_ = form;
  return n;
}

Normalizer::Normalizer(Normalizer&&) noexcept = default;
Normalizer& Normalizer::operator=(Normalizer&&) noexcept = default;
Normalizer::~Normalizer() = default;

NormalizedText Normalizer::Normalize(std::string_view source) const {
  NormalizedText out;
  std::vector<Segment> segments;
  bool ok = rep_ != nullptr && rep_->icu != nullptr;
  if (ok) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Edits edits;
    icu::StringByteSink<std::string> sink(&out.text, static_cast<int32_t>(source.size()));
    if (source.size() > static_cast<size_t>(INT32_MAX)) status = U_INDEX_OUTOFBOUNDS_ERROR;
    if (U_SUCCESS(status)) {
      rep_->icu->normalizeUTF8(0, icu::StringPiece(source.data(), static_cast<int32_t>(source.size())), sink,
                               &edits, status);
    }
    if (U_SUCCESS(status)) {
      // The fine iterator reports one change per normalization unit ("ﬁ" → "fi",
      // a jamo run → one syllable), which keeps changed segments as small as
      // ICU allows; coarse changes would swallow whole words of fullwidth text.
      icu::Edits::Iterator it = edits.getFineIterator();
      while (it.next(status)) {
        const size_t sb = static_cast<size_t>(it.sourceIndex());
        const size_t nb = static_cast<size_t>(it.destinationIndex());
        const size_t sl = static_cast<size_t>(it.oldLength());
        const size_t nl = static_cast<size_t>(it.newLength());
        if (it.hasChange()) {
          Push({nb, sb, nl, sl, true}, &segments);
        } else {
          PushUnchanged(out.text, nb, sb, nl, &segments);
        }
      }
    }
    ok = U_SUCCESS(status);
  }
  if (ok) {
    // Space controls inside a changed segment cannot come from NFKC, but the
    // byte-for-byte rule holds for the whole output regardless.
    for (char& c : out.text) {
      if (IsSpaceControl(c)) c = ' ';
    }
    out.map = OffsetMap(std::move(segments));
    // A map that does not span both strings would break every caller's
    // offsets; distrust it rather than hand it on.
    ok = out.map.normalized_size() == out.text.size() && out.map.source_size() == source.size();
  }
  if (!ok) {
    // ICU only fails on resource problems or on input that breaks the UTF-8
    // contract; an unnormalized copy keeps offsets exact in either case.
    out.text.assign(source.data(), source.size());
    segments.clear();
    PushUnchanged(out.text, 0, 0, out.text.size(), &segments);
    for (char& c : out.text) {
      if (IsSpaceControl(c)) c = ' ';
    }
    out.map = OffsetMap(std::move(segments));
  }
  return out;
}

std::string Normalizer::NormalizeString(std::string_view source) const { return Normalize(source).text; }

}  // namespace relata::text
