#include "graph/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <tuple>
#include <vector>

namespace relata::graph {
namespace {

// Keys of graph.metadata that the writer fills itself; a free-form metadata
// entry with one of these names would produce a duplicate key, so it is skipped.
constexpr const char* kReservedMetadataKeys[] = {"unresolved", "warnings"};

// Length of the well-formed UTF-8 sequence at s[i], or 0 if it is not one
// (RFC 3629 table: no overlongs, no surrogates, nothing above U+10FFFF).
inline size_t Utf8SequenceLength(const unsigned char* s, size_t n, size_t i) {
  const auto cont = [&](size_t k) { return k < n && (s[k] & 0xC0) == 0x80; };
  const unsigned char c = s[i];
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    const unsigned char c1 = s[i + 1];
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    const unsigned char c1 = s[i + 1];
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// ASCII bytes that go into a JSON string as they are.
struct PlainAscii {
  bool plain[128];
  constexpr PlainAscii() : plain() {
    for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  }
};
constexpr PlainAscii kPlainAscii;

// The output buffer. The string is grown ahead of the writes (doubling) and
// written through a pointer, so that the many small pieces of a record (keys,
// punctuation, numbers) are stores, not std::string::append calls; the
// destructor trims it to what was written.
class Buffer {
 public:
  explicit Buffer(std::string* out) : out_(out), used_(out->size()) {}
  ~Buffer() { out_->resize(used_); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  // Makes room for `n` more bytes; Unchecked* writes within that room.
  void Reserve(size_t n) {
    if (out_->size() - used_ < n) Grow(n);
  }
  void UncheckedPut(char c) { (*out_)[used_++] = c; }
  void UncheckedPut(const char* s, size_t n) {
    std::memcpy(out_->data() + used_, s, n);
    used_ += n;
  }
  void Put(char c) {
    Reserve(1);
    UncheckedPut(c);
  }
  void Put(const char* s, size_t n) {
    Reserve(n);
    UncheckedPut(s, n);
  }
  void PutSpaces(size_t n) {
    Reserve(n);
    std::memset(out_->data() + used_, ' ', n);
    used_ += n;
  }
  void PutUnsigned(uint64_t v) {
    Reserve(20);
    UncheckedPutUnsigned(v);
  }
  // Offsets are most of the numbers written, and most are below 10^5: two
  // digits at a time from a table, where std::to_chars first counts the
  // digits in a loop.
  void UncheckedPutUnsigned(uint64_t v) {
    char* p = out_->data() + used_;
    if (v >= 100000) {
      used_ = static_cast<size_t>(std::to_chars(p, p + 20, v).ptr - out_->data());
      return;
    }
    static constexpr char kDigitPairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    const size_t len = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : 5;
    char* end = p + len;
    while (v >= 100) {
      end -= 2;
      std::memcpy(end, kDigitPairs + 2 * (v % 100), 2);
      v /= 100;
    }
    if (v >= 10) {
      std::memcpy(p, kDigitPairs + 2 * v, 2);
    } else {
      *p = static_cast<char>('0' + v);
    }
    used_ += len;
  }
  // `s` as a JSON string literal; see AppendJsonString.
  void PutString(std::string_view s);
  // The bytes written since `mark` (a used() value).
  size_t used() const { return used_; }
  std::string_view WrittenSince(size_t mark) const { return std::string_view(*out_).substr(mark, used_ - mark); }

 private:
  // Room comes in steps of kStep bytes: the string's own capacity doubling
  // keeps reallocation amortized, and at most one step of room is zero-filled
  // and trimmed again per record, however large the caller's buffer is.
  static constexpr size_t kStep = 8192;
  void Grow(size_t n) { out_->resize(used_ + std::max(n, kStep)); }
  std::string* out_;
  size_t used_;  // bytes of *out_ that hold output; the rest is room
};

// True when none of the 8 bytes of `w` needs attention in a JSON string:
// all ASCII, none below 0x20, none '"' or '\\' (the usual SWAR byte tests).
inline bool AllPlainAscii(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const uint64_t below_space = (w - 0x20 * kOnes) & ~w & kHigh;
  return ((w & kHigh) | below_space | has_zero(w ^ ('"' * kOnes)) | has_zero(w ^ ('\\' * kOnes))) == 0;
}

void Buffer::PutString(std::string_view str) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* s = reinterpret_cast<const unsigned char*>(str.data());
  const size_t n = str.size();
  // Room for the common case (nothing escaped) up front; escapes reserve more.
  Reserve(n + 2);
  UncheckedPut('"');
  size_t i = 0;
  bool tail_tested = false;
  while (i < n) {
    // Copy the longest run that needs no escaping in one piece: plain ASCII
    // and well-formed UTF-8 sequences (raw, including U+2028/U+2029). This is
    // the hot loop of the writer, and almost all text is such a run.
    const size_t run = i;
    while (i < n) {
      if (i + 8 <= n) {
        uint64_t w;
        std::memcpy(&w, s + i, 8);
        if (AllPlainAscii(w)) {
          i += 8;
          continue;
        }
      } else if (!tail_tested) {
        // The last few bytes as one word padded with spaces (plain): a short
        // ASCII string (a key, an id, a rule name) is one test. Once only: a
        // tail that fails goes byte by byte.
        tail_tested = true;
        uint64_t w = 0x2020202020202020ULL;
        std::memcpy(&w, s + i, n - i);
        if (AllPlainAscii(w)) {
          i = n;
          break;
        }
      }
      const unsigned char c = s[i];
      if (c < 0x80) {
        if (!kPlainAscii.plain[c]) break;
        ++i;
        continue;
      }
      // Hangul and most other BMP text: a lead byte without the E0/ED
      // second-byte limits and two continuation bytes.
      if (c >= 0xE1 && c != 0xED && c <= 0xEF && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
          (s[i + 2] & 0xC0) == 0x80) {
        i += 3;
        continue;
      }
      const size_t len = Utf8SequenceLength(s, n, i);
      if (len == 0) break;
      i += len;
    }
    Put(str.data() + run, i - run);
    if (i >= n) break;
    const unsigned char c = s[i];
    ++i;
    Reserve(6);
    if (c >= 0x80) {
      // Never emit invalid UTF-8 (that would make the whole record
      // unparseable); U+FFFD marks the damage, one per bad byte.
      UncheckedPut("\xEF\xBF\xBD", 3);
      continue;
    }
    switch (c) {
      case '"': UncheckedPut("\\\"", 2); break;
      case '\\': UncheckedPut("\\\\", 2); break;
      case '\b': UncheckedPut("\\b", 2); break;
      case '\f': UncheckedPut("\\f", 2); break;
      case '\n': UncheckedPut("\\n", 2); break;
      case '\r': UncheckedPut("\\r", 2); break;
      case '\t': UncheckedPut("\\t", 2); break;
      default: {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
        UncheckedPut(esc, 6);
      }
    }
  }
  Put('"');
}

// Confidence with at most 4 decimals and no trailing zeros. Done with integer
// arithmetic rather than printf("%g") so the output cannot depend on the C
// locale (a decimal comma would break JSON) or on printf's rounding choices.
// Clamped to [0, 1] so the output always satisfies the schema.
void PutConfidence(double c, Buffer* out) {
  if (!std::isfinite(c) || c < 0.0) c = 0.0;
  if (c > 1.0) c = 1.0;
  const uint64_t scaled = static_cast<uint64_t>(std::llround(c * 10000.0));
  out->PutUnsigned(scaled / 10000);
  uint64_t frac = scaled % 10000;
  if (frac == 0) return;
  char digits[5] = {'.', static_cast<char>('0' + frac / 1000), static_cast<char>('0' + frac / 100 % 10),
                    static_cast<char>('0' + frac / 10 % 10), static_cast<char>('0' + frac % 10)};
  size_t len = 5;
  while (digits[len - 1] == '0') --len;
  out->Put(digits, len);
}

// A minimal streaming emitter: tracks nesting so that commas, newlines and
// indentation come out right in both modes. Pretty mode follows the common
// `json.dumps(indent=2)` layout: `"key": value`, empty containers as {} / [].
class Emitter {
 public:
  Emitter(bool pretty, std::string* out) : pretty_(pretty), out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  // A data-dependent key (map key, node id): escaped like any string.
  void Key(const std::string& k) {
    NextItem();
    out_.PutString(k);
    EndKey();
  }
  // A contract key: a plain ASCII literal that needs no escaping, so it is
  // copied as is with its quotes and colon in one piece (most keys written
  // are these; this path matters for speed).
  template <size_t N>
  void Key(const char (&k)[N]) {
    if (pretty_) {
      NextItem();
      out_.Reserve(N + 3);
      out_.UncheckedPut('"');
      out_.UncheckedPut(k, N - 1);
      out_.UncheckedPut('"');
      EndKey();
      return;
    }
    // Compact: separator, quoted key and colon as one reserved piece.
    out_.Reserve(N + 4);
    bool& has = has_items_[depth_ - 1];
    if (has) out_.UncheckedPut(',');
    has = true;
    out_.UncheckedPut('"');
    out_.UncheckedPut(k, N - 1);
    out_.UncheckedPut('"');
    out_.UncheckedPut(':');
    after_key_ = true;
  }

  void String(std::string_view s) {
    BeforeValue();
    out_.PutString(s);
  }
  void Unsigned(uint64_t v) {
    BeforeValue();
    out_.PutUnsigned(v);
  }
  void Bool(bool v) {
    BeforeValue();
    if (v) {
      out_.Put("true", 4);
    } else {
      out_.Put("false", 5);
    }
  }
  void Null() {
    BeforeValue();
    out_.Put("null", 4);
  }
  void Confidence(double c) {
    BeforeValue();
    PutConfidence(c, &out_);
  }
  // A string value that repeats record after record (every mention's and
  // every evidence's "doc"): escaped once, then copied while it stays the same.
  void RepeatedString(const std::string& s) {
    BeforeValue();
    if (has_repeated_ && s == repeated_) {
      out_.Put(repeated_json_.data(), repeated_json_.size());
      return;
    }
    const size_t mark = out_.used();
    out_.PutString(s);
    repeated_ = s;
    repeated_json_ = out_.WrittenSince(mark);
    has_repeated_ = true;
  }

  // The six members of an Offsets, in a row. Compact mode writes them as one
  // piece with one reservation (a mention has one or two such groups, and
  // their keys and numbers are a good part of the output).
  void OffsetMembers(const Offsets& o) {
    if (pretty_) {
      Member("start", o.start);
      Member("end", o.end);
      Member("byte_start", o.byte_start);
      Member("byte_end", o.byte_end);
      Member("utf16_start", o.utf16_start);
      Member("utf16_end", o.utf16_end);
      return;
    }
    // Six keys of at most 14 bytes with their quotes, colon and comma, and six
    // numbers of at most 20 digits.
    out_.Reserve(6 * (15 + 20));
    bool& has = has_items_[depth_ - 1];
    if (has) out_.UncheckedPut(',');
    has = true;
    RawPiece("\"start\":");
    out_.UncheckedPutUnsigned(o.start);
    RawPiece(",\"end\":");
    out_.UncheckedPutUnsigned(o.end);
    RawPiece(",\"byte_start\":");
    out_.UncheckedPutUnsigned(o.byte_start);
    RawPiece(",\"byte_end\":");
    out_.UncheckedPutUnsigned(o.byte_end);
    RawPiece(",\"utf16_start\":");
    out_.UncheckedPutUnsigned(o.utf16_start);
    RawPiece(",\"utf16_end\":");
    out_.UncheckedPutUnsigned(o.utf16_end);
  }

  // Convenience for the many `"key": value` members.
  template <size_t N>
  void Member(const char (&k)[N], std::string_view v) {
    Key(k);
    String(v);
  }
  template <size_t N>
  void Member(const char (&k)[N], uint64_t v) {
    Key(k);
    Unsigned(v);
  }
  template <size_t N>
  void MemberBool(const char (&k)[N], bool v) {
    Key(k);
    Bool(v);
  }

 private:
  // Containers nest at most a handful deep in this format (the writer below
  // is the only producer); the fixed stack bounds it anyway.
  static constexpr size_t kMaxDepth = 32;

  void BeforeValue() {
    if (after_key_) {
      after_key_ = false;
    } else if (depth_ > 0) {
      NextItem();  // array element
    }
  }
  void EndKey() {
    if (pretty_) {
      out_.Put(": ", 2);
    } else {
      out_.Put(':');
    }
    after_key_ = true;
  }
  void NextItem() {
    bool& has = has_items_[depth_ - 1];
    if (has) out_.Put(',');
    has = true;
    if (pretty_) NewLine();
  }
  void Open(char c) {
    BeforeValue();
    out_.Put(c);
    if (depth_ == kMaxDepth) std::abort();  // unreachable: the format is shallower
    has_items_[depth_++] = false;
  }
  void Close(char c) {
    const bool had_items = has_items_[--depth_];
    if (pretty_ && had_items) NewLine();
    out_.Put(c);
  }
  void NewLine() {
    out_.Put('\n');
    out_.PutSpaces(2 * depth_);
  }

  template <size_t N>
  void RawPiece(const char (&piece)[N]) {
    out_.UncheckedPut(piece, N - 1);
  }

  const bool pretty_;
  Buffer out_;
  bool has_repeated_ = false;
  std::string repeated_;       // the last RepeatedString
  std::string repeated_json_;  // and its JSON form
  bool has_items_[kMaxDepth];  // one per open container: written a member yet?
  size_t depth_ = 0;
  bool after_key_ = false;
};

void WriteOffsets(const Offsets& o, Emitter* e) { e->OffsetMembers(o); }

void WriteStringMap(const std::map<std::string, std::string>& m, Emitter* e) {
  e->BeginObject();
  for (const auto& [k, v] : m) {
    e->Key(k);  // the std::string overload: keys may contain any byte
    e->String(v);
  }
  e->EndObject();
}

auto OffsetsKey(const Offsets& o) {
  return std::tie(o.start, o.end, o.byte_start, o.byte_end, o.utf16_start, o.utf16_end);
}

bool AlternativeLess(const AlternativeRecord& a, const AlternativeRecord& b) {
  return std::tie(a.type, a.text, a.source, a.reason) < std::tie(b.type, b.text, b.source, b.reason) ||
         (std::tie(a.type, a.text, a.source, a.reason) == std::tie(b.type, b.text, b.source, b.reason) &&
          OffsetsKey(a.offsets) < OffsetsKey(b.offsets));
}

// Mentions are ordered by (start, end); the remaining fields only break ties,
// so that two mentions of the same span still come out in one fixed order
// whatever order the pipeline recorded them in.
bool MentionLess(const MentionRecord* a, const MentionRecord* b) {
  const auto ka = std::tie(a->offsets.start, a->offsets.end, a->doc, a->sentence, a->text, a->source, a->particle,
                           a->attributes);
  const auto kb = std::tie(b->offsets.start, b->offsets.end, b->doc, b->sentence, b->text, b->source, b->particle,
                           b->attributes);
  if (ka != kb) return ka < kb;
  if (OffsetsKey(a->offsets) != OffsetsKey(b->offsets)) return OffsetsKey(a->offsets) < OffsetsKey(b->offsets);
  return std::lexicographical_compare(a->alternatives.begin(), a->alternatives.end(), b->alternatives.begin(),
                                      b->alternatives.end(), AlternativeLess);
}

// Evidence in document order (the match position), then every other field, so
// an edge merged from facts found in a different order writes identically.
bool EvidenceLess(const Evidence* a, const Evidence* b) {
  const auto ka = std::tie(a->doc, a->match_offsets.start, a->match_offsets.end, a->sentence, a->rule, a->inferred,
                           a->sentence_text);
  const auto kb = std::tie(b->doc, b->match_offsets.start, b->match_offsets.end, b->sentence, b->rule, b->inferred,
                           b->sentence_text);
  if (ka != kb) return ka < kb;
  if (OffsetsKey(a->match_offsets) != OffsetsKey(b->match_offsets)) {
    return OffsetsKey(a->match_offsets) < OffsetsKey(b->match_offsets);
  }
  return OffsetsKey(a->sentence_offsets) < OffsetsKey(b->sentence_offsets);
}

void WriteMention(const MentionRecord& m, Emitter* e) {
  e->BeginObject();
  e->Key("doc");
  e->RepeatedString(m.doc);
  e->Member("sentence", m.sentence);
  WriteOffsets(m.offsets, e);
  e->Member("text", m.text);
  e->Member("source", m.source);
  if (!m.particle.empty()) e->Member("particle", m.particle);
  if (!m.attributes.empty()) {
    e->Key("attributes");
    WriteStringMap(m.attributes, e);
  }
  if (!m.alternatives.empty()) {
    e->Key("alternatives");
    e->BeginArray();
    // Alternatives keep the overlap policy's order (best loser first).
    for (const AlternativeRecord& alt : m.alternatives) {
      e->BeginObject();
      e->Member("type", alt.type);
      e->Member("text", alt.text);
      WriteOffsets(alt.offsets, e);
      e->Member("source", alt.source);
      e->Member("reason", alt.reason);
      e->EndObject();
    }
    e->EndArray();
  }
  e->EndObject();
}

// Sorts pointers, not records: the graph is const and may be written twice.
// Mentions are usually recorded in text order already (and most nodes have
// one): then they are written as they are, which is the same output, since
// records that compare equal are equal in every written field.
void WriteMentions(const std::vector<MentionRecord>& mentions, Emitter* e) {
  bool in_order = true;
  for (size_t k = 1; k < mentions.size() && in_order; ++k) in_order = !MentionLess(&mentions[k], &mentions[k - 1]);
  if (in_order) {
    e->BeginArray();
    for (const MentionRecord& m : mentions) WriteMention(m, e);
    e->EndArray();
    return;
  }
  std::vector<const MentionRecord*> sorted;
  sorted.reserve(mentions.size());
  for (const MentionRecord& m : mentions) sorted.push_back(&m);
  std::sort(sorted.begin(), sorted.end(), MentionLess);
  e->BeginArray();
  for (const MentionRecord* m : sorted) WriteMention(*m, e);
  e->EndArray();
}

void WriteNode(const Node& node, Emitter* e) {
  e->BeginObject();
  e->Member("label", node.label);
  e->Key("metadata");
  e->BeginObject();
  e->Member("type", node.type);
  e->Key("canonical_id");
  if (node.canonical_id.empty()) {
    e->Null();
  } else {
    e->String(node.canonical_id);
  }
  e->Key("aliases");
  e->BeginArray();
  for (const std::string& a : node.aliases) e->String(a);
  e->EndArray();
  e->Key("attributes");
  WriteStringMap(node.attributes, e);
  e->Key("external_ids");
  WriteStringMap(node.external_ids, e);
  e->Key("mentions");
  WriteMentions(node.mentions, e);
  e->EndObject();
  e->EndObject();
}

void WriteEvidence(const Evidence& ev, Emitter* e) {
  e->BeginObject();
  e->Key("doc");
  e->RepeatedString(ev.doc);
  e->Member("sentence", ev.sentence);
  e->Member("text", ev.sentence_text);
  WriteOffsets(ev.sentence_offsets, e);
  e->Key("match");
  e->BeginObject();
  WriteOffsets(ev.match_offsets, e);
  e->EndObject();
  e->Member("rule", ev.rule);
  e->MemberBool("inferred", ev.inferred);
  e->EndObject();
}

void WriteEdge(const Edge& edge, Emitter* e) {
  e->BeginObject();
  e->Member("id", edge.id);
  e->Member("source", edge.source);
  e->Member("target", edge.target);
  e->Member("relation", edge.relation);
  e->MemberBool("directed", edge.directed);
  e->Key("metadata");
  e->BeginObject();
  e->Key("confidence");
  e->Confidence(edge.confidence);
  e->Key("attributes");
  WriteStringMap(edge.attributes, e);
  e->Key("evidence");
  std::vector<const Evidence*> sorted;
  sorted.reserve(edge.evidence.size());
  for (const Evidence& ev : edge.evidence) sorted.push_back(&ev);
  std::sort(sorted.begin(), sorted.end(), EvidenceLess);
  e->BeginArray();
  for (const Evidence* ev : sorted) WriteEvidence(*ev, e);
  e->EndArray();
  e->EndObject();
  e->EndObject();
}

}  // namespace

void AppendJsonString(const std::string& s, std::string* out) {
  Buffer buffer(out);
  buffer.PutString(s);
}

void AppendGraphJson(const FactGraph& graph, bool pretty, std::string* out) {
  Emitter e(pretty, out);
  e.BeginObject();
  e.Key("graph");
  e.BeginObject();
  e.Member("id", graph.id());
  e.MemberBool("directed", true);
  e.Member("type", "relata");
  const auto title = graph.metadata().find("title");
  if (title != graph.metadata().end()) e.Member("label", title->second);

  e.Key("metadata");
  e.BeginObject();
  for (const auto& [k, v] : graph.metadata()) {
    if (std::find(std::begin(kReservedMetadataKeys), std::end(kReservedMetadataKeys), k) !=
        std::end(kReservedMetadataKeys)) {
      continue;
    }
    e.Key(k);
    e.String(v);
  }
  e.Key("unresolved");
  WriteMentions(graph.unresolved(), &e);
  e.Key("warnings");
  e.BeginArray();
  for (const std::string& w : graph.warnings()) e.String(w);
  e.EndArray();
  e.EndObject();

  e.Key("nodes");
  e.BeginObject();
  // Keyed by the map key: it is the id the edges refer to.
  for (const auto& [id, node] : graph.nodes()) {
    e.Key(id);
    WriteNode(node, &e);
  }
  e.EndObject();

  e.Key("edges");
  e.BeginArray();
  for (const auto& [id, edge] : graph.edges()) WriteEdge(edge, &e);
  e.EndArray();

  e.EndObject();
  e.EndObject();
}

void AppendErrorJson(const std::string& doc, size_t line, const std::string& message, std::string* out) {
  // Always one line, whatever the output mode: an error is one JSONL record.
  Emitter e(/*pretty=*/false, out);
  e.BeginObject();
  e.Key("error");
  e.BeginObject();
  e.Member("doc", doc);
  e.Member("line", line);
  e.Member("message", message);
  e.EndObject();
  e.EndObject();
}

}  // namespace relata::graph
