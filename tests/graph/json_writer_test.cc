#include "graph/json_writer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "graph_fixtures.h"

namespace relata::graph {
namespace {

using nlohmann::json;

std::string Write(const FactGraph& g, bool pretty) {
  std::string out;
  AppendGraphJson(g, pretty, &out);
  return out;
}

std::string Quote(const std::string& s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

// Order of the keys of `object` as written (nlohmann's json sorts them, so
// the order is read with ordered_json).
std::vector<std::string> KeysOf(const nlohmann::ordered_json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

// The smallest graph with one of everything mandatory; its exact output is
// spelled out by hand below from docs/output.md.
FactGraph TinyGraph() {
  FactGraph g("d1");
  g.metadata()["lang"] = "en";
  Node& ann = g.UpsertNode("p:A", "Ann", "person");
  MentionRecord m;
  m.doc = "d1";
  m.offsets = {0, 3, 0, 3, 0, 3};
  m.text = "Ann";
  m.source = "rule:x";
  ann.mentions.push_back(m);
  g.UpsertNode("c:B", "B", "company").canonical_id = "Q1";
  Evidence ev;
  ev.doc = "d1";
  ev.sentence_text = "Ann joined B.";
  ev.sentence_offsets = {0, 13, 0, 13, 0, 13};
  ev.match_offsets = {0, 12, 0, 12, 0, 12};
  ev.rule = "r";
  g.AddEdge("works_for", "p:A", "c:B", true, 0.75, {}, ev);
  return g;
}

// EdgeId("works_for", "p:A", "c:B", true), computed with python3 as in
// fact_graph_test.cc: e8297aa14184b8a89.
const char kTinyCompact[] =
    R"({"graph":{"id":"d1","directed":true,"type":"relata","metadata":{"lang":"en","unresolved":[],"warnings":[]},)"
    R"("nodes":{"c:B":{"label":"B","metadata":{"type":"company","canonical_id":"Q1","aliases":[],"attributes":{},)"
    R"("external_ids":{},"mentions":[]}},"p:A":{"label":"Ann","metadata":{"type":"person","canonical_id":null,)"
    R"("aliases":[],"attributes":{},"external_ids":{},"mentions":[{"doc":"d1","sentence":0,"start":0,"end":3,)"
    R"("byte_start":0,"byte_end":3,"utf16_start":0,"utf16_end":3,"text":"Ann","source":"rule:x"}]}}},)"
    R"("edges":[{"id":"e8297aa14184b8a89","source":"p:A","target":"c:B","relation":"works_for","directed":true,)"
    R"("metadata":{"confidence":0.75,"attributes":{},"evidence":[{"doc":"d1","sentence":0,"text":"Ann joined B.",)"
    R"("start":0,"end":13,"byte_start":0,"byte_end":13,"utf16_start":0,"utf16_end":13,"match":{"start":0,"end":12,)"
    R"("byte_start":0,"byte_end":12,"utf16_start":0,"utf16_end":12},"rule":"r","inferred":false}]}}]}})";

const char kTinyPretty[] = R"({
  "graph": {
    "id": "d1",
    "directed": true,
    "type": "relata",
    "metadata": {
      "lang": "en",
      "unresolved": [],
      "warnings": []
    },
    "nodes": {
      "c:B": {
        "label": "B",
        "metadata": {
          "type": "company",
          "canonical_id": "Q1",
          "aliases": [],
          "attributes": {},
          "external_ids": {},
          "mentions": []
        }
      },
      "p:A": {
        "label": "Ann",
        "metadata": {
          "type": "person",
          "canonical_id": null,
          "aliases": [],
          "attributes": {},
          "external_ids": {},
          "mentions": [
            {
              "doc": "d1",
              "sentence": 0,
              "start": 0,
              "end": 3,
              "byte_start": 0,
              "byte_end": 3,
              "utf16_start": 0,
              "utf16_end": 3,
              "text": "Ann",
              "source": "rule:x"
            }
          ]
        }
      }
    },
    "edges": [
      {
        "id": "e8297aa14184b8a89",
        "source": "p:A",
        "target": "c:B",
        "relation": "works_for",
        "directed": true,
        "metadata": {
          "confidence": 0.75,
          "attributes": {},
          "evidence": [
            {
              "doc": "d1",
              "sentence": 0,
              "text": "Ann joined B.",
              "start": 0,
              "end": 13,
              "byte_start": 0,
              "byte_end": 13,
              "utf16_start": 0,
              "utf16_end": 13,
              "match": {
                "start": 0,
                "end": 12,
                "byte_start": 0,
                "byte_end": 12,
                "utf16_start": 0,
                "utf16_end": 12
              },
              "rule": "r",
              "inferred": false
            }
          ]
        }
      }
    ]
  }
})";

TEST_SUITE("graph") {
  TEST_CASE("Compact output of a small graph is exactly the documented shape") {
    CHECK(Write(TinyGraph(), false) == kTinyCompact);
  }

  TEST_CASE("Pretty output indents with two spaces and keeps the documented key order") {
    CHECK(Write(TinyGraph(), true) == kTinyPretty);
  }

  TEST_CASE("Writer output parses and carries the exact field names and values") {
    const FactGraph g = testing::RichGraph();
    const std::string text = Write(g, false);
    REQUIRE(json::accept(text));
    const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text);
    CHECK(KeysOf(doc) == std::vector<std::string>{"graph"});
    const auto& graph = doc["graph"];
    CHECK(KeysOf(graph) ==
          std::vector<std::string>{"id", "directed", "type", "label", "metadata", "nodes", "edges"});
    CHECK(graph["id"] == "yna-2024-0001");
    CHECK(graph["directed"] == true);
    CHECK(graph["type"] == "relata");
    CHECK(graph["label"] == "이재용 회장, 팀 쿡 \"애플\" CEO와 회동");

    const auto& meta = graph["metadata"];
    CHECK(KeysOf(meta) ==
          std::vector<std::string>{"date", "lang", "relata_version", "title", "unresolved", "warnings"});
    CHECK(meta["lang"] == "ko");
    CHECK(meta["title"] == graph["label"]);
    REQUIRE(meta["unresolved"].size() == 1);
    CHECK(meta["unresolved"][0]["text"] == "CEO");
    CHECK(meta["unresolved"][0]["particle"] == "와");
    CHECK(meta["warnings"] == nlohmann::ordered_json::array({"sentence 1: emoji 🙂 kept\tas is"}));

    const auto& nodes = graph["nodes"];
    CHECK(KeysOf(nodes) == std::vector<std::string>{"date:2024-03-15", "person:팀 쿡", "wd:Q20718", "wd:Q312",
                                                    "wd:Q484392"});
    const auto& lee = nodes["wd:Q484392"];
    CHECK(KeysOf(lee) == std::vector<std::string>{"label", "metadata"});
    CHECK(lee["label"] == "이재용");
    CHECK(KeysOf(lee["metadata"]) == std::vector<std::string>{"type", "canonical_id", "aliases", "attributes",
                                                              "external_ids", "mentions"});
    CHECK(lee["metadata"]["type"] == "person");
    CHECK(lee["metadata"]["canonical_id"] == "wd:Q484392");
    CHECK(lee["metadata"]["aliases"] == nlohmann::ordered_json::array({"Lee Jae-yong", "JY Lee"}));
    CHECK(lee["metadata"]["external_ids"]["wikidata"] == "Q484392");
    CHECK(nodes["person:팀 쿡"]["metadata"]["canonical_id"].is_null());

    // Mentions sorted by offset although the fixture stores them reversed.
    const auto& mentions = lee["metadata"]["mentions"];
    REQUIRE(mentions.size() == 2);
    const auto& m = mentions[0];
    CHECK(KeysOf(m) == std::vector<std::string>{"doc", "sentence", "start", "end", "byte_start", "byte_end",
                                                "utf16_start", "utf16_end", "text", "source", "attributes"});
    CHECK(m["doc"] == "yna-2024-0001");
    CHECK(m["sentence"] == 0);
    CHECK(m["start"] == 5);
    CHECK(m["end"] == 8);
    CHECK(m["byte_start"] == 13);
    CHECK(m["byte_end"] == 22);
    CHECK(m["utf16_start"] == 5);
    CHECK(m["utf16_end"] == 8);
    CHECK(m["text"] == "이재용");
    CHECK(m["source"] == "gazetteer:wd:Q484392");
    CHECK(m["attributes"]["title"] == "회장");
    CHECK(mentions[1]["text"] == "이");
    CHECK(mentions[1]["sentence"] == 1);
    CHECK(mentions[1]["start"].get<int>() > m["start"].get<int>());

    const auto& samsung_mention = nodes["wd:Q20718"]["metadata"]["mentions"][0];
    REQUIRE(samsung_mention.contains("alternatives"));
    const auto& alt = samsung_mention["alternatives"][0];
    CHECK(KeysOf(alt) == std::vector<std::string>{"type", "text", "start", "end", "byte_start", "byte_end",
                                                  "utf16_start", "utf16_end", "source", "reason"});
    CHECK(alt["type"] == "organization");
    CHECK(alt["text"] == "삼성");
    CHECK(alt["end"] == 2);
    CHECK(alt["byte_end"] == 6);
    CHECK(alt["reason"] == "shorter than the winner");

    const auto& edges = graph["edges"];
    REQUIRE(edges.size() == 3);
    std::vector<std::string> ids;
    for (const auto& e : edges) ids.push_back(e["id"]);
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    bool saw_meets = false, saw_inferred = false;
    for (const auto& e : edges) {
      CHECK(KeysOf(e) == std::vector<std::string>{"id", "source", "target", "relation", "directed", "metadata"});
      CHECK(KeysOf(e["metadata"]) == std::vector<std::string>{"confidence", "attributes", "evidence"});
      CHECK(e["id"] == EdgeId(e["relation"], e["source"], e["target"], e["directed"]));
      const auto& ev = e["metadata"]["evidence"][0];
      CHECK(KeysOf(ev) == std::vector<std::string>{"doc", "sentence", "text", "start", "end", "byte_start",
                                                   "byte_end", "utf16_start", "utf16_end", "match", "rule",
                                                   "inferred"});
      CHECK(KeysOf(ev["match"]) == std::vector<std::string>{"start", "end", "byte_start", "byte_end",
                                                            "utf16_start", "utf16_end"});
      if (e["relation"] == "meets") {
        saw_meets = true;
        CHECK(e["directed"] == false);
        CHECK(e["source"] == "person:팀 쿡");  // symmetric: ordered endpoints ("p" < "w")
        CHECK(e["target"] == "wd:Q484392");
        CHECK(e["metadata"]["confidence"] == 0.75);
        CHECK(e["metadata"]["attributes"]["date"] == "2024-03-15");
        CHECK(ev["text"] == "삼성전자 이재용 회장은 15일 서울에서 팀 쿡 애플 CEO와 만났다.");
        CHECK(ev["start"] == 0);
        CHECK(ev["match"]["start"] == 5);
        CHECK(ev["match"]["byte_start"] == 13);
        CHECK(ev["rule"] == "ko.meets.wa");
        CHECK(ev["inferred"] == false);
      }
      if (e["target"] == "wd:Q312") {
        saw_inferred = true;
        CHECK(e["metadata"]["confidence"] == 1);
        CHECK(ev["inferred"] == true);
      }
    }
    CHECK(saw_meets);
    CHECK(saw_inferred);
  }

  TEST_CASE("Optional mention fields are omitted when empty") {
    const std::string text = Write(testing::RichGraph(), false);
    const json doc = json::parse(text);
    const json& cook = doc["graph"]["nodes"]["person:팀 쿡"]["metadata"]["mentions"][0];
    CHECK_FALSE(cook.contains("particle"));
    CHECK_FALSE(cook.contains("attributes"));
    CHECK_FALSE(cook.contains("alternatives"));
    CHECK(cook.size() == 10);
  }

  TEST_CASE("graph.label appears only when the metadata has a title") {
    FactGraph g("no-title");
    g.metadata()["lang"] = "en";
    const json doc = json::parse(Write(g, false));
    CHECK_FALSE(doc["graph"].contains("label"));
    g.metadata()["title"] = "Headline";
    CHECK(json::parse(Write(g, false))["graph"]["label"] == "Headline");
  }

  TEST_CASE("Metadata entries named like the reserved arrays do not produce duplicate keys") {
    FactGraph g("d");
    g.metadata()["warnings"] = "oops";
    g.metadata()["unresolved"] = "oops";
    g.warnings().push_back("real warning");
    const std::string text = Write(g, false);
    CHECK(text.find("oops") == std::string::npos);
    CHECK(json::parse(text)["graph"]["metadata"]["warnings"] == json::array({"real warning"}));
  }

  TEST_CASE("Strings escape quotes, backslashes and control characters") {
    CHECK(Quote("") == R"("")");
    CHECK(Quote("plain") == R"("plain")");
    CHECK(Quote("say \"hi\"") == R"("say \"hi\"")");
    CHECK(Quote("C:\\path\\") == R"("C:\\path\\")");
    CHECK(Quote("a\b\f\n\r\tb") == R"("a\b\f\n\r\tb")");
    CHECK(Quote(std::string("\x00\x01\x1f", 3)) == R"("\u0000\u0001\u001f")");
    CHECK(Quote("slash / and DEL \x7f stay") == "\"slash / and DEL \x7f stay\"");
    const std::string all_controls = [] {
      std::string s;
      for (int c = 0; c < 0x20; ++c) s.push_back(static_cast<char>(c));
      return s + "\"\\";
    }();
    CHECK(json::parse(Quote(all_controls)).get<std::string>() == all_controls);
  }

  TEST_CASE("Korean and emoji are kept as raw UTF-8 and round-trip") {
    const std::string korean = "삼성전자 이재용 회장은 \"협력\"을 강조했다";
    CHECK(Quote(korean) == "\"삼성전자 이재용 회장은 \\\"협력\\\"을 강조했다\"");
    const std::string emoji = "🙂👍🏽 U+2028:\u2028";
    CHECK(Quote(emoji) == "\"" + emoji + "\"");
    CHECK(json::parse(Quote(korean)).get<std::string>() == korean);
    CHECK(json::parse(Quote(emoji)).get<std::string>() == emoji);

    const std::string text = Write(testing::RichGraph(), false);
    CHECK(text.find("\\u") == std::string::npos);  // no \u escapes for non-ASCII
    CHECK(text.find("🙂") != std::string::npos);
    CHECK(json::parse(text)["graph"]["nodes"]["wd:Q20718"]["label"] == "삼성전자");
  }

  TEST_CASE("Invalid UTF-8 is written as U+FFFD so the output still parses") {
    const std::string bad = std::string("a\xff") + "b\xc3" + "\xe2\x82" + "\xed\xa0\x80";  // stray, truncated, surrogate
    const std::string quoted = Quote(bad);
    REQUIRE(json::accept(quoted));
    const std::string decoded = json::parse(quoted).get<std::string>();
    CHECK(decoded == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(decoded.find('\xff') == std::string::npos);
    CHECK(Quote("\xf0\x9f\x99\x82") == "\"🙂\"");  // valid 4-byte sequence untouched
  }

  TEST_CASE("Confidence is written with at most four decimals and trailing zeros trimmed") {
    const auto confidence_of = [](double c) {
      FactGraph g;
      Evidence ev;
      ev.rule = "r";
      g.AddEdge("r", "a", "b", true, c, {}, ev);
      const std::string text = Write(g, false);
      const size_t at = text.find("\"confidence\":") + 13;
      return text.substr(at, text.find(',', at) - at);
    };
    CHECK(confidence_of(0.9) == "0.9");
    CHECK(confidence_of(0.75) == "0.75");
    CHECK(confidence_of(1.0) == "1");
    CHECK(confidence_of(0.0) == "0");
    CHECK(confidence_of(2.0 / 3.0) == "0.6667");
    CHECK(confidence_of(0.00004) == "0");
    CHECK(confidence_of(0.99996) == "1");
    CHECK(confidence_of(0.1005) == "0.1005");
    CHECK(confidence_of(1.5) == "1");  // clamped into [0, 1]
  }

  TEST_CASE("The same graph built in different insertion orders is byte-identical") {
    const auto build = [](bool reversed) {
      FactGraph g("doc");
      g.metadata()[reversed ? "lang" : "date"] = reversed ? "en" : "2024-01-01";
      g.metadata()[reversed ? "date" : "lang"] = reversed ? "2024-01-01" : "en";
      std::vector<std::string> ids = {"p:c", "p:a", "p:b"};
      if (reversed) std::reverse(ids.begin(), ids.end());
      for (const std::string& id : ids) g.UpsertNode(id, id.substr(2), "person");
      std::vector<std::pair<std::string, std::string>> pairs = {{"p:a", "p:b"}, {"p:c", "p:b"}, {"p:a", "p:c"}};
      if (reversed) std::reverse(pairs.begin(), pairs.end());
      for (size_t i = 0; i < pairs.size(); ++i) {
        for (size_t k = 0; k < 2; ++k) {  // two pieces of evidence per fact, order flipped too
          const size_t sentence = reversed ? 1 - k : k;
          Evidence ev;
          ev.doc = "doc";
          ev.sentence = sentence;
          ev.sentence_text = "sentence " + std::to_string(sentence);
          ev.match_offsets = {sentence * 10, sentence * 10 + 5, sentence * 10, sentence * 10 + 5,
                              sentence * 10, sentence * 10 + 5};
          ev.rule = "meets";
          const auto& [a, b] = pairs[i];
          // Symmetric: argument order flipped as well.
          if (reversed) {
            g.AddEdge("meets", b, a, false, 0.5, {}, ev);
          } else {
            g.AddEdge("meets", a, b, false, 0.5, {}, ev);
          }
        }
      }
      Node& n = g.UpsertNode("p:a", "a", "person");
      std::vector<MentionRecord> mentions(3);
      for (size_t i = 0; i < 3; ++i) {
        mentions[i].doc = "doc";
        mentions[i].offsets = {i * 7, i * 7 + 1, i * 7, i * 7 + 1, i * 7, i * 7 + 1};
        mentions[i].text = "a";
        mentions[i].source = "rule:x";
      }
      MentionRecord same_span = mentions[1];
      same_span.source = "rule:y";  // same (start, end): tie broken by the other fields
      mentions.push_back(same_span);
      if (reversed) std::reverse(mentions.begin(), mentions.end());
      n.mentions = mentions;
      return g;
    };
    const FactGraph forward = build(false);
    const FactGraph backward = build(true);
    CHECK(Write(forward, false) == Write(backward, false));
    CHECK(Write(forward, true) == Write(backward, true));
    // Writing twice gives the same bytes: sorting happens on a copy of the order.
    CHECK(Write(forward, true) == Write(forward, true));
    CHECK(forward.nodes().at("p:a").mentions[0].offsets.start == 0);
    // The model is not mutated by the writer: still in (reversed) insertion order.
    CHECK(backward.nodes().at("p:a").mentions[0].source == "rule:y");
    CHECK(backward.nodes().at("p:a").mentions[1].offsets.start == 14);
  }

  TEST_CASE("Pretty and compact output parse to the same JSON") {
    const FactGraph g = testing::RichGraph();
    const std::string pretty = Write(g, true);
    const std::string compact = Write(g, false);
    CHECK(pretty != compact);
    CHECK(nlohmann::ordered_json::parse(pretty) == nlohmann::ordered_json::parse(compact));
  }

  TEST_CASE("Compact output is one line with no whitespace outside strings") {
    const std::string compact = Write(testing::RichGraph(), false);
    CHECK(compact.find('\n') == std::string::npos);
    bool in_string = false;
    size_t stray_spaces = 0;
    for (size_t i = 0; i < compact.size(); ++i) {
      const char c = compact[i];
      if (in_string) {
        if (c == '\\') ++i;
        else if (c == '"') in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++stray_spaces;
      }
    }
    CHECK(stray_spaces == 0);
  }

  TEST_CASE("AppendGraphJson appends to existing output without a trailing newline") {
    std::string out = "prefix\n";
    AppendGraphJson(FactGraph("x"), false, &out);
    CHECK(out.rfind("prefix\n{\"graph\":{\"id\":\"x\"", 0) == 0);
    CHECK(out.back() == '}');
    AppendGraphJson(FactGraph("y"), true, &out);
    CHECK(out.back() == '}');
  }

  TEST_CASE("AppendErrorJson writes one compact error record") {
    std::string out;
    AppendErrorJson("doc-7", 12, "invalid UTF-8 at byte 40: \"\xff\"", &out);
    CHECK(out == "{\"error\":{\"doc\":\"doc-7\",\"line\":12,\"message\":\"invalid UTF-8 at byte 40: \\\"\xEF\xBF\xBD\\\"\"}}");
    const json doc = json::parse(out);
    CHECK(doc["error"]["line"] == 12);
    out.clear();
    AppendErrorJson("", 0, "line1\nline2", &out);
    CHECK(out == R"({"error":{"doc":"","line":0,"message":"line1\nline2"}})");
  }
}

}  // namespace
}  // namespace relata::graph
