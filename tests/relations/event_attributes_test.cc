#include "relations/event_attributes.h"

#include <doctest/doctest.h>

namespace relata::relations {
namespace {

// A document of sentences, one per line, whose mentions are given by surface.
struct Doc {
  std::string text;
  std::vector<ByteSpan> sentences;
  std::vector<Mention> mentions;
  std::vector<std::string> ids;  // node id per mention

  explicit Doc(std::string t) : text(std::move(t)) {
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      sentences.push_back({start, nl});
      start = nl + 1;
    }
  }
  size_t Add(const std::string& surface, const std::string& type, const std::string& id,
             const std::string& particle = "", const std::string& value = "") {
    size_t pos = text.find(surface);
    REQUIRE(pos != std::string::npos);
    Mention m;
    m.candidate.span = {pos, pos + surface.size()};
    m.candidate.type = type;
    m.candidate.particle = particle;
    if (!value.empty()) m.candidate.attributes["value"] = value;
    for (size_t s = 0; s < sentences.size(); ++s) {
      if (pos >= sentences[s].begin && pos < sentences[s].end) m.sentence = s;
    }
    mentions.push_back(std::move(m));
    ids.push_back(id);
    return mentions.size() - 1;
  }
  Fact Event(const std::string& relation, size_t source, size_t target) const {
    Fact f;
    f.relation = relation;
    f.source = source;
    f.target = target;
    f.sentence = mentions[source].sentence;
    return f;
  }
  void Run(std::vector<Fact>* facts) const {
    EventAttributeInput in;
    in.text = text;
    in.sentence_count = sentences.size();
    in.mentions = &mentions;
    in.entity_id = [this](size_t i) -> std::optional<std::string> { return ids[i]; };
    in.within = [](const std::string& inner, const std::string& outer) {
      return inner == "place:suwon" && outer == "place:korea";
    };
    in.is_event = [](const std::string& relation) { return relation == "met-with" || relation == "visited"; };
    AttachEventAttributes(in, facts);
  }
};

TEST_SUITE("relations") {
TEST_CASE("a place the next sentence names for another reason is not where the meeting was") {
  Doc d("갑 회장이 을 CEO를 만났다.\n미국 하버드대 동문인 두 사람은 오래 알았다.");
  size_t a = d.Add("갑", "person", "person:a");
  size_t b = d.Add("을", "person", "person:b");
  d.Add("미국", "place", "place:usa");
  std::vector<Fact> facts = {d.Event("met-with", a, b)};
  d.Run(&facts);
  CHECK(facts[0].attributes.count("place") == 0);
}

TEST_CASE("a locative place of the next sentence is the meeting's") {
  Doc d("갑 회장이 을 CEO를 만났다.\n두 사람은 수원에서 두 시간 대화했다.");
  size_t a = d.Add("갑", "person", "person:a");
  size_t b = d.Add("을", "person", "person:b");
  d.Add("수원", "place", "place:suwon", "에서");
  std::vector<Fact> facts = {d.Event("met-with", a, b)};
  d.Run(&facts);
  CHECK(facts[0].attributes["place"] == "place:suwon");
}

TEST_CASE("English: a place after in/at in the next sentence counts, a bare one does not") {
  Doc d("A met B.\nThe two talked in Suwon.\n");
  size_t a = d.Add("A", "person", "person:a");
  size_t b = d.Add("B", "person", "person:b");
  d.Add("Suwon", "place", "place:suwon");
  std::vector<Fact> facts = {d.Event("met-with", a, b)};
  d.Run(&facts);
  CHECK(facts[0].attributes["place"] == "place:suwon");

  Doc e("A met B.\nSuwon natives, the two talked.");
  a = e.Add("A", "person", "person:a");
  b = e.Add("B", "person", "person:b");
  e.Add("Suwon", "place", "place:suwon");
  facts = {e.Event("met-with", a, b)};
  e.Run(&facts);
  CHECK(facts[0].attributes.count("place") == 0);
}

TEST_CASE("the next sentence's own event keeps its date and place") {
  Doc d("갑과 을은 2013년 6월 회동했다.\n이듬해 10월 을은 수원 본사에서 일했고 수원을 방문했다.");
  size_t a = d.Add("갑", "person", "person:a");
  size_t b = d.Add("을", "person", "person:b");
  d.Add("2013년 6월", "date", "date:2013-06", "", "2013-06");
  d.Add("이듬해 10월", "date", "date:2014-10", "", "2014-10");
  size_t b2 = d.Add("을은 수원", "person", "person:b");
  d.mentions[b2].candidate.span.end = d.mentions[b2].candidate.span.begin + std::string("을").size();
  size_t p = d.Add("수원 본사", "place", "place:suwon", "에서");
  d.mentions[p].candidate.span.end = d.mentions[p].candidate.span.begin + std::string("수원").size();
  std::vector<Fact> facts = {d.Event("met-with", a, b), d.Event("visited", b2, p)};
  d.Run(&facts);
  CHECK(facts[0].attributes["date"] == "2013-06");
  CHECK(facts[0].attributes.count("place") == 0);
}

TEST_CASE("a next-sentence place said on another day is not the event's; the same day is") {
  Doc d("갑과 을은 2013년 6월 회동했다.\n이듬해 10월 을은 수원에서 일했다.");
  size_t a = d.Add("갑", "person", "person:a");
  size_t b = d.Add("을", "person", "person:b");
  d.Add("2013년 6월", "date", "date:2013-06", "", "2013-06");
  d.Add("이듬해 10월", "date", "date:2014-10", "", "2014-10");
  d.Add("수원", "place", "place:suwon", "에서");
  std::vector<Fact> facts = {d.Event("met-with", a, b)};
  d.Run(&facts);
  CHECK(facts[0].attributes["date"] == "2013-06");
  CHECK(facts[0].attributes.count("place") == 0);

  Doc e("갑과 을이 만났다.\n두 사람은 6월 3일 수원에서 식사했다.");
  a = e.Add("갑", "person", "person:a");
  b = e.Add("을", "person", "person:b");
  e.Add("6월 3일", "date", "date:x", "", "2013-06-03");
  e.Add("수원", "place", "place:suwon", "에서");
  facts = {e.Event("met-with", a, b)};
  e.Run(&facts);
  CHECK(facts[0].attributes["date"] == "2013-06-03");
  CHECK(facts[0].attributes["place"] == "place:suwon");
}

TEST_CASE("in the event's own sentence any place counts, the most specific one") {
  Doc d("갑은 한국 수원 공장을 찾아 을을 만났다.");
  size_t a = d.Add("갑", "person", "person:a");
  size_t b = d.Add("을을", "person", "person:b");
  d.Add("한국", "place", "place:korea");
  d.Add("수원", "place", "place:suwon");
  std::vector<Fact> facts = {d.Event("met-with", a, b)};
  d.Run(&facts);
  CHECK(facts[0].attributes["place"] == "place:suwon");
}

TEST_CASE("only relation types the rules call events get a date and place") {
  Doc d("갑은 수원에서 을을 만났다.");
  size_t a = d.Add("갑", "person", "person:a");
  size_t b = d.Add("을을", "person", "person:b");
  d.Add("수원", "place", "place:suwon", "에서");
  std::vector<Fact> facts = {d.Event("met-with", a, b), d.Event("holds-position", a, b)};
  d.Run(&facts);
  CHECK(facts[0].attributes["place"] == "place:suwon");
  CHECK(facts[1].attributes.count("place") == 0);
}
}

}  // namespace
}  // namespace relata::relations
