// The in-document vocabulary every stage shares: byte spans into the decoded
// document text, mention candidates and the mentions that won.
//
// Units. Inside the library every span is a half-open range of UTF-8 BYTES into
// the document text that text::SourceText holds (valid UTF-8; equal to the input
// bytes unless --lenient repaired them). Stages that work on normalized copies
// (text::Normalizer) map their offsets back to these bytes before handing a span
// on. Only the graph writer converts to code points / UTF-16 / input bytes.
#ifndef RELATA_BASE_ANNOTATION_H_
#define RELATA_BASE_ANNOTATION_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace relata {

struct ByteSpan {
  size_t begin = 0;  // first byte
  size_t end = 0;    // one past the last byte
  size_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Overlaps(const ByteSpan& o) const { return begin < o.end && o.begin < end; }
  bool Contains(const ByteSpan& o) const { return begin <= o.begin && o.end <= end; }
  friend bool operator==(const ByteSpan& a, const ByteSpan& b) { return a.begin == b.begin && a.end == b.end; }
  friend bool operator!=(const ByteSpan& a, const ByteSpan& b) { return !(a == b); }
  friend bool operator<(const ByteSpan& a, const ByteSpan& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  }
};

// Where a mention came from.
enum class MentionSource {
  kGazetteer,   // `source_id` is the gazetteer entry id (its canonical id)
  kRule,        // `source_id` is the entity rule id
  kResolution,  // found by within-document resolution (e.g. a bare surname)
};

const char* MentionSourceName(MentionSource s);  // "gazetteer", "rule", "resolution"

// A mention candidate: what a gazetteer or an entity rule proposes for a span.
// Several candidates may overlap; the overlap policy (resolve/overlap.h) picks
// the winners and files the losers under the winner's `alternatives`.
struct Candidate {
  ByteSpan span;             // the name itself, without a trailing particle
  std::string type;          // person, company, organization, place, date, money, percent, ...
  MentionSource source = MentionSource::kGazetteer;
  std::string source_id;     // gazetteer entry id or rule id
  std::string canonical_id;  // set for gazetteer candidates
  // Korean particle / copula chain glued after the name in the same eojeol
  // ("가", "와", "과의", "에서는"); empty when none. Not part of `span`.
  std::string particle;
  // Source priority: gazetteer entries and rules declare one; higher wins ties.
  int priority = 0;
  // Attributes the source attaches: a person's "title", a date's normalized
  // "value", a money amount's "amount"/"currency", "surname_only" for 이 회장.
  std::map<std::string, std::string> attributes;
};

// A candidate that lost to a winning mention, kept so editors see what was discarded.
struct Alternative {
  Candidate candidate;
  std::string reason;  // e.g. "shorter than the winner", "lower priority", "later start"
};

// A mention that won the overlap policy.
struct Mention {
  Candidate candidate;
  size_t sentence = 0;  // index into the document's sentences
  std::vector<Alternative> alternatives;
};

}  // namespace relata

#endif  // RELATA_BASE_ANNOTATION_H_
