#include "graph/fact_graph.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "graph_fixtures.h"

namespace relata::graph {
namespace {

Evidence MakeEvidence(size_t sentence, const std::string& text, const std::string& rule) {
  Evidence e;
  e.doc = "doc-1";
  e.sentence = sentence;
  e.sentence_text = text;
  e.sentence_offsets = testing::OffsetsOfBytes(text, 0, text.size());
  e.match_offsets = testing::OffsetsOfBytes(text, 0, text.size() / 2);
  e.rule = rule;
  return e;
}

bool IsLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

TEST_SUITE("graph") {
  TEST_CASE("UpsertNode creates a node once and returns the existing node afterwards") {
    FactGraph g("doc-1");
    CHECK(g.id() == "doc-1");
    Node& first = g.UpsertNode("person:Alice", "Alice", "person");
    first.aliases.push_back("A.");
    Node& again = g.UpsertNode("person:Alice", "Alice Smith", "organization");
    CHECK(&first == &again);
    CHECK(again.id == "person:Alice");
    CHECK(again.label == "Alice");
    CHECK(again.type == "person");
    CHECK(again.aliases.size() == 1);
    CHECK(g.nodes().size() == 1);
  }

  TEST_CASE("UpsertNode tells whether it created the node") {
    FactGraph g("doc-1");
    bool created = false;
    g.UpsertNode("person:Alice", "Alice", "person", &created);
    CHECK(created);
    g.UpsertNode("person:Alice", "Alice", "person", &created);
    CHECK_FALSE(created);
    g.UpsertNode("person:Bob", "Bob", "person", &created);
    CHECK(created);
    CHECK(g.nodes().size() == 2);
  }

  TEST_CASE("FindNode returns the node by id and null for an unknown id") {
    FactGraph g;
    g.UpsertNode("company:Acme", "Acme", "company");
    const Node* found = g.FindNode("company:Acme");
    REQUIRE(found != nullptr);
    CHECK(found->label == "Acme");
    CHECK(g.FindNode("company:acme") == nullptr);
    CHECK(g.FindNode("") == nullptr);
  }

  TEST_CASE("The same fact added twice is one edge with two pieces of evidence") {
    FactGraph g("doc-1");
    const std::string id1 =
        g.AddEdge("works_for", "p:a", "c:b", true, 0.5, {}, MakeEvidence(0, "A works for B.", "r1"));
    const std::string id2 =
        g.AddEdge("works_for", "p:a", "c:b", true, 0.5, {}, MakeEvidence(3, "A, of B, said.", "r2"));
    CHECK(id1 == id2);
    REQUIRE(g.edges().size() == 1);
    const Edge& e = g.edges().at(id1);
    CHECK(e.id == id1);
    CHECK(e.source == "p:a");
    CHECK(e.target == "c:b");
    CHECK(e.relation == "works_for");
    CHECK(e.directed);
    REQUIRE(e.evidence.size() == 2);
    CHECK(e.evidence[0].rule == "r1");
    CHECK(e.evidence[1].rule == "r2");
  }

  TEST_CASE("Evidence equal in every field is kept once") {
    FactGraph g;
    const Evidence ev = MakeEvidence(2, "이재용 회장은 삼성전자를 이끈다.", "ko.works_for");
    const std::string id = g.AddEdge("works_for", "p:lee", "c:samsung", true, 0.8, {}, ev);
    g.AddEdge("works_for", "p:lee", "c:samsung", true, 0.8, {}, ev);
    g.AddEdge("works_for", "p:lee", "c:samsung", true, 0.8, {}, ev);
    CHECK(g.edges().at(id).evidence.size() == 1);

    Evidence inferred = ev;
    inferred.inferred = true;
    g.AddEdge("works_for", "p:lee", "c:samsung", true, 0.8, {}, inferred);
    CHECK(g.edges().at(id).evidence.size() == 2);
  }

  TEST_CASE("Evidence differing in any single field is not equal") {
    const Evidence base = MakeEvidence(1, "A met B.", "meets");
    CHECK(base == base);
    Evidence e = base;
    e.doc = "doc-2";
    CHECK_FALSE(e == base);
    e = base;
    e.sentence = 2;
    CHECK_FALSE(e == base);
    e = base;
    e.sentence_text = "A met C.";
    CHECK_FALSE(e == base);
    e = base;
    e.sentence_offsets.utf16_end += 1;
    CHECK_FALSE(e == base);
    e = base;
    e.match_offsets.byte_start += 1;
    CHECK_FALSE(e == base);
    e = base;
    e.rule = "meets2";
    CHECK_FALSE(e == base);
    e = base;
    e.inferred = true;
    CHECK_FALSE(e == base);
  }

  TEST_CASE("Merging keeps the highest confidence and the first value of each attribute") {
    FactGraph g;
    const std::string id = g.AddEdge("works_for", "p:a", "c:b", true, 0.6, {{"title", "CEO"}},
                                     MakeEvidence(0, "one", "r"));
    g.AddEdge("works_for", "p:a", "c:b", true, 0.9, {{"title", "chairman"}, {"since", "2020"}},
              MakeEvidence(1, "two", "r"));
    g.AddEdge("works_for", "p:a", "c:b", true, 0.7, {}, MakeEvidence(2, "three", "r"));
    const Edge& e = g.edges().at(id);
    CHECK(e.confidence == doctest::Approx(0.9));
    CHECK(e.attributes.size() == 2);
    CHECK(e.attributes.at("title") == "CEO");
    CHECK(e.attributes.at("since") == "2020");
    CHECK(e.evidence.size() == 3);
  }

  TEST_CASE("A non-finite confidence counts as zero and does not poison the maximum") {
    FactGraph g;
    const std::string id = g.AddEdge("r", "a", "b", true, std::numeric_limits<double>::quiet_NaN(), {},
                                     MakeEvidence(0, "x", "r"));
    CHECK(g.edges().at(id).confidence == 0.0);
    g.AddEdge("r", "a", "b", true, 0.4, {}, MakeEvidence(1, "y", "r"));
    CHECK(g.edges().at(id).confidence == doctest::Approx(0.4));
  }

  TEST_CASE("Symmetric edge ids do not depend on argument order") {
    CHECK(EdgeId("meets", "person:Alice", "person:Bob", false) ==
          EdgeId("meets", "person:Bob", "person:Alice", false));
    CHECK(EdgeId("meets", "p:이재용", "p:팀 쿡", false) == EdgeId("meets", "p:팀 쿡", "p:이재용", false));

    FactGraph g;
    const std::string id1 = g.AddEdge("meets", "person:Bob", "person:Alice", false, 0.5, {},
                                      MakeEvidence(0, "Bob met Alice.", "r"));
    const std::string id2 = g.AddEdge("meets", "person:Alice", "person:Bob", false, 0.5, {},
                                      MakeEvidence(1, "Alice met Bob.", "r"));
    CHECK(id1 == id2);
    REQUIRE(g.edges().size() == 1);
    // Stored with ordered endpoints, whichever direction came first.
    CHECK(g.edges().at(id1).source == "person:Alice");
    CHECK(g.edges().at(id1).target == "person:Bob");
    CHECK_FALSE(g.edges().at(id1).directed);
    CHECK(g.edges().at(id1).evidence.size() == 2);
  }

  TEST_CASE("Directed edge ids depend on argument order") {
    CHECK(EdgeId("works_for", "person:Alice", "company:Acme", true) !=
          EdgeId("works_for", "company:Acme", "person:Alice", true));
    FactGraph g;
    g.AddEdge("acquired", "c:a", "c:b", true, 1, {}, MakeEvidence(0, "A bought B.", "r"));
    g.AddEdge("acquired", "c:b", "c:a", true, 1, {}, MakeEvidence(1, "B bought A.", "r"));
    CHECK(g.edges().size() == 2);
    // The relation name and the separator are part of the hashed key.
    CHECK(EdgeId("meets", "a", "b", true) != EdgeId("works_for", "a", "b", true));
    CHECK(EdgeId("r", "ab", "c", true) != EdgeId("r", "a", "bc", true));
  }

  TEST_CASE("Edge ids equal FNV-1a 64 values computed independently") {
    // Expected values computed outside the library with python3:
    //   def fnv(b):
    //       h = 0xcbf29ce484222325
    //       for c in b: h = ((h ^ c) * 0x100000001b3) & 0xffffffffffffffff
    //       return "e%016x" % h
    //   fnv("works_for\x1fperson:홍길동\x1fcompany:삼성전자".encode())  # e589c9b1dac5cf874
    //   fnv("meets\x1fperson:Alice\x1fperson:Bob".encode())             # e87178aabfecf25fc
    //   fnv("\x1f\x1f".encode())                                          # e0879e907b5281763
    CHECK(EdgeId("works_for", "person:홍길동", "company:삼성전자", true) == "e589c9b1dac5cf874");
    CHECK(EdgeId("meets", "person:Alice", "person:Bob", false) == "e87178aabfecf25fc");
    CHECK(EdgeId("meets", "person:Bob", "person:Alice", false) == "e87178aabfecf25fc");
    CHECK(EdgeId("", "", "", true) == "e0879e907b5281763");
  }

  TEST_CASE("Edge ids are e followed by 16 lowercase hex digits") {
    for (const char* rel : {"", "x", "works_for", "만남"}) {
      const std::string id = EdgeId(rel, "s", "t", true);
      REQUIRE(id.size() == 17);
      CHECK(id[0] == 'e');
      for (size_t i = 1; i < id.size(); ++i) CHECK(IsLowerHex(id[i]));
    }
  }

  TEST_CASE("The rich fixture computes offsets in all three units") {
    // Guards the fixture the writer and schema tests rely on.
    const std::string& text = testing::KoreanArticle();
    const Offsets lee = testing::OffsetsOf(text, "이재용");
    CHECK(lee.start == 5);
    CHECK(lee.end == 8);
    CHECK(lee.byte_start == 13);
    CHECK(lee.byte_end == 22);
    CHECK(lee.utf16_start == 5);
    CHECK(lee.utf16_end == 8);
    const Offsets dot = testing::OffsetsOf(text, ".", text.find("🙂"));
    CHECK(dot.utf16_start == dot.start + 1);  // the emoji is a surrogate pair before it
    FactGraph g = testing::RichGraph();
    CHECK(g.nodes().size() == 5);
    CHECK(g.edges().size() == 3);
  }
}

}  // namespace
}  // namespace relata::graph
