// Test helpers for the graph stage: offsets computed from real text and a
// small but complete graph for one Korean news sentence.
#ifndef RELATA_TESTS_GRAPH_GRAPH_FIXTURES_H_
#define RELATA_TESTS_GRAPH_GRAPH_FIXTURES_H_

#include <string>

#include "graph/fact_graph.h"

namespace relata::graph::testing {

// Offsets of text.substr(byte_start, byte_end - byte_start) in all three units,
// computed independently of the library by walking the UTF-8 lead bytes.
inline Offsets OffsetsOfBytes(const std::string& text, size_t byte_start, size_t byte_end) {
  Offsets o;
  o.byte_start = byte_start;
  o.byte_end = byte_end;
  size_t cp = 0, u16 = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == byte_start) o.start = cp, o.utf16_start = u16;
    if (i == byte_end) o.end = cp, o.utf16_end = u16;
    if (i == text.size()) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) {  // a lead byte starts a code point
      ++cp;
      u16 += (c >= 0xF0) ? 2 : 1;  // 4-byte sequences are surrogate pairs
    }
  }
  return o;
}

// Offsets of the first occurrence of `needle` in `text` at or after byte `from`.
inline Offsets OffsetsOf(const std::string& text, const std::string& needle, size_t from = 0) {
  const size_t b = text.find(needle, from);
  return OffsetsOfBytes(text, b, b + needle.size());
}

inline const std::string& KoreanArticle() {
  static const std::string kText =
      "삼성전자 이재용 회장은 15일 서울에서 팀 쿡 애플 CEO와 만났다. 이 회장은 \"협력\"을 강조했다 🙂.";
  return kText;
}

inline MentionRecord Mention(const std::string& needle, size_t sentence, const std::string& source,
                             size_t from = 0) {
  MentionRecord m;
  m.doc = "yna-2024-0001";
  m.sentence = sentence;
  m.offsets = OffsetsOf(KoreanArticle(), needle, from);
  m.text = needle;
  m.source = source;
  return m;
}

inline Evidence SentenceEvidence(size_t sentence, const std::string& sentence_text, const std::string& match,
                                 const std::string& rule) {
  Evidence e;
  e.doc = "yna-2024-0001";
  e.sentence = sentence;
  e.sentence_text = sentence_text;
  e.sentence_offsets = OffsetsOf(KoreanArticle(), sentence_text);
  e.match_offsets = OffsetsOf(KoreanArticle(), match, e.sentence_offsets.byte_start);
  e.rule = rule;
  return e;
}

// Exercises every optional field: title, unresolved, warnings, particles,
// attributes, alternatives, external ids, symmetric and directed edges,
// inferred evidence, and a string that needs escaping.
inline FactGraph RichGraph() {
  const std::string& text = KoreanArticle();
  const std::string s0 = "삼성전자 이재용 회장은 15일 서울에서 팀 쿡 애플 CEO와 만났다.";
  const std::string s1 = "이 회장은 \"협력\"을 강조했다 🙂.";

  FactGraph g("yna-2024-0001");
  g.metadata()["title"] = "이재용 회장, 팀 쿡 \"애플\" CEO와 회동";
  g.metadata()["lang"] = "ko";
  g.metadata()["date"] = "2024-03-15";
  g.metadata()["relata_version"] = "0.1.0";

  Node& lee = g.UpsertNode("wd:Q484392", "이재용", "person");
  lee.canonical_id = "wd:Q484392";
  lee.aliases = {"Lee Jae-yong", "JY Lee"};
  lee.external_ids["wikidata"] = "Q484392";
  MentionRecord m1 = Mention("이재용", 0, "gazetteer:wd:Q484392");
  m1.attributes["title"] = "회장";
  MentionRecord m2 = Mention("이", 1, "resolution:surname", s0.size());
  m2.attributes["surname_only"] = "true";
  lee.mentions = {m2, m1};  // deliberately out of order: the writer sorts

  Node& samsung = g.UpsertNode("wd:Q20718", "삼성전자", "company");
  samsung.canonical_id = "wd:Q20718";
  MentionRecord m3 = Mention("삼성전자", 0, "gazetteer:wd:Q20718");
  AlternativeRecord alt;
  alt.type = "organization";
  alt.text = "삼성";
  alt.offsets = OffsetsOf(text, "삼성");
  alt.source = "rule:ko.org.suffix";
  alt.reason = "shorter than the winner";
  m3.alternatives.push_back(alt);
  samsung.mentions.push_back(m3);

  Node& cook = g.UpsertNode("person:팀 쿡", "팀 쿡", "person");
  MentionRecord m4 = Mention("팀 쿡", 0, "rule:ko.person.foreign");
  cook.mentions.push_back(m4);

  Node& apple = g.UpsertNode("wd:Q312", "애플", "company");
  apple.canonical_id = "wd:Q312";
  apple.mentions.push_back(Mention("애플", 0, "gazetteer:wd:Q312"));

  Node& date = g.UpsertNode("date:2024-03-15", "15일", "date");
  date.attributes["value"] = "2024-03-15";
  MentionRecord m5 = Mention("15일", 0, "rule:ko.date.day");
  m5.attributes["value"] = "2024-03-15";
  date.mentions.push_back(m5);

  g.AddEdge("works_for", "wd:Q484392", "wd:Q20718", true, 0.9, {{"title", "회장"}},
            SentenceEvidence(0, s0, "삼성전자 이재용 회장", "ko.works_for.title"));
  g.AddEdge("meets", "wd:Q484392", "person:팀 쿡", false, 0.75, {{"date", "2024-03-15"}},
            SentenceEvidence(0, s0, "이재용 회장은 15일 서울에서 팀 쿡 애플 CEO와 만났다", "ko.meets.wa"));
  Evidence inferred = SentenceEvidence(0, s0, "팀 쿡 애플 CEO", "infer.employer_of_ceo");
  inferred.inferred = true;
  g.AddEdge("works_for", "person:팀 쿡", "wd:Q312", true, 1.0, {}, inferred);

  MentionRecord unresolved = Mention("CEO", 0, "rule:ko.title.bare");
  unresolved.particle = "와";
  g.unresolved().push_back(unresolved);
  g.warnings().push_back("sentence 1: emoji 🙂 kept\tas is");
  return g;
}

}  // namespace relata::graph::testing

#endif  // RELATA_TESTS_GRAPH_GRAPH_FIXTURES_H_
