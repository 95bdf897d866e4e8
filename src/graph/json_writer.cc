#include "graph/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <tuple>
#include <vector>

namespace relata::graph {
namespace {

// Keys of graph.metadata that the writer fills itself; a free-form metadata
// entry with one of these names would produce a duplicate key, so it is skipped.
constexpr const char* kReservedMetadataKeys[] = {"unresolved", "warnings"};

// Length of the well-formed UTF-8 sequence at s[i], or 0 if it is not one
// (RFC 3629 table: no overlongs, no surrogates, nothing above U+10FFFF).
size_t Utf8SequenceLength(const std::string& s, size_t i) {
  const size_t n = s.size();
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const auto cont = [&](size_t k) { return k < n && (b(k) & 0xC0) == 0x80; };
  const unsigned char c = b(i);
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    const unsigned char c1 = b(i + 1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    const unsigned char c1 = b(i + 1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

void AppendUnsigned(uint64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

// Confidence with at most 4 decimals and no trailing zeros. Done with integer
// arithmetic rather than printf("%g") so the output cannot depend on the C
// locale (a decimal comma would break JSON) or on printf's rounding choices.
// Clamped to [0, 1] so the output always satisfies the schema.
void AppendConfidence(double c, std::string* out) {
  if (!std::isfinite(c) || c < 0.0) c = 0.0;
  if (c > 1.0) c = 1.0;
  const uint64_t scaled = static_cast<uint64_t>(std::llround(c * 10000.0));
  AppendUnsigned(scaled / 10000, out);
  uint64_t frac = scaled % 10000;
  if (frac == 0) return;
  char digits[5] = {static_cast<char>('0' + frac / 1000), static_cast<char>('0' + frac / 100 % 10),
                    static_cast<char>('0' + frac / 10 % 10), static_cast<char>('0' + frac % 10), 0};
  int len = 4;
  while (digits[len - 1] == '0') --len;
  out->push_back('.');
  out->append(digits, len);
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
    AppendJsonString(k, out_);
    EndKey();
  }
  // A contract key: a plain ASCII literal that needs no escaping, so it is
  // copied as is (most keys written are these; this path matters for speed).
  void Key(const char* k) {
    NextItem();
    out_->push_back('"');
    out_->append(k);
    out_->push_back('"');
    EndKey();
  }

  void String(const std::string& s) {
    BeforeValue();
    AppendJsonString(s, out_);
  }
  void Unsigned(uint64_t v) {
    BeforeValue();
    AppendUnsigned(v, out_);
  }
  void Bool(bool v) {
    BeforeValue();
    out_->append(v ? "true" : "false");
  }
  void Null() {
    BeforeValue();
    out_->append("null");
  }
  void Confidence(double c) {
    BeforeValue();
    AppendConfidence(c, out_);
  }

  // Convenience for the many `"key": value` members.
  void Member(const char* k, const std::string& v) {
    Key(k);
    String(v);
  }
  void Member(const char* k, uint64_t v) {
    Key(k);
    Unsigned(v);
  }
  void MemberBool(const char* k, bool v) {
    Key(k);
    Bool(v);
  }

 private:
  void BeforeValue() {
    if (after_key_) {
      after_key_ = false;
    } else if (!has_items_.empty()) {
      NextItem();  // array element
    }
  }
  void EndKey() {
    out_->push_back(':');
    if (pretty_) out_->push_back(' ');
    after_key_ = true;
  }
  void NextItem() {
    if (has_items_.back()) out_->push_back(',');
    has_items_.back() = true;
    if (pretty_) NewLine();
  }
  void Open(char c) {
    BeforeValue();
    out_->push_back(c);
    has_items_.push_back(false);
  }
  void Close(char c) {
    const bool had_items = has_items_.back();
    has_items_.pop_back();
    if (pretty_ && had_items) NewLine();
    out_->push_back(c);
  }
  void NewLine() {
    out_->push_back('\n');
    out_->append(2 * has_items_.size(), ' ');
  }

  const bool pretty_;
  std::string* out_;
  std::vector<bool> has_items_;  // one per open container: written a member yet?
  bool after_key_ = false;
};

void WriteOffsets(const Offsets& o, Emitter* e) {
  e->Member("start", o.start);
  e->Member("end", o.end);
  e->Member("byte_start", o.byte_start);
  e->Member("byte_end", o.byte_end);
  e->Member("utf16_start", o.utf16_start);
  e->Member("utf16_end", o.utf16_end);
}

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
  e->Member("doc", m.doc);
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
void WriteMentions(const std::vector<MentionRecord>& mentions, Emitter* e) {
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
  e->Member("doc", ev.doc);
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
  static constexpr char kHex[] = "0123456789abcdef";
  out->reserve(out->size() + s.size() + 2);
  out->push_back('"');
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // Copy the longest run that needs no escaping in one append: this is the
    // hot loop of the writer and almost all text is plain.
    size_t run = i;
    while (run < n) {
      const unsigned char c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
      ++run;
    }
    out->append(s, i, run - i);
    i = run;
    if (i >= n) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t len = Utf8SequenceLength(s, i);
      if (len == 0) {
        // Never emit invalid UTF-8 (that would make the whole record
        // unparseable); U+FFFD marks the damage, one per bad byte.
        out->append("\xEF\xBF\xBD");
        ++i;
      } else {
        out->append(s, i, len);  // raw UTF-8, including U+2028/U+2029
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xf]);
    }
    ++i;
  }
  out->push_back('"');
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
